import { describe, expect, test } from 'vitest';

import { poolAndNormalize, type HiddenStates } from '../../../../nlu/embeddings/index.js';

// Two texts, three positions, two dimensions. Text 0 has one padded position holding a large vector.
const hidden: HiddenStates = {
  data: Float32Array.from([1, 0, 0, 1, 50, 0, /* text 1 */ 0, 2, 0, 2, 0, 2]),
  dims: [2, 3, 2],
};
const mask = BigInt64Array.from([1n, 1n, 0n, 1n, 1n, 1n]);

describe('pooling', () => {
  test('when pooling by mean, then masked positions are left out and each vector has unit length', () => {
    const [first, second] = poolAndNormalize(hidden, mask, 'mean');
    expect(Array.from(first!)).toEqual([expect.closeTo(Math.SQRT1_2, 6), expect.closeTo(Math.SQRT1_2, 6)]);
    expect(Array.from(second!)).toEqual([0, 1]);
  });

  test('when pooling by cls, then the first position alone gives the vector', () => {
    const [first] = poolAndNormalize(hidden, mask, 'cls');
    expect(Array.from(first!)).toEqual([1, 0]);
  });

  test('when a text is padded on the left, then cls takes its first kept position', () => {
    const [first] = poolAndNormalize({ data: Float32Array.from([9, 9, 0, 3, 1, 1]), dims: [1, 3, 2] }, [0, 1, 1], 'cls');
    expect(Array.from(first!)).toEqual([0, 1]);
  });

  test('when the mask does not match the batch, then it throws', () => {
    expect(() => poolAndNormalize(hidden, [1, 1, 1], 'mean')).toThrow(/3 values for 2×3/);
  });
});
