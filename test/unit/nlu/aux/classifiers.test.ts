import { describe, expect, test } from 'vitest';

import { RulePriorClassifier } from '../../../../nlu/department/rule-prior.js';
import { rankDepartments } from '../../../../nlu/department/department-ranking.js';
import { trainDepartmentClassifier } from '../../../../nlu/department/department.classifier.js';
import { TextClassifier, TrainingDataError, crossValidate } from '../../../../nlu/department/text-classifier.js';
import { scoreRules, type KeywordRule } from '../../../../nlu/rules/keyword-rules.js';
import { requestTypeFromRules, trainRequestType } from '../../../../nlu/request-type/index.js';
import { trainUrgency, urgencyFromRules } from '../../../../nlu/urgency/index.js';
import { normalizeText } from '../../../../nlu/text/normalize.js';
import { HAND_LABELLED } from './fixtures/hand-labelled.js';

/** Three topics with distinct words, several phrasings each: enough for a model to separate them. */
const TOPICS: Record<string, string[]> = {
  WATER: ['小区停水三天了', '自来水管道漏水', '水压太低用不了水', '水费收得不对', '自来水发黄有异味', '二次供水水箱没人清洗'],
  SCHOOL: ['孩子上学划片不合理', '学校乱收补课费', '幼儿园学位不够', '小学入学需要什么材料', '学校食堂饭菜不卫生', '老师体罚学生'],
  ROAD: ['路面坑洼车辆难行', '路灯坏了晚上很黑', '公交站台被拆了', '红绿灯时间太短', '人行道被占用', '道路施工围挡太久'],
};
const EXAMPLES = Object.entries(TOPICS).flatMap(([label, texts]) => texts.map((text) => ({ text, label })));

describe('text classifier', () => {
  const model = TextClassifier.train(EXAMPLES, { calibrationFolds: 3 });

  test('when it predicts, then every label gets a probability and they sum to 1, best first', () => {
    const scores = model.predict('我家停水了');
    expect(scores.map((s) => s.label).sort()).toEqual(['ROAD', 'SCHOOL', 'WATER']);
    expect(scores.reduce((sum, s) => sum + s.score, 0)).toBeCloseTo(1, 6);
    expect(scores[0]!.label).toBe('WATER');
  });

  test('when the text shares no term with the training data, then the classifier says it does not know it', () => {
    expect(model.knows('xyz')).toBe(false);
    expect(model.knows('学校')).toBe(true);
  });

  test('when trained with calibration folds, then the temperature is fitted rather than left at 1', () => {
    expect(model.temperature).toBeGreaterThan(0);
    expect(model.temperature).not.toBe(1);
  });

  test('when cross-validated, then every example is predicted exactly once by a model that did not see it', () => {
    const held = crossValidate(EXAMPLES, {}, 3);
    expect(held).toHaveLength(EXAMPLES.length);
    expect(held.filter((h) => h.ranked[0]!.label === h.label).length).toBeGreaterThan(EXAMPLES.length / 3);
  });

  test('when there is only one label, then training fails with a training-data error', () => {
    expect(() =>
      TextClassifier.train([
        { text: '停水', label: 'WATER' },
        { text: '漏水', label: 'WATER' },
      ]),
    ).toThrow(TrainingDataError);
  });

  test('when a department has too few examples, then the department classifier leaves it out', () => {
    const model = trainDepartmentClassifier(
      [...EXAMPLES.map(({ text, label }) => ({ text, departmentCode: label })), { text: '燃气表坏了', departmentCode: 'GAS' }],
      { minExamplesPerUnit: 5, classifier: { calibrationFolds: 0 } },
    );
    expect(model.labels).toEqual(['ROAD', 'SCHOOL', 'WATER']);
  });
});

