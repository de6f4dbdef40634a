import { describe, expect, test } from 'vitest';

import { fitTemperature, negativeLogLikelihood, type HeldOutPrediction } from '../../nlu/calibration.js';

/** Two labels; the model gives the true label probability `p`, and is right `accuracy` of the time. */
function predictions(p: number, accuracy: number, n = 1_000): HeldOutPrediction[] {
  return Array.from({ length: n }, (_, i) => {
    const right = i < n * accuracy;
    return { logProbabilities: Float64Array.from([Math.log(p), Math.log(1 - p)]), label: right ? 0 : 1 };
  });
}

describe('temperature scaling', () => {
  test.each([
    { description: 'claims 99 % but is right 75 % of the time', p: 0.99, accuracy: 0.75, expects: 'softened (T > 1)' },
    { description: 'claims 55 % but is right 95 % of the time', p: 0.55, accuracy: 0.95, expects: 'sharpened (T < 1)' },
  ])('when a model $description, then its scores are $expects to match', ({ p, accuracy }) => {
    const held = predictions(p, accuracy);
    const t = fitTemperature(held);
    const calibrated = 1 / (1 + Math.exp((Math.log(1 - p) - Math.log(p)) / t));
    expect(calibrated).toBeCloseTo(accuracy, 2);
    expect(negativeLogLikelihood(held, t)).toBeLessThan(negativeLogLikelihood(held, 1));
  });

  test('when there is nothing held out, then the temperature stays 1', () => {
    expect(fitTemperature([])).toBe(1);
  });
});
