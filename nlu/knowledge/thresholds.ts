/**
 * Where the knowledge search stops being sure, measured on test/fixtures/knowledge (42 entries, 133
 * citizen phrasings: 85 paraphrases of one entry, 20 vague questions, 28 complaints and chatter).
 *
 * - OFFER 0.25: the highest score any complaint or chatter reached is 0.23 ("隔壁在自家院子里违章搭建"
 *   against 交通违法, on 违章); 0.25 keeps them all out and still offers for 16 of the 20 vague questions.
 * - ANSWER 0.4 and MARGIN 0.1, from a sweep of ANSWER 0.25–0.5 × MARGIN 0.05–0.2: answer precision
 *   0.97 (66 of 68 answers right), recall 0.78. Lower thresholds reach recall 0.85 only at precision
 *   0.93–0.95, with answers scoring barely above the complaints; a margin of 0.05 lets vague questions
 *   through (0.94). 0.4 leaves a gap of 0.15 above the highest complaint.
 * - A question with one content word (公积金, 医保, permit) is offered, never answered: it names a topic,
 *   not what is wanted about it. Without this rule precision at the same thresholds is 0.89.
 */
import type { KnowledgeMatch, KnowledgeSearchResult } from './types.js';

export const ANSWER_THRESHOLD = 0.4;
export const OFFER_THRESHOLD = 0.25;
/** How far the top entry must lead the next one to be answered rather than offered. */
export const ANSWER_MARGIN = 0.1;
/** Fewer distinct content words than this and the question is offered, however well it matches. */
export const ANSWER_MIN_CONTENT_WORDS = 2;

export const KNOWLEDGE_BANDS = {
  answer: ANSWER_THRESHOLD,
  offer: OFFER_THRESHOLD,
  margin: ANSWER_MARGIN,
  minContentWords: ANSWER_MIN_CONTENT_WORDS,
} as const;

export type KnowledgeBands = { readonly [K in keyof typeof KNOWLEDGE_BANDS]: number };

/** The band for ranked matches (best first). Matches below OFFER are never shown. */
export function decideBand(
  ranked: readonly KnowledgeMatch[],
  query: { contentWords: number; limit: number },
  bands: KnowledgeBands = KNOWLEDGE_BANDS,
): KnowledgeSearchResult {
  const [top, second] = ranked;
  if (!top || top.score < bands.offer) return { band: 'none', matches: [] };
  const matches = ranked.filter((match) => match.score >= bands.offer).slice(0, Math.max(1, query.limit));
  // Scores are rounded to 4 decimals; the epsilon keeps 0.5 − 0.4 from falling short of a 0.1 margin.
  const lead = top.score - (second?.score ?? 0) + 1e-9;
  const clear = top.score >= bands.answer && lead >= bands.margin && query.contentWords >= bands.minContentWords;
  return { band: clear ? 'answer' : 'offer', matches };
}
