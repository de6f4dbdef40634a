import { describe, expect, test } from 'vitest';

import { cosineSimilarity, l2Normalize, norm } from '../../../../nlu/embeddings/index.js';

const v = (...values: number[]) => Float32Array.from(values);

interface TestCase {
  description: string;
  input: [Float32Array, Float32Array];
  expects: number;
}

describe('cosine similarity', () => {
  test.each<TestCase>([
    { description: 'when two vectors point the same way, then 1 whatever their lengths', input: [v(1, 2, 2), v(2, 4, 4)], expects: 1 },
    { description: 'when they are orthogonal, then 0', input: [v(1, 0), v(0, 3)], expects: 0 },
    { description: 'when they are opposite, then -1', input: [v(1, -1), v(-2, 2)], expects: -1 },
    { description: 'when one is all zeros, then 0 rather than NaN', input: [v(0, 0), v(1, 1)], expects: 0 },
  ])('$description', ({ input, expects }) => {
    expect(cosineSimilarity(...input)).toBeCloseTo(expects, 6);
  });

  test('when dimensions differ, then it throws instead of comparing a prefix', () => {
    expect(() => cosineSimilarity(v(1, 2), v(1, 2, 3))).toThrow(/dimensions: 2 and 3/);
  });
});

describe('l2 normalisation', () => {
  test('when a vector is normalised, then it has length 1 and keeps its direction, and the input is untouched', () => {
    const input = v(3, 4);
    const unit = l2Normalize(input);
    expect(norm(unit)).toBeCloseTo(1, 6);
    expect(Array.from(unit)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(Array.from(input)).toEqual([3, 4]);
  });

  test('when the vector is all zeros, then it stays all zeros', () => {
    expect(Array.from(l2Normalize(v(0, 0, 0)))).toEqual([0, 0, 0]);
  });
});
