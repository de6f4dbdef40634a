import type { Embedder } from './embedder.js';
import type { EmbeddingModelOptionsInput } from './options.js';

export type { Embedder } from './embedder.js';
export { EmbeddingModelError, type EmbeddingModelErrorCode } from './errors.js';
export { inspectModelFolder, type ModelFolder } from './model-folder.js';
export { embeddingModelOptionsSchema, type EmbeddingModelOptions, type EmbeddingModelOptionsInput, type Pooling } from './options.js';
export { poolAndNormalize, type HiddenStates } from './pooling.js';
export { cosineSimilarity, dot, l2Normalize, norm } from './similarity.js';
export type { TransformersEmbedder } from './transformers.embedder.js';
export { VectorIndex, type Neighbour, type SearchOptions } from './vector-index.js';

/**
 * Loads the transformers.js embedder. Imported on demand: transformers.js and onnxruntime take
 * about a second and 40 MiB to import, which a suqiu without an embedding model should not pay.
 */
export async function loadTransformersEmbedder(options: EmbeddingModelOptionsInput): Promise<Embedder> {
  const { TransformersEmbedder } = await import('./transformers.embedder.js');
  return TransformersEmbedder.load(options);
}
