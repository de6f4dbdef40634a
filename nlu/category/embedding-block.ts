/**
 * The optional dense block of sentence embeddings appended after the TF-IDF (and LSA) features: the row
 * becomes TF-IDF ⊕ weight · vector. The model records which embedding model made its vectors, because
 * vectors of two models live in unrelated spaces and must never be mixed; the caller embeds (I/O), this
 * module only places numbers. A message without a vector gets a zero block, i.e. the n-grams alone.
 */
import type { SparseVector } from '../linear/sparse.js';
import { CategoryTrainingError } from './errors.js';

export interface EmbeddingBlock {
  /** The embedder's model id (nlu/embeddings): vectors of any other model are refused. */
  modelId: string;
  dimensions: number;
  /** L2 norm of the appended block. */
  weight: number;
}

/** Vectors given to training: one per example (and per prior; priors without vectors get a zero block). */
export interface TrainEmbeddings {
  modelId: string;
  examples: readonly Float32Array[];
  priors?: readonly Float32Array[];
}

/** A vector whose length is not the model's embedding dimension (another model, or a bug upstream). */
export class EmbeddingDimensionError extends Error {
  public readonly kind = 'INVALID_DATA' as const;
}

/** The block a training run will append, after checking the vectors fit the examples; undefined without vectors. */
export function embeddingBlockOf(
  embeddings: TrainEmbeddings | undefined,
  counts: { examples: number; priors: number },
  weight: number,
): EmbeddingBlock | undefined {
  if (!embeddings) return undefined;
  if (embeddings.examples.length !== counts.examples)
    throw new CategoryTrainingError(`got ${embeddings.examples.length} embedding vectors for ${counts.examples} labelled messages`);
  if (embeddings.priors && embeddings.priors.length !== counts.priors)
    throw new CategoryTrainingError(`got ${embeddings.priors.length} embedding vectors for ${counts.priors} priors`);
  const dimensions = embeddings.examples[0]?.length ?? 0;
  if (dimensions === 0) throw new CategoryTrainingError('embedding vectors are empty');
  for (const vector of [...embeddings.examples, ...(embeddings.priors ?? [])]) checkLength(vector, dimensions);
  return { modelId: embeddings.modelId, dimensions, weight };
}

export function checkLength(vector: Float32Array, dimensions: number): void {
  if (vector.length !== dimensions)
    throw new EmbeddingDimensionError(`an embedding vector has ${vector.length} dimensions; the model's block has ${dimensions}`);
}

/**
 * The row with `weight · vector / |vector|` at indices `offset … offset + dimensions − 1` (embedders
 * give unit vectors; normalising again keeps the block's scale whatever the embedder). No vector, or a
 * zero one, appends nothing: a zero block.
 */
export function appendEmbedding(row: SparseVector, offset: number, block: EmbeddingBlock, vector: Float32Array | undefined): SparseVector {
  if (!vector) return row;
  checkLength(vector, block.dimensions);
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm === 0) return row;
  const scale = block.weight / Math.sqrt(norm);
  const n = row.indices.length;
  const indices = new Uint32Array(n + block.dimensions);
  const values = new Float32Array(n + block.dimensions);
  indices.set(row.indices);
  values.set(row.values);
  for (let d = 0; d < block.dimensions; d += 1) {
    indices[n + d] = offset + d;
    values[n + d] = vector[d]! * scale;
  }
  return { indices, values };
}
