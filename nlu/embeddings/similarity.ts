/** Vector arithmetic for embeddings. Embedders return unit vectors, so their cosine is the dot product. */

export function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`vectors of different dimensions: ${a.length} and ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}

export function norm(v: Float32Array): number {
  return Math.sqrt(dot(v, v));
}

/** Cosine similarity of any two vectors (not only unit ones); 0 when either is all zeros. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot(a, b) / denominator;
}

/** A unit-length copy; an all-zero vector stays all zeros rather than becoming NaN. */
export function l2Normalize(v: Float32Array): Float32Array {
  const length = norm(v);
  return length === 0 ? new Float32Array(v) : v.map((x) => x / length);
}
