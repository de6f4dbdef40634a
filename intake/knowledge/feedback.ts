/** Citizens' verdicts on the bot's answers, counted on the entry that gave them. */
import type { Database, Tx } from '../../core/db/database.js';

/**
 * Counts one helpful or unhelpful verdict; false when the entry is gone (deleted after it answered).
 * Plain SQL on purpose: Prisma would also move `updatedAt`, and every process would rebuild its
 * knowledge index for a counter the search does not read (knowledge-base.ts). Takes the database or
 * an open transaction (the dialog records the verdict inside its turn).
 */
export async function recordFeedback(db: Database | Tx, entryId: string, helpful: boolean): Promise<boolean> {
  const client = 'prisma' in db ? db.prisma : db;
  const changed = helpful
    ? await client.$executeRaw`UPDATE "KnowledgeEntry" SET helpful = helpful + 1 WHERE id = ${entryId}::uuid`
    : await client.$executeRaw`UPDATE "KnowledgeEntry" SET unhelpful = unhelpful + 1 WHERE id = ${entryId}::uuid`;
  return changed > 0;
}
