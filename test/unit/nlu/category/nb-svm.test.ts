import { describe, expect, test } from 'vitest';

import { decisionInto } from '../../../../nlu/category/linear-svm.js';
import { trainNbSvm, type NbSvmOptions } from '../../../../nlu/category/nb-svm.js';
import type { SparseVector } from '../../../../nlu/linear/sparse.js';

const OPTIONS: NbSvmOptions = { alpha: 0.5, c: 0.5, balancePower: 1, seed: 42 };
const FEATURES = 6;

/** A row with value 1 on each listed feature, L2-normalised. */
function row(...features: number[]): SparseVector {
  const sorted = [...features].sort((a, b) => a - b);
  return { indices: Uint32Array.from(sorted), values: new Float32Array(sorted.length).fill(1 / Math.sqrt(sorted.length)) };
}

// Feature 0 marks class 0, feature 1 class 1, feature 2 class 2; feature 5 is in every row.
const ROWS = [row(0, 5), row(0, 3, 5), row(0, 4, 5), row(1, 5), row(1, 3, 5), row(1, 4, 5), row(2, 5), row(2, 3, 5), row(2, 4, 5)];
const LABELS = [0, 0, 0, 1, 1, 1, 2, 2, 2];

function predict(model: ReturnType<typeof trainNbSvm>, x: SparseVector): number {
  const out = new Float64Array(model.classes);
  decisionInto(model, x, out);
  return out.indexOf(Math.max(...out));
}

describe('NB-SVM', () => {
  test('when each category has its own marker word, then unseen messages with that word go to it', () => {
    const model = trainNbSvm(ROWS, LABELS, 3, FEATURES, OPTIONS);
    expect([predict(model, row(0, 4)), predict(model, row(1, 3)), predict(model, row(2))]).toEqual([0, 1, 2]);
  });

  test('when a word occurs in every message, then its log-count ratio leaves it almost no weight', () => {
    const model = trainNbSvm(ROWS, LABELS, 3, FEATURES, OPTIONS);
    // Feature 5 is in all rows: its ratio is near 0 for every class, so it is scaled away; markers are not.
    for (let c = 0; c < 3; c += 1) {
      expect(Math.abs(model.weights[5 * 3 + c]!)).toBeLessThan(0.1 * Math.abs(model.weights[c * 3 + c]!));
      expect(model.weights[c * 3 + c]).toBeGreaterThan(0);
      expect(model.weights[c * 3 + ((c + 1) % 3)]).toBeLessThan(0);
    }
  });

  test('when rows have sample weight 0, then the model is the one trained without them', () => {
    const noise = [row(1, 3), row(0, 4)];
    const withNoise = trainNbSvm([...ROWS, ...noise], [...LABELS, 0, 1], 3, FEATURES, OPTIONS, [...LABELS.map(() => 1), 0, 0]);
    const without = trainNbSvm(ROWS, LABELS, 3, FEATURES, OPTIONS);
    // The balanced class weights count rows, not weights, so compare decisions and the markers' signs, not raw values.
    for (const x of [row(0), row(1), row(2), row(0, 3), row(1, 4), row(2, 3)]) expect(predict(withNoise, x)).toBe(predict(without, x));
    for (const f of [0, 1, 2])
      for (let c = 0; c < 3; c += 1) expect(Math.sign(withNoise.weights[f * 3 + c]!)).toBe(Math.sign(without.weights[f * 3 + c]!));
  });

  test('when trained twice with the same seed, then the weights are identical', () => {
    const a = trainNbSvm(ROWS, LABELS, 3, FEATURES, OPTIONS);
    const b = trainNbSvm(ROWS, LABELS, 3, FEATURES, OPTIONS);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(Array.from(a.bias)).toEqual(Array.from(b.bias));
  });
});
