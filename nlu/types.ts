/** What the NLU layer promises the rest of suqiu. Implementations are pure and interchangeable. */
import type { RequestTypeCode } from './rules/request-type.js';
import type { UrgencyCode } from './rules/urgency.js';

export interface TaxonomyEntry {
  code: string;
  name: string;
  level: number;
  parentCode?: string;
}

/** The live category tree; labels a model knows but the tree no longer has are dropped. */
export interface Taxonomy {
  get(code: string): TaxonomyEntry | undefined;
}

export interface CategoryScore {
  code: string;
  name: string;
  level: number;
  score: number;
  /** Codes from the first level down to this one. */
  path: string[];
}

export type Band = 'AUTO' | 'SUGGEST' | 'ABSTAIN';

export interface ValueScore<V extends string> {
  value: V;
  score: number;
}

export interface Classification {
  modelVersion: string;
  /** The most likely categories at the model's finest level, best first. */
  categories: CategoryScore[];
  /** First-level categories with the summed probability of their descendants, best first. */
  groups: CategoryScore[];
  requestType: ValueScore<RequestTypeCode>[];
  urgency: ValueScore<UrgencyCode>[];
  /** What the top category's score allows: route without review, suggest, or abstain. */
  band: Band;
  /**
   * The department model's opinion (codes of the units agents routed similar texts to, best first),
   * when the version has one; the caller blends it with the catalogue's category → unit mapping.
   */
  departments?: { code: string; score: number }[];
}

/** What the caller knows about the text besides its words. */
export interface ClassifyContext {
  /** The text's sentence embedding (nlu/embeddings), unit length. */
  embedding?: Float32Array;
  /** The model id of the embedder that made `embedding`; a classifier uses the vector only when it is its own. */
  embeddingModel?: string;
}

export interface Classifier {
  readonly version: string;
  /** The embedding model whose vectors this classifier takes (absent: it takes none). */
  readonly embeddingModel?: string;
  classify(text: string, taxonomy: Taxonomy, context?: ClassifyContext): Classification;
  /** The score at or above which a top category is AUTO; null when the category never reached the target precision. */
  autoThreshold(code: string): number | null;
}
