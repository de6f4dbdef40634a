/**
 * TF-IDF over a fixed vocabulary: sublinear term frequency (1 + ln tf), smoothed idf, L2-normalised
 * rows. The vocabulary keeps the most document-frequent terms up to `maxFeatures`.
 */
import type { SparseVector } from './sparse.js';

export interface TfidfOptions {
  minDf: number;
  maxFeatures: number;
}

export interface TfidfState {
  terms: string[];
  idf: number[];
}

export class TfidfVectorizer {
  private readonly index: Map<string, number>;

  private constructor(
    private readonly terms: string[],
    private readonly idf: Float32Array,
  ) {
    this.index = new Map(terms.map((term, i) => [term, i]));
  }

  public static fit(documents: string[][], options: TfidfOptions): TfidfVectorizer {
    const df = new Map<string, number>();
    for (const doc of documents) {
      for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const kept = [...df.entries()]
      .filter(([, count]) => count >= options.minDf)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.maxFeatures);
    const n = documents.length;
    const idf = Float32Array.from(kept, ([, count]) => Math.log((1 + n) / (1 + count)) + 1);
    return new TfidfVectorizer(
      kept.map(([term]) => term),
      idf,
    );
  }

  public static fromState(state: TfidfState): TfidfVectorizer {
    return new TfidfVectorizer(state.terms, Float32Array.from(state.idf));
  }

  public get size(): number {
    return this.terms.length;
  }

  public toState(): TfidfState {
    return { terms: this.terms, idf: Array.from(this.idf) };
  }

  public transform(doc: string[]): SparseVector {
    const counts = new Map<number, number>();
    for (const term of doc) {
      const i = this.index.get(term);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const indices = Uint32Array.from([...counts.keys()].sort((a, b) => a - b));
    const values = new Float32Array(indices.length);
    let norm = 0;
    indices.forEach((i, k) => {
      const value = (1 + Math.log(counts.get(i)!)) * this.idf[i]!;
      values[k] = value;
      norm += value * value;
    });
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let k = 0; k < values.length; k += 1) values[k]! *= scale;
    }
    return { indices, values };
  }
}
