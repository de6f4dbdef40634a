/** Token vectors → one unit vector per text. Pure: the model's output and mask in, vectors out. */
import type { Pooling } from './options.js';
import { l2Normalize } from './similarity.js';

export interface HiddenStates {
  /** Row-major [batch, sequence, dimension]. */
  data: Float32Array;
  dims: readonly [batch: number, sequence: number, dimension: number];
}

/**
 * `mask` is the tokenizer's attention mask, row-major [batch, sequence]. Mean pooling averages only
 * the positions the mask keeps, so padding added for other texts in the batch changes nothing; cls
 * takes the first kept position, which tokenizers fill with [CLS] (bge models are trained that way).
 */
export function poolAndNormalize(hidden: HiddenStates, mask: ArrayLike<number | bigint>, pooling: Pooling): Float32Array[] {
  const [batch, sequence, dimension] = hidden.dims;
  if (mask.length !== batch * sequence) throw new RangeError(`attention mask has ${mask.length} values for ${batch}×${sequence} tokens`);
  const vectors: Float32Array[] = [];
  for (let b = 0; b < batch; b += 1) {
    const pooled = new Float32Array(dimension);
    const kept = keptPositions(mask, b, sequence);
    const positions = pooling === 'cls' ? kept.slice(0, 1) : kept;
    for (const s of positions) {
      const offset = (b * sequence + s) * dimension;
      for (let d = 0; d < dimension; d += 1) pooled[d] = pooled[d]! + hidden.data[offset + d]!;
    }
    // The mean's division is left out: normalisation removes any positive scale.
    vectors.push(l2Normalize(pooled));
  }
  return vectors;
}

function keptPositions(mask: ArrayLike<number | bigint>, row: number, sequence: number): number[] {
  const positions: number[] = [];
  for (let s = 0; s < sequence; s += 1) if (Number(mask[row * sequence + s]) !== 0) positions.push(s);
  return positions;
}
