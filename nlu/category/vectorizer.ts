/**
 * Grouped TF-IDF: sublinear term frequency (1 + ln tf), smoothed idf, each group L2-normalised and
 * scaled by its weight, then concatenated. Document frequencies may be counted on unlabelled messages
 * as well (no labels involved): idf from 8,000 messages of the same city is steadier than from 900.
 */
import type { SparseVector } from '../linear/sparse.js';

export interface VectorizerOptions {
  /** A term must occur in at least this many documents. @defaultValue 2 */
  minDf: number;
  /** Most document-frequent terms kept, over all groups. */
  maxFeatures: number;
  /** Weight of each group's block (0 drops the group). */
  groupWeights: number[];
}

export interface VectorizerState {
  terms: string[];
  groups: Uint8Array;
  idf: Float32Array;
  groupWeights: number[];
}

export class GroupedTfidf {
  /** One map per group (term → feature index): the hot path never builds prefixed keys. */
  private readonly index: Map<string, number>[];
  private counts: Float64Array | undefined;

  private constructor(private readonly state: VectorizerState) {
    this.index = state.groupWeights.map(() => new Map<string, number>());
    state.terms.forEach((term, i) => this.index[state.groups[i]!]?.set(term.slice(1), i));
  }

  /** `documents[d][g]` are the terms of document d in group g. */
  public static fit(documents: string[][][], options: VectorizerOptions): GroupedTfidf {
    const df = options.groupWeights.map(() => new Map<string, number>());
    for (const doc of documents) {
      doc.forEach((terms, group) => {
        const counts = df[group];
        if (!counts || (options.groupWeights[group] ?? 0) === 0) return;
        for (const term of new Set(terms)) counts.set(term, (counts.get(term) ?? 0) + 1);
      });
    }
    let kept = df.flatMap((counts, group) =>
      [...counts.entries()]
        .filter(([, count]) => count >= options.minDf)
        .map(([term, count]): [string, number] => [keyOf(group, term), count]),
    );
    // Only a vocabulary over the cap needs ranking; the stable sort keeps first-seen order among ties.
    if (kept.length > options.maxFeatures) kept = kept.sort((a, b) => b[1] - a[1]).slice(0, options.maxFeatures);
    const n = documents.length;
    return new GroupedTfidf({
      terms: kept.map(([key]) => key),
      groups: Uint8Array.from(kept, ([key]) => key.charCodeAt(0) - GROUP_BASE),
      idf: Float32Array.from(kept, ([, count]) => Math.log((1 + n) / (1 + count)) + 1),
      groupWeights: [...options.groupWeights],
    });
  }

  public static fromState(state: VectorizerState): GroupedTfidf {
    return new GroupedTfidf(state);
  }

  public get size(): number {
    return this.state.terms.length;
  }

  public toState(): VectorizerState {
    return this.state;
  }

  /** Feature index of a term of a group, if it is in the vocabulary. */
  public lookup(group: number, term: string): number | undefined {
    return this.index[group]?.get(term);
  }

  /** Whether a group's block is used at all (weight above 0). */
  public uses(group: number): boolean {
    return (this.state.groupWeights[group] ?? 0) > 0;
  }

  public transform(doc: string[][]): SparseVector {
    const counter = this.counter();
    doc.forEach((terms, group) => {
      const index = this.index[group];
      if (!index || !this.uses(group)) return;
      for (const term of terms) {
        const i = index.get(term);
        if (i !== undefined) counter.add(i);
      }
    });
    return counter.finish();
  }

  /**
   * Counts feature indices into a reused dense array (remembering which slots were touched), several
   * times faster than a Map on the classify path; `finish` weighs, normalises and zeroes the slots again.
   */
  public counter(): FeatureCounter {
    const counts = (this.counts ??= new Float64Array(this.size));
    const touched: number[] = [];
    return {
      add: (i: number) => {
        if (counts[i] === 0) touched.push(i);
        counts[i]! += 1;
      },
      finish: () => this.weigh(counts, touched),
    };
  }

  private weigh(counts: Float64Array, touched: number[]): SparseVector {
    const indices = Uint32Array.from(touched).sort();
    const values = new Float32Array(indices.length);
    const norms = new Float64Array(this.state.groupWeights.length);
    for (let k = 0; k < indices.length; k += 1) {
      const i = indices[k]!;
      const value = (1 + Math.log(counts[i]!)) * this.state.idf[i]!;
      counts[i] = 0;
      values[k] = value;
      norms[this.state.groups[i]!]! += value * value;
    }
    for (let k = 0; k < indices.length; k += 1) {
      const group = this.state.groups[indices[k]!]!;
      values[k]! *= this.state.groupWeights[group]! / Math.sqrt(norms[group]!);
    }
    return { indices, values };
  }
}

export interface FeatureCounter {
  add(featureIndex: number): void;
  finish(): SparseVector;
}

// One character in front of the term names its group, so one map holds all groups.
const GROUP_BASE = 0x41;

function keyOf(group: number, term: string): string {
  return String.fromCharCode(GROUP_BASE + group) + term;
}
