/**
 * A trained category classifier: text → calibrated probabilities over the finest labels it knows,
 * rolled up to their parents, and the routing band its per-category thresholds allow.
 */
import { normalizeText } from '../text/normalize.js';
import { appendEmbedding, type EmbeddingBlock } from './embedding-block.js';
import { rollUp, type LevelScore, type ParentMap } from './hierarchy.js';
import { appendLsa, type LsaProjection } from './lsa.js';
import { ensembleInto, type Member } from './members.js';
import type { TrainOptions } from './options.js';
import { TextRowBuilder } from './text-row.js';
import type { ClassThresholds } from './thresholds.js';
import type { GroupedTfidf } from './vectorizer.js';

export interface ScoredLabel {
  label: string;
  score: number;
}

export type RoutingBand = 'AUTO' | 'SUGGEST' | 'ABSTAIN';

export interface CategoryDecision {
  /** Finest labels, best first, summing to 1. */
  labels: ScoredLabel[];
  /** `levels[0]` are the top-level labels (sums of their descendants), `levels[1]` the next, … */
  levels: LevelScore[][];
  /** AUTO: route without review; SUGGEST: show to an agent; ABSTAIN: a human decides from scratch. */
  band: RoutingBand;
}

export interface CategoryModelParts {
  version: string;
  createdAt: string;
  labels: string[];
  parents: ParentMap;
  options: TrainOptions;
  vectorizer: GroupedTfidf;
  members: Member[];
  /** Dense LSA block appended to the TF-IDF row (absent when trained without it). */
  lsa?: LsaProjection;
  /** Dense sentence-embedding block appended after TF-IDF and LSA (absent when trained without vectors). */
  embedding?: EmbeddingBlock;
  thresholds: Record<string, ClassThresholds>;
  /** Cross-validated figures measured at training time (see train.ts). */
  metrics: Record<string, unknown>;
}

export class CategoryClassifierModel {
  private readonly out: Float64Array;
  private readonly scratch: Float64Array;
  private readonly rows: TextRowBuilder;
  private readonly lsaScratch: Float64Array;

  constructor(public readonly parts: CategoryModelParts) {
    this.out = new Float64Array(parts.labels.length);
    this.scratch = new Float64Array(parts.labels.length);
    this.rows = new TextRowBuilder(parts.vectorizer, parts.options.terms);
    this.lsaScratch = new Float64Array(parts.lsa?.dimensions ?? 0);
  }

  public get version(): string {
    return this.parts.version;
  }

  public get labels(): readonly string[] {
    return this.parts.labels;
  }

  /** The embedding model whose vectors this model takes, when it has an embedding block. */
  public get embeddingModel(): string | undefined {
    return this.parts.embedding?.modelId;
  }

  /**
   * Every finest label with its calibrated probability, best first. `embedding` is the text's vector
   * from the model's own embedder (the caller checks the model id); a model with an embedding block
   * given none scores the n-grams alone with a zero block — what it learned from the n-grams still
   * holds, only the vectors' evidence is missing. A vector of the wrong length throws
   * EmbeddingDimensionError; a model without a block ignores any vector.
   */
  public predict(text: string, embedding?: Float32Array): ScoredLabel[] {
    const { members, labels, lsa, vectorizer } = this.parts;
    const tfidf = this.rows.row(normalizeText(text));
    const withLsa = lsa ? appendLsa(tfidf, lsa, this.lsaScratch) : tfidf;
    const block = this.parts.embedding;
    const row = block ? appendEmbedding(withLsa, vectorizer.size + (lsa?.dimensions ?? 0), block, embedding) : withLsa;
    ensembleInto(members, row, this.out, this.scratch);
    return labels.map((label, i) => ({ label, score: this.out[i]! })).sort((a, b) => b.score - a.score);
  }

  public decide(text: string, embedding?: Float32Array): CategoryDecision {
    const labels = this.predict(text, embedding);
    return { labels, levels: rollUp(labels, this.parts.parents), band: this.bandOf(labels[0]) };
  }

  /** The band a top prediction falls in, by its own category's thresholds. */
  public bandOf(top: ScoredLabel | undefined): RoutingBand {
    return bandFor(top, this.parts.thresholds);
  }
}

/**
 * AUTO at or above the category's auto threshold; SUGGEST at or above its suggest threshold (a
 * category without one is always suggested); ABSTAIN below. A category that never reached the target
 * precision on held-out messages has no auto threshold and is never routed without review.
 */
export function bandFor(top: ScoredLabel | undefined, thresholds: Readonly<Record<string, ClassThresholds>>): RoutingBand {
  if (!top) return 'ABSTAIN';
  const threshold = thresholds[top.label];
  if (threshold?.auto !== null && threshold?.auto !== undefined && top.score >= threshold.auto) return 'AUTO';
  return top.score >= (threshold?.suggest ?? 0) ? 'SUGGEST' : 'ABSTAIN';
}
