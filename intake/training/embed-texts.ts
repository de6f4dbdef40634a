/**
 * Embeds many texts in batches, for training a category model with a sentence-embedding block: the
 * embedder runs its own smaller batches inside; these bound how many texts and vectors one call holds
 * and let the caller report progress between them.
 */
import type { Embedder } from '../../nlu/embeddings/index.js';

/** Texts per call of `embedder.embed`. */
export const EMBED_BATCH = 32;

export async function embedTexts(
  embedder: Pick<Embedder, 'embed'>,
  texts: readonly string[],
  onBatch: (done: number) => void = () => {},
): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += EMBED_BATCH) {
    const batch = texts.slice(start, start + EMBED_BATCH);
    const embedded = await embedder.embed(batch);
    if (embedded.length !== batch.length) throw new Error(`the embedder gave ${embedded.length} vectors for ${batch.length} texts`);
    vectors.push(...embedded);
    onBatch(vectors.length);
  }
  return vectors;
}
