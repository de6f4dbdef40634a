/** Saved text and rule-prior classifiers answer exactly as the trained ones, and damaged states fail clearly. */
import { describe, expect, test } from 'vitest';

import { TextModelFormatError } from '../../../../nlu/department/errors.js';
import { RulePriorClassifier } from '../../../../nlu/department/rule-prior.js';
import { TextClassifier } from '../../../../nlu/department/text-classifier.js';
import { requestTypeFromRules, requestTypeFromState, trainRequestType } from '../../../../nlu/request-type/index.js';
import { scoreRules, type KeywordRule } from '../../../../nlu/rules/keyword-rules.js';
import { normalizeText } from '../../../../nlu/text/normalize.js';
import { trainUrgency, urgencyFromState } from '../../../../nlu/urgency/index.js';
import { DECISIONS, ERRANDS, PHOTO_REPORTS } from './fixtures/decisions.js';

const TOPICS: Record<string, string[]> = {
  WATER: ['小区停水三天了', '自来水管道漏水', '水压太低用不了水', '水费收得不对', '自来水发黄有异味', '二次供水水箱没人清洗'],
  SCHOOL: ['孩子上学划片不合理', '学校乱收补课费', '幼儿园学位不够', '小学入学需要什么材料', '学校食堂饭菜不卫生', '老师体罚学生'],
  ROAD: ['路面坑洼车辆难行', '路灯坏了晚上很黑', '公交站台被拆了', '红绿灯时间太短', '人行道被占用', '道路施工围挡太久'],
};
const EXAMPLES = Object.entries(TOPICS).flatMap(([label, texts]) => texts.map((text) => ({ text, label })));
const PROBES = ['我家停水了', '学校收费不合理', '路灯不亮', '学校门口的路灯坏了，水管也漏水', 'hello', ''];

/** Through JSON text, as the file on disk holds it. */
const throughJson = <T>(state: T): unknown => JSON.parse(JSON.stringify(state));

describe('text classifier state', () => {
  const model = TextClassifier.train(EXAMPLES, { calibrationFolds: 3 });

  test('when saved and loaded, then every prediction and the unknown-text check are identical', () => {
    const loaded = TextClassifier.fromState(throughJson(model.toState()));
    expect(loaded.labels).toEqual(model.labels);
    expect(loaded.temperature).toBe(model.temperature);
    for (const text of PROBES) {
      expect(loaded.predict(text)).toEqual(model.predict(text));
      expect(loaded.knows(text)).toBe(model.knows(text));
    }
  });

  type Damage = { description: string; damage: (state: Record<string, unknown>) => void; message: RegExp };
  const cases: Damage[] = [
    { description: 'another format', damage: (s) => (s.format = 'suqiu.category-classifier'), message: /format/ },
    { description: 'a later format version', damage: (s) => (s.formatVersion = 2), message: /formatVersion/ },
    { description: 'truncated weights', damage: (s) => (s.weights = (s.weights as string).slice(0, 40)), message: /weights: expected/ },
    { description: 'an idf per term missing', damage: (s) => (s.vocabulary = [...(s.vocabulary as string[]), 'extra']), message: /idf/ },
    { description: 'a bias too few', damage: (s) => (s.bias = (s.bias as number[]).slice(1)), message: /bias/ },
    { description: 'a label twice', damage: (s) => (s.labels = ['ROAD', 'ROAD', 'WATER']), message: /labels repeat/ },
    { description: 'no temperature', damage: (s) => delete s.temperature, message: /temperature/ },
  ];
  test.each(cases)('when the state has $description, then loading fails with a format error saying so', ({ damage, message }) => {
    const state = throughJson(model.toState()) as Record<string, unknown>;
    damage(state);
    expect(() => TextClassifier.fromState(state)).toThrow(TextModelFormatError);
    expect(() => TextClassifier.fromState(state)).toThrow(message);
  });

  test('when a model trained with extra features is loaded without them (or the reverse), then loading fails', () => {
    const withFeatures = TextClassifier.train(EXAMPLES, { calibrationFolds: 0, features: () => ['§x'] });
    expect(() => TextClassifier.fromState(throughJson(withFeatures.toState()))).toThrow(/with extra features/);
    expect(() => TextClassifier.fromState(throughJson(model.toState()), () => [])).toThrow(/without extra features/);
  });
});

