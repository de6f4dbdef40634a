/**
 * Thresholds and weights of the similar-ticket index. They are configuration per jurisdiction
 * (DOMAIN.md: every threshold is configuration, never a constant); the defaults were chosen on
 * synthetic reports (test/unit/nlu/similar/) and checked on the TipDM messages (bench/similar.bench.ts).
 */
import type { Report } from './types.js';

export interface VerdictOptions {
  /** Text score from which two reports at the same place are the same incident. @defaultValue 0.25 */
  duplicateText: number;
  /** Text score from which reports are copies (the same words), whatever the place evidence short of a different place. @defaultValue 0.8 */
  nearIdenticalText: number;
  /**
   * Text score enough at the same place when both reports carry the same second-level-or-deeper
   * category (the classifier's or the agent's): citizens describe one broken lamp in words that
   * share little beyond 路灯, and the category already says it is the same kind of problem.
   * @defaultValue 0.1
   */
  sameCategoryText: number;
  /** Text score needed for a duplicate when neither place can be compared. @defaultValue 0.5 */
  unknownPlaceText: number;
  /** Text score from which two reports are related (same topic). @defaultValue 0.15 */
  relatedText: number;
  /** Longest gap between two reports of one incident; later ones are repeats, not 并单 candidates. @defaultValue 168 (7 days) */
  maxDuplicateGapHours: number;
}

export interface PlaceOptions {
  /** Coordinates closer than this are the same spot. @defaultValue 300 */
  sameMeters: number;
  /** Coordinates farther than this are different places; in between they are near. @defaultValue 2000 */
  differentMeters: number;
}

export interface SimilarityOptions {
  verdict: VerdictOptions;
  place: PlaceOptions;
  /** Weights of the ranking score; a component without evidence (place unknown) drops out. */
  weights: { text: number; place: number; time: number };
  /** The time component is exp(-gap / timeScaleHours). @defaultValue 72 */
  timeScaleHours: number;
  /** Share of the text score given to external vectors when both reports have one. @defaultValue 0.5 */
  vectorWeight: number;
  /** External vectors (e.g. sentence embeddings); must return the same vector for the same report. */
  vectorOf?: (report: Report) => Float32Array | undefined;
  /** How many of a report's highest-weighted n-grams look up candidates. @defaultValue 48 */
  candidateTerms: number;
  /** IDF is re-estimated when the number of reports changed by more than this share. @defaultValue 0.2 */
  idfRefreshRatio: number;
}

export const DEFAULT_SIMILARITY_OPTIONS: SimilarityOptions = {
  verdict: {
    duplicateText: 0.25,
    nearIdenticalText: 0.8,
    sameCategoryText: 0.1,
    unknownPlaceText: 0.5,
    relatedText: 0.15,
    maxDuplicateGapHours: 7 * 24,
  },
  place: { sameMeters: 300, differentMeters: 2000 },
  weights: { text: 0.6, place: 0.25, time: 0.15 },
  timeScaleHours: 72,
  vectorWeight: 0.5,
  candidateTerms: 48,
  idfRefreshRatio: 0.2,
};

export interface SimilarityOptionsInput extends Partial<Omit<SimilarityOptions, 'verdict' | 'place' | 'weights'>> {
  verdict?: Partial<VerdictOptions>;
  place?: Partial<PlaceOptions>;
  weights?: Partial<SimilarityOptions['weights']>;
}

export function resolveOptions(input: SimilarityOptionsInput = {}): SimilarityOptions {
  const d = DEFAULT_SIMILARITY_OPTIONS;
  return {
    ...d,
    ...input,
    verdict: { ...d.verdict, ...input.verdict },
    place: { ...d.place, ...input.place },
    weights: { ...d.weights, ...input.weights },
  };
}
