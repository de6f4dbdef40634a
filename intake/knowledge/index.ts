export { saveAgentAnswer, type AgentAnswer } from './agent-answer.js';
export { createKnowledge, deleteKnowledge, getKnowledge, listKnowledge, updateKnowledge } from './entries.js';
export { recordFeedback } from './feedback.js';
export { importKnowledge, type KnowledgeImport } from './import.js';
export {
  createKnowledgeBase,
  type KnowledgeAnswer,
  type KnowledgeBase,
  type KnowledgeBaseOptions,
  type KnowledgeSearch,
} from './knowledge-base.js';
export {
  knowledgeEntryPatchSchema,
  knowledgeEntrySchema,
  knowledgeImportRowSchema,
  knowledgeListQuerySchema,
  knowledgeSearchQuerySchema,
  type KnowledgeEntryInput,
  type KnowledgeEntryPatch,
} from './schemas.js';
