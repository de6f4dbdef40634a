/**
 * An agent's answer to a consultation, kept so the bot answers the next citizen who asks the same.
 * One entry per ticket: answering the ticket again updates it.
 */
import type { Tx } from '../../core/db/database.js';
import { prepareText } from '../../nlu/text/index.js';
import { QUESTION_MAX } from './schemas.js';

export interface AgentAnswer {
  /** The citizen's question (or the agent's wording of it). */
  question: string;
  answer: string;
  language: string;
  categoryCode?: string | null;
  ticketId: string;
  userId?: string;
}

export async function saveAgentAnswer(tx: Tx, input: AgentAnswer) {
  // The citizen's words may carry a phone number or a name; the base is read by other agents and
  // its questions are shown to other citizens, so personal data is masked. The answer is the agent's
  // and keeps its numbers (a department's phone is part of an answer).
  const question = prepareText(input.question.trim()).masked.slice(0, QUESTION_MAX);
  const data = { question, answer: input.answer.trim(), language: input.language, categoryCode: input.categoryCode ?? null };
  // No unique index on ticketId: a transaction-scoped lock per ticket makes find-then-write safe.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`knowledge-ticket:${input.ticketId}`}))`;
  const existing = await tx.knowledgeEntry.findFirst({
    where: { ticketId: input.ticketId },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  });
  if (existing) return tx.knowledgeEntry.update({ where: { id: existing.id }, data });
  return tx.knowledgeEntry.create({ data: { ...data, source: 'AGENT', ticketId: input.ticketId, createdById: input.userId } });
}