describe('rules as priors', () => {
  const typed = HAND_LABELLED.map(({ text, type }) => ({ text, label: type }));

  test('when no labels exist, then the rules answer', () => {
    const result = requestTypeFromRules().classify(normalizeText('我要举报一家无证经营的黑作坊'));
    expect(result.source).toBe('rules');
    expect(result.scores[0]!.value).toBe('REPORT');
  });

  test('when too few labels exist, then training keeps the rules', () => {
    expect(trainRequestType(typed.slice(0, 4)).trained).toBe(false);
  });

  test('when the model does not beat the rules in cross-validation, then the rules keep answering', () => {
    // The rules were written with these very messages in view: a model trained on 50 of them cannot beat that.
    const classifier = trainRequestType(typed, { classifier: { calibrationFolds: 0 } });
    expect(classifier.trained).toBe(false);
    expect(classifier.handover!.rulesAccuracy).toBeGreaterThanOrEqual(classifier.handover!.modelAccuracy);
  });

  describe('with rules that miss what the labels say', () => {
    // A rule set that only knows one word: the labelled topics are what a model can learn and the rules cannot.
    const rules: KeywordRule<string>[] = [{ value: 'WATER', weight: 2, patterns: [/停水/u] }];
    const score = (normalized: string) => scoreRules(normalized, rules, 'OTHER');
    const classifier = RulePriorClassifier.train(rules, score, EXAMPLES, { classifier: { calibrationFolds: 0 }, comparisonFolds: 3 });

    test('when the model beats the rules, then it takes over for texts it knows', () => {
      expect(classifier.handover!.modelAccuracy).toBeGreaterThan(classifier.handover!.rulesAccuracy);
      expect(classifier.classify(normalizeText('学校收费不合理'))).toMatchObject({ source: 'model' });
      expect(classifier.classify(normalizeText('学校收费不合理')).scores[0]!.value).toBe('SCHOOL');
    });

    test('when a text shares nothing with the training data, then the rules answer', () => {
      expect(classifier.classify(normalizeText('hello')).source).toBe('rules');
    });
  });

  test('when a safety cue fires, then EXTRA_URGENT stays first even after training on ordinary tickets', () => {
    const ordinary = HAND_LABELLED.filter((e) => e.urgency !== 'EXTRA_URGENT').map(({ text, urgency }) => ({ text, label: urgency }));
    const classifier = trainUrgency(ordinary, { minExamplesPerLabel: 3, classifier: { calibrationFolds: 0 } });
    const result = classifier.classify(normalizeText('楼道里煤气味很重，邻居家好像漏气了'));
    expect(result.source).toBe('override');
    expect(result.scores[0]!.value).toBe('EXTRA_URGENT');
  });

  test('when nothing urgent is said, then the rules-only urgency is NORMAL', () => {
    expect(urgencyFromRules().classify(normalizeText('人行道上的地砖松动了')).scores[0]!.value).toBe('NORMAL');
  });
});

describe('department ranking', () => {
  const names: Record<string, string> = { HOUSING: '市住房和城乡建设局', URBAN: '市城市管理和综合执法局', WATER: '市水务集团' };
  const nameOf = (code: string) => names[code];

  test('when catalogue and text agree, then the shared unit is first with both scores', () => {
    const ranking = rankDepartments(
      [{ code: 'HOUSING', score: 0.8 }],
      [
        { code: 'HOUSING', score: 0.6 },
        { code: 'URBAN', score: 0.3 },
      ],
      nameOf,
    );
    expect(ranking.agree).toBe(true);
    expect(ranking.departments[0]).toEqual({ code: 'HOUSING', name: '市住房和城乡建设局', score: 0.7, byCatalogue: 0.8, byText: 0.6 });
  });

  test('when they disagree, then both first choices are listed even beyond the limit', () => {
    const ranking = rankDepartments(
      [
        { code: 'HOUSING', score: 0.9 },
        { code: 'URBAN', score: 0.05 },
      ],
      [
        { code: 'WATER', score: 0.5 },
        { code: 'URBAN', score: 0.45 },
      ],
      nameOf,
      { limit: 1 },
    );
    expect(ranking.agree).toBe(false);
    expect(ranking.departments.map((d) => d.code)).toEqual(['HOUSING', 'WATER']);
    expect(ranking.departments[1]).toMatchObject({ byCatalogue: 0, byText: 0.5 });
  });

  test('when the text names a unit the live catalogue does not have, then it is dropped', () => {
    const ranking = rankDepartments([{ code: 'URBAN', score: 0.5 }], [{ code: 'GONE', score: 0.9 }], nameOf);
    expect(ranking.departments.map((d) => d.code)).toEqual(['URBAN']);
    expect(ranking.agree).toBe(true);
  });

  test('when only the text has an opinion, then its scores are used unweighted', () => {
    const ranking = rankDepartments([], [{ code: 'WATER', score: 0.7 }], nameOf);
    expect(ranking.departments[0]).toMatchObject({ code: 'WATER', score: 0.7 });
  });
});
