/** What the knowledge search reads and returns; entries come from the database, the search is pure. */

export const KNOWLEDGE_LANGUAGES = ['zh', 'en'] as const;
export type KnowledgeLanguage = (typeof KNOWLEDGE_LANGUAGES)[number];

/** One entry as the index needs it: the ways citizens ask, and the language it answers in. */
export interface KnowledgeDoc {
  readonly id: string;
  readonly question: string;
  readonly alternates: readonly string[];
  readonly answer: string;
  readonly language: string;
}

/**
 * What the bot does with a question: `answer` with the top entry, `offer` the closest entries for
 * the citizen to pick from, or `none` (a 咨询 ticket for an agent).
 */
export type KnowledgeBand = 'answer' | 'offer' | 'none';

export interface KnowledgeMatch {
  readonly id: string;
  /** Cosine similarity of the best-matching variant (question or alternate), 0..1. */
  readonly score: number;
  /** The entry's main question, as shown to the citizen when several are offered. */
  readonly question: string;
}

export interface KnowledgeSearchResult {
  readonly band: KnowledgeBand;
  /** `answer`: the answer first, then related entries above the offer threshold; `offer`: the candidates; `none`: empty. */
  readonly matches: readonly KnowledgeMatch[];
}

export interface KnowledgeSearchOptions {
  /** Only entries in this language; absent: all. */
  language?: string;
  /** Most matches returned. @defaultValue 3 */
  limit?: number;
}
