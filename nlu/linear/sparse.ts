/** A sparse row: parallel arrays of feature indices (ascending) and values. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}
