/** A report ready for comparison: its weighted n-grams, place names and optional external vector. */
import type { Places } from './places.js';
import type { WeightedTerms } from './tfidf-index.js';
import type { Report } from './types.js';

export interface Prepared {
  report: Report;
  /** `report.at` in epoch milliseconds. */
  at: number;
  terms: WeightedTerms;
  places: Places;
  vector?: Float32Array;
}
