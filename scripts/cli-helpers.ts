/** What the `suqiu nlu` and `suqiu model` commands share: option parsing and a sentence-embedding model used and released. */
import { parseArgs } from 'node:util';

import { loadTransformersEmbedder, type Embedder, type EmbeddingModelOptionsInput } from '../nlu/embeddings/index.js';

type OptionSpec = Record<string, 'string' | 'boolean'>;

/** Named options only; anything unknown or malformed becomes the command's own usage error. */
export function parseOptions<S extends OptionSpec>(args: string[], spec: S, usageError: (message: string) => Error) {
  try {
    return parseArgs({
      args,
      options: Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, { type }])),
      strict: true,
      allowPositionals: false,
    }).values as Record<string, string | boolean | undefined> as { [K in keyof S]?: S[K] extends 'boolean' ? boolean : string };
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

/** Loads the model (when there are settings), runs `use` with it and releases it whatever happens. */
export async function withEmbedder<T>(settings: EmbeddingModelOptionsInput, use: (embedder: Embedder) => Promise<T>): Promise<T>;
export async function withEmbedder<T>(
  settings: EmbeddingModelOptionsInput | undefined,
  use: (embedder: Embedder | undefined) => Promise<T>,
): Promise<T>;
export async function withEmbedder<T>(
  settings: EmbeddingModelOptionsInput | undefined,
  use: (embedder: Embedder) => Promise<T>,
): Promise<T> {
  const embedder = settings ? await loadTransformersEmbedder(settings) : undefined;
  try {
    // Undefined only without settings, which only the second signature's callback accepts.
    return await use(embedder as Embedder);
  } finally {
    await embedder?.dispose();
  }
}
