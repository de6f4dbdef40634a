export { KnowledgeIndex } from './knowledge-index.js';
export { EN_QUESTION_WORDS, ZH_QUESTION_WORDS } from './question-words.js';
export { TERM_WEIGHTS, knowledgeTerms, mergeTerms, type WeightedTerms } from './terms.js';
export {
  ANSWER_MARGIN,
  ANSWER_MIN_CONTENT_WORDS,
  ANSWER_THRESHOLD,
  KNOWLEDGE_BANDS,
  OFFER_THRESHOLD,
  decideBand,
  type KnowledgeBands,
} from './thresholds.js';
export {
  KNOWLEDGE_LANGUAGES,
  type KnowledgeBand,
  type KnowledgeDoc,
  type KnowledgeLanguage,
  type KnowledgeMatch,
  type KnowledgeSearchOptions,
  type KnowledgeSearchResult,
} from './types.js';
