import { describe, expect, test } from 'vitest';

import { CategoryTrainingError, trainCategoryClassifier } from '../../../../nlu/category/index.js';
import { FAST_OPTIONS, MESSAGES, PARENTS } from './fixtures.js';

describe('category classifier training', () => {
  const model = trainCategoryClassifier({
    examples: MESSAGES,
    parents: PARENTS,
    options: FAST_OPTIONS,
    version: 'test-1',
    now: new Date('2026-11-21T00:00:00Z'),
  });

  test.each([
    { text: '晚上路灯不亮了', expects: 'URBAN.LIGHT' },
    { text: '隔壁餐馆油烟太重', expects: 'ENV.FUMES' },
    { text: '单位欠我两个月工资', expects: 'LABOR.WAGES' },
  ])('when it reads "$text", then the top label is $expects', ({ text, expects }) => {
    expect(model.predict(text)[0]?.label).toBe(expects);
  });

  test('when it predicts, then the scores are probabilities summing to 1, best first', () => {
    const scores = model.predict('路灯').map((s) => s.score);
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  test('when labels have parents, then each parent scores the sum of its children', () => {
    const decision = model.decide('油烟');
    const [top] = decision.levels[0]!;
    const child = decision.labels.find((l) => top && decision.levels[1]!.find((c) => c.label === l.label)?.path[0] === top.label);
    expect(top?.path).toEqual([top?.label]);
    expect(top?.score).toBeCloseTo(child!.score, 10);
    expect(decision.levels[0]!.reduce((sum, l) => sum + l.score, 0)).toBeCloseTo(1, 6);
  });

  test('when training is done, then every label has thresholds and cross-validated figures are stored', () => {
    expect(Object.keys(model.parts.thresholds).sort()).toEqual(['ENV.FUMES', 'LABOR.WAGES', 'URBAN.LIGHT']);
    const cv = model.parts.metrics.crossValidation as { folds: number; examples: number; macroF1: number };
    expect(cv.folds).toBe(3);
    expect(cv.examples).toBe(MESSAGES.length);
    expect(cv.macroF1).toBeGreaterThan(0);
  });

  test('when unlabelled messages and self-training are given, then an unlabelled copy of a labelled message is not used', () => {
    const withPool = trainCategoryClassifier({
      examples: MESSAGES,
      unlabeled: [MESSAGES[0]!.text, '马路上的路灯坏了', '饭店油烟扰民'],
      options: { ...FAST_OPTIONS, selfTraining: { share: 1, weight: 0.5, rounds: 1 } },
    });
    expect((withPool.parts.metrics.crossValidation as { unlabeled: number }).unlabeled).toBe(2);
    expect(withPool.predict('路灯坏了')[0]?.label).toBe('URBAN.LIGHT');
  });

  test('when only one category is labelled, then training fails with a typed error', () => {
    expect(() => trainCategoryClassifier({ examples: MESSAGES.slice(0, 5), options: FAST_OPTIONS })).toThrow(CategoryTrainingError);
  });

  test('when an option is out of range, then training refuses it', () => {
    expect(() => trainCategoryClassifier({ examples: MESSAGES, options: { folds: 1 } })).toThrow();
  });
});
