/** Admins manage the knowledge base entry by entry; agents read it. */
import type { Database, Tx } from '../../core/db/database.js';
import type { Prisma } from '../../core/db/generated/client.js';
import { InvalidDataError, NotFoundError } from '../../core/errors/index.js';
import { parseOrThrow } from '../../core/validation.js';
import { knowledgeEntryPatchSchema, knowledgeEntrySchema, knowledgeListQuerySchema } from './schemas.js';

export async function listKnowledge(db: Database, query: unknown) {
  const { q, active, language, source, limit, offset } = parseOrThrow(knowledgeListQuerySchema, query, 'query');
  const where: Prisma.KnowledgeEntryWhereInput = {
    ...(active === undefined ? {} : { active }),
    ...(language ? { language } : {}),
    ...(source ? { source } : {}),
    ...(q ? { OR: [{ question: { contains: q, mode: 'insensitive' } }, { answer: { contains: q, mode: 'insensitive' } }] } : {}),
  };
  const [items, total] = await Promise.all([
    db.prisma.knowledgeEntry.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit, skip: offset }),
    db.prisma.knowledgeEntry.count({ where }),
  ]);
  return { items, total, limit, offset };
}

export async function getKnowledge(db: Database, id: string) {
  const entry = await db.prisma.knowledgeEntry.findUnique({ where: { id } });
  if (!entry) throw new NotFoundError(`knowledge entry ${id} does not exist`);
  return entry;
}

export async function createKnowledge(db: Database, body: unknown, actor: { userId?: string }) {
  const input = parseOrThrow(knowledgeEntrySchema, body, 'knowledge entry');
  await requireLiveCategory(db.prisma, input.categoryCode);
  return db.prisma.knowledgeEntry.create({
    data: { ...input, alternates: distinctAlternates(input.question, input.alternates), source: 'ADMIN', createdById: actor.userId },
  });
}

export async function updateKnowledge(db: Database, id: string, body: unknown) {
  const patch = parseOrThrow(knowledgeEntryPatchSchema, body, 'knowledge entry');
  await requireLiveCategory(db.prisma, patch.categoryCode);
  return db.transaction(async (tx) => {
    const entry = await tx.knowledgeEntry.findUnique({ where: { id }, select: { question: true, alternates: true } });
    if (!entry) throw new NotFoundError(`knowledge entry ${id} does not exist`);
    const question = patch.question ?? entry.question;
    const alternates = distinctAlternates(question, patch.alternates ?? entry.alternates);
    return tx.knowledgeEntry.update({ where: { id }, data: { ...patch, alternates } });
  });
}

export async function deleteKnowledge(db: Database, id: string): Promise<void> {
  const { count } = await db.prisma.knowledgeEntry.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError(`knowledge entry ${id} does not exist`);
}

/** Alternates as written, without repeats and without the question itself (they would only weigh it twice). */
export function distinctAlternates(question: string, alternates: readonly string[]): string[] {
  const seen = new Set([question.trim()]);
  const kept: string[] = [];
  for (const text of alternates.map((alternate) => alternate.trim())) {
    if (!text || seen.has(text)) continue;
    seen.add(text);
    kept.push(text);
  }
  return kept;
}

/** Category codes that name no live category, of those given. */
export async function unknownCategories(client: Database['prisma'] | Tx, codes: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Set();
  const live = await client.category.findMany({ where: { code: { in: wanted }, active: true }, select: { code: true } });
  const found = new Set(live.map((category) => category.code));
  return new Set(wanted.filter((code) => !found.has(code)));
}

async function requireLiveCategory(client: Database['prisma'], code: string | null | undefined): Promise<void> {
  if (!code || (await unknownCategories(client, [code])).size === 0) return;
  throw new InvalidDataError(`invalid knowledge entry: categoryCode: "${code}" is not the code of a live category`, {
    details: [{ path: 'categoryCode', message: `"${code}" is not the code of a live category` }],
  });
}
