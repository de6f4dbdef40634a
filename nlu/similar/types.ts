/**
 * What the similar-ticket index accepts and returns. Reports come from the intake store (recent
 * tickets) and from the new ticket being checked; both cross this boundary through `reportSchema`.
 */
import { z } from 'zod';

import { InvalidDataError } from '../../core/errors/invalid-data.error.js';

export const reportSchema = z.object({
  id: z.string().min(1).describe('ticket id, unique in the index'),
  text: z.string().describe('the citizen text (title and body)'),
  at: z
    .date()
    .refine((d) => !Number.isNaN(d.getTime()), 'invalid date')
    .describe('when the request was received'),
  lat: z.number().min(-90).max(90).optional().describe('WGS-84 latitude, when the channel gave one'),
  lng: z.number().min(-180).max(180).optional().describe('WGS-84 longitude'),
  locationText: z.string().optional().describe('address as typed or geocoded (Open311 address_string)'),
  categoryCode: z.string().optional().describe('confirmed or suggested category, e.g. URBAN.LIGHT'),
});

export type Report = z.infer<typeof reportSchema>;

/** A report with an unusable shape (empty id, invalid date, coordinates out of range). */
export class InvalidReportError extends InvalidDataError {
  constructor(message: string, details: unknown) {
    super(message, { code: 'INVALID_REPORT', details });
  }
}

export function parseReport(input: unknown): Report {
  const parsed = reportSchema.safeParse(input);
  if (!parsed.success) throw new InvalidReportError('invalid report for the similar-ticket index', z.treeifyError(parsed.error));
  return parsed.data;
}

/** How much evidence there is that two reports are about the same spot. */
export type PlaceEvidence = 'same' | 'near' | 'different' | 'unknown';

export interface PlaceMatch {
  evidence: PlaceEvidence;
  /** 0..1, or null when neither coordinates nor place names can be compared. */
  score: number | null;
  /** Great-circle distance, when both reports carry coordinates. */
  distanceMeters?: number;
  /** Road, 小区, building … names both reports mention. */
  sharedPlaces: string[];
  /** District / county / town names both mention (coarser than `sharedPlaces`). */
  sharedAreas: string[];
}

export interface SimilarityComponents {
  /** Text similarity used by the verdict: TF-IDF cosine, blended with the external vector when there is one. */
  text: number;
  /** Character n-gram TF-IDF cosine, 0..1. */
  tfidf: number;
  /** Cosine of the external vectors (`vectorOf`), when both reports have one. */
  vector?: number;
  place: PlaceMatch;
  /** Absolute gap between the two reports, in hours. */
  timeGapHours: number;
  /** 1 for the same moment, decaying with the gap (see `timeScaleHours`). */
  time: number;
}

export type VerdictKind = 'duplicate' | 'related' | 'unrelated';

export type ReasonCode =
  | 'TEXT_NEAR_IDENTICAL'
  | 'TEXT_SIMILAR'
  | 'TEXT_DIFFERENT'
  | 'PLACE_SAME'
  | 'PLACE_NEAR'
  | 'PLACE_DIFFERENT'
  | 'PLACE_UNKNOWN'
  | 'TIME_CLOSE'
  | 'TIME_APART'
  | 'CATEGORY_SAME'
  | 'CATEGORY_DIFFERENT';

export interface Reason {
  code: ReasonCode;
  /** The figures behind the reason, for the agent deciding on 并单. */
  detail: string;
}

export interface Verdict {
  kind: VerdictKind;
  reasons: Reason[];
}

export interface SimilarReport {
  id: string;
  /** Ranking score, 0..1: weighted text, place and time (weights in `SimilarityOptions.weights`). */
  score: number;
  components: SimilarityComponents;
  verdict: Verdict;
}