describe('rule-prior classifier state', () => {
  const typed = DECISIONS.map(({ text, requestType }) => ({ text, label: requestType! }));
  const trained = trainRequestType(typed, { classifier: { calibrationFolds: 3 } });
  const probes = [...PHOTO_REPORTS, ...ERRANDS, '随手拍：路口垃圾桶倒了', '我要举报一家无证经营的黑作坊', 'hello'].map(normalizeText);

  test('when a trained request-type model is saved and loaded, then it answers identically, with the same source', () => {
    expect(trained.trained).toBe(true);
    const loaded = requestTypeFromState(throughJson(trained.toState()));
    expect(loaded.trained).toBe(true);
    expect(loaded.handover).toEqual(trained.handover);
    for (const text of probes) expect(loaded.classify(text)).toEqual(trained.classify(text));
  });

  test('when a classifier that stayed on the rules is saved and loaded, then the rules answer and the handover figures stay', () => {
    const onRules = trainRequestType(typed.slice(0, 3));
    const state = throughJson(onRules.toState());
    expect(state).toMatchObject({ model: null, handover: null });
    const loaded = requestTypeFromState(state);
    expect(loaded.trained).toBe(false);
    for (const text of probes) expect(loaded.classify(text)).toEqual(requestTypeFromRules().classify(text));
  });

  test('when a saved urgency model is loaded, then a safety cue still puts EXTRA_URGENT first', () => {
    const urgency = trainUrgency(
      DECISIONS.map(({ text, urgency }) => ({ text, label: urgency! })),
      { classifier: { calibrationFolds: 0 } },
    );
    expect(urgency.trained).toBe(true);
    const loaded = urgencyFromState(throughJson(urgency.toState()));
    const result = loaded.classify(normalizeText('帮办代办：新华街道楼道里煤气味很重，邻居家好像漏气了'));
    expect(result.source).toBe('override');
    expect(result.scores[0]!.value).toBe('EXTRA_URGENT');
    expect(loaded.classify(normalizeText(ERRANDS[0]!))).toEqual(urgency.classify(normalizeText(ERRANDS[0]!)));
  });

  test('when the rules are reordered after training, then the loaded model still answers identically', () => {
    // Rule features are named by pattern, not position: a deploy that reorders or adds rules keeps saved models' meaning.
    const rules: KeywordRule<string>[] = [
      { value: 'WATER', weight: 2, patterns: [/停水/u] },
      { value: 'SCHOOL', weight: 2, patterns: [/学校/u] },
    ];
    const score = (normalized: string) => scoreRules(normalized, rules, 'OTHER');
    const classifier = RulePriorClassifier.train(rules, score, EXAMPLES, { classifier: { calibrationFolds: 0 }, comparisonFolds: 3 });
    expect(classifier.trained).toBe(true);
    const reordered = [{ value: 'ROAD', weight: 1, patterns: [/路灯/u] }, ...rules].reverse();
    const values = ['WATER', 'SCHOOL', 'ROAD', 'OTHER'];
    const loaded = RulePriorClassifier.fromState(throughJson(classifier.toState()), { rules: reordered, score, values });
    const rows = PROBES.map(normalizeText);
    // Only a text that hits the new rule may differ; the others must not.
    for (const text of rows.filter((row) => !/路灯/u.test(row))) expect(loaded.classify(text)).toEqual(classifier.classify(text));
  });

  test('when a saved model names a value the classifier may not answer, then loading fails', () => {
    const state = throughJson(trained.toState()) as { model: { labels: string[] } };
    state.model.labels = state.model.labels.map((label) => (label === 'HELP' ? 'GOSSIP' : label));
    expect(() => requestTypeFromState(state)).toThrow(/GOSSIP/);
  });

  test('when the state is not a rule-prior state, then loading fails with a format error', () => {
    expect(() => requestTypeFromState({ format: 'suqiu.rule-prior', formatVersion: 1 })).toThrow(TextModelFormatError);
    expect(() => requestTypeFromState(trained.toState().model)).toThrow(/request-type model is invalid/);
  });
});
