/** What admins send for an entry, through the API or in an imported file, and the list and search queries. */
import { z } from 'zod';

import { KNOWLEDGE_LANGUAGES } from '../../nlu/knowledge/index.js';

export const QUESTION_MAX = 500;
export const ANSWER_MAX = 5_000;
const ALTERNATES_MAX = 30;

const fields = {
  question: z.string().trim().min(2).max(QUESTION_MAX).describe('How citizens usually ask it'),
  alternates: z.array(z.string().trim().min(1).max(QUESTION_MAX)).max(ALTERNATES_MAX).describe('Other ways citizens ask the same thing'),
  answer: z.string().trim().min(1).max(ANSWER_MAX).describe('What the bot replies'),
  language: z.enum(KNOWLEDGE_LANGUAGES).describe('Language of the question and answer'),
  categoryCode: z.string().trim().min(1).max(100).nullable().describe('Code of a live category, or null'),
  active: z.boolean().describe('Whether the bot answers from it'),
};

const createShape = {
  ...fields,
  alternates: fields.alternates.default([]),
  language: fields.language.default('zh'),
  categoryCode: fields.categoryCode.optional(),
  active: fields.active.default(true),
};

/** Fields a listed entry carries that an import ignores, so that a saved list can be imported again. */
const LISTED_ONLY = ['id', 'source', 'ticketId', 'helpful', 'unhelpful', 'createdById', 'createdAt', 'updatedAt'];

/** An entry as imported: what the list endpoint adds is ignored, any other unknown field (a typo) is an error. */
export const knowledgeImportRowSchema = z.preprocess(
  (row) =>
    row && typeof row === 'object' && !Array.isArray(row)
      ? Object.fromEntries(Object.entries(row).filter(([name]) => !LISTED_ONLY.includes(name)))
      : row,
  z.object(createShape).strict(),
);

/** The fields of an entry by lower-cased name: CSV headers are matched without case (CategoryCode, categorycode). */
export const KNOWLEDGE_FIELDS: ReadonlyMap<string, string> = new Map(
  [...Object.keys(createShape), ...LISTED_ONLY].map((name) => [name.toLowerCase(), name]),
);

/** A new entry through the API: a misspelt field is an error, not silently dropped. */
export const knowledgeEntrySchema = z.object(createShape).strict();

export const knowledgeEntryPatchSchema = z
  .object(fields)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');

export type KnowledgeEntryInput = z.infer<typeof knowledgeEntrySchema>;
export type KnowledgeEntryPatch = z.infer<typeof knowledgeEntryPatchSchema>;

const booleanParam = z.enum(['true', 'false']).transform((value) => value === 'true');

export const knowledgeListQuerySchema = z.object({
  /** Part of the question or the answer. */
  q: z.string().trim().max(200).optional(),
  active: booleanParam.optional(),
  language: z.enum(KNOWLEDGE_LANGUAGES).optional(),
  source: z.enum(['ADMIN', 'IMPORT', 'AGENT']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const knowledgeSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(2_000),
  language: z.enum(KNOWLEDGE_LANGUAGES).optional(),
});
