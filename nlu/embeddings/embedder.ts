/** What suqiu needs from a sentence-embedding model; the transformers.js one is the implementation. */
export interface Embedder {
  /**
   * Names the model file, its variant, pooling and length limit: vectors are comparable only when
   * their model ids are equal, so store it next to every vector.
   */
  readonly modelId: string;
  readonly dimension: number;
  /** One unit-length vector per text, in the order given; an empty list gives an empty list. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Releases the runtime session. */
  dispose(): Promise<void>;
}
