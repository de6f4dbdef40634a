export { type ClusterOptions, type ReportCluster } from './clusters.js';
export {
  DEFAULT_SIMILARITY_OPTIONS,
  type PlaceOptions,
  type SimilarityOptions,
  type SimilarityOptionsInput,
  type VerdictOptions,
} from './options.js';
export { haversineMeters } from './place-match.js';
export { extractPlaces, type Places } from './places.js';
export { SimilarityIndex, type SimilarQueryOptions } from './similarity-index.js';
export { InvalidReportError, reportSchema, type Report, type SimilarReport, type Verdict } from './types.js';
export type * from './types.js';
export { decideVerdict } from './verdict.js';
