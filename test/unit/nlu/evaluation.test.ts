/** The figures every model version is judged by, on small cases worked out by hand. */
import { describe, expect, test } from 'vitest';

import { evaluate, expectedCalibrationError, stratifiedHoldout, thresholdsAt, type Prediction } from '../../../nlu/evaluation.js';
import { seededRandom } from '../../../nlu/random.js';

const p = (label: string, predicted: string, score: number): Prediction => ({ label, predicted, score });

describe('evaluate', () => {
  test('when predictions are known, then accuracy, per-class figures, macro-F1 and the confusion matrix follow', () => {
    const result = evaluate([p('A', 'A', 0.9), p('A', 'A', 0.8), p('A', 'B', 0.6), p('B', 'B', 0.7), p('B', 'A', 0.55), p('C', 'C', 0.9)]);
    expect(result.n).toBe(6);
    expect(result.accuracy).toBeCloseTo(4 / 6);
    // A: precision 2/3, recall 2/3; B: precision 1/2, recall 1/2; C: 1 and 1.
    expect(result.perClass.A).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, support: 3 });
    expect(result.perClass.B!.f1).toBeCloseTo(0.5);
    expect(result.macroF1).toBeCloseTo((2 / 3 + 0.5 + 1) / 3);
    expect(result.confusion).toEqual({
      labels: ['A', 'B', 'C'],
      counts: [
        [2, 1, 0],
        [1, 1, 0],
        [0, 0, 1],
      ],
    });
  });

  test('when a class is only ever predicted, never true, then it does not count in macro-F1', () => {
    const result = evaluate([p('A', 'A', 0.9), p('A', 'X', 0.9)]);
    expect(result.perClass.X).toMatchObject({ precision: 0, support: 0 });
    expect(result.macroF1).toBeCloseTo(result.perClass.A!.f1);
  });
});

describe('thresholds at a target precision', () => {
  test('when the top scores of a class are right and lower ones wrong, then the threshold sits at the lowest score that keeps the precision', () => {
    const predictions = [0.99, 0.98, 0.97, 0.96, 0.95, 0.94]
      .map((score) => p('A', 'A', score))
      .concat([p('B', 'A', 0.5), p('A', 'A', 0.4)]);
    expect(thresholdsAt(predictions, 0.95)).toEqual({ A: 0.94 });
    const result = evaluate(predictions, 0.95);
    expect(result.coverageAtPrecision).toEqual({ target: 0.95, coverage: 6 / 8, precision: 1, routed: 6 });
  });

  test("when the model's own thresholds are given, then coverage and precision are measured at them, not fitted to the data", () => {
    const predictions = [p('A', 'A', 0.9), p('B', 'A', 0.8), p('A', 'A', 0.5), p('B', 'B', 0.95)];
    const result = evaluate(predictions, 0.95, { A: 0.75 });
    expect(result.thresholds).toEqual({ A: 0.75 });
    expect(result.coverageAtPrecision).toEqual({ target: 0.95, coverage: 2 / 4, precision: 1 / 2, routed: 2 });
  });

  test('when a class has fewer than five predictions or never reaches the precision, then it gets no threshold', () => {
    const few = [p('A', 'A', 0.9), p('A', 'A', 0.8)];
    const poor = Array.from({ length: 10 }, (_, i) => p(i % 2 ? 'B' : 'C', 'C', 0.9 - i * 0.01));
    expect(thresholdsAt([...few, ...poor], 0.95)).toEqual({});
  });
});

describe('calibration and splits', () => {
  test('when scores match the hit rate, then the calibration error is near zero; when overconfident, it is the gap', () => {
    const honest = [...Array.from({ length: 8 }, () => p('A', 'A', 0.8)), p('A', 'B', 0.8), p('A', 'B', 0.8)];
    expect(expectedCalibrationError(honest)).toBeCloseTo(0);
    const overconfident = [p('A', 'A', 0.95), p('A', 'B', 0.95)];
    expect(expectedCalibrationError(overconfident)).toBeCloseTo(0.45);
  });

  test('when examples are split, then every label with two or more examples is represented in both parts, and the split is reproducible', () => {
    const items = [
      ...Array.from({ length: 10 }, (_, i) => ({ label: 'A', i })),
      ...Array.from({ length: 5 }, (_, i) => ({ label: 'B', i })),
      { label: 'C', i: 0 },
    ];
    const split = stratifiedHoldout(items, 0.2, seededRandom(7));
    expect(split.test.filter((item) => item.label === 'A')).toHaveLength(2);
    expect(split.test.filter((item) => item.label === 'B')).toHaveLength(1);
    expect(split.train.filter((item) => item.label === 'C')).toHaveLength(1);
    expect(split.train.length + split.test.length).toBe(items.length);
    expect(stratifiedHoldout(items, 0.2, seededRandom(7))).toEqual(split);
  });
});
