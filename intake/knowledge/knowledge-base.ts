/**
 * The knowledge base as the bot and the API search it: an index of the active entries, held in
 * memory by each process (API and worker alike) and rebuilt when the entries change. Whether they
 * changed is a cheap question to the database, asked at most every `refreshMs` and only when someone
 * searches: a change made by another process is seen within that interval, without a restart or a
 * message between processes. `invalidate()` makes the next search ask at once (after a write here).
 */
import type { Database } from '../../core/db/database.js';
import type { Logger } from '../../core/logger.js';
import { KnowledgeIndex, type KnowledgeBand, type WeightedTerms } from '../../nlu/knowledge/index.js';

/** A match with the answer the bot would give. */
export interface KnowledgeAnswer {
  id: string;
  score: number;
  question: string;
  answer: string;
}

/** What the bot would do: answer with `matches[0]`, offer `matches`, or nothing (a 咨询 ticket). */
export interface KnowledgeSearch {
  band: KnowledgeBand;
  matches: KnowledgeAnswer[];
}

export interface KnowledgeBase {
  /** `language` keeps to entries in that language (zh, en); absent: all. */
  search(text: string, language?: string): Promise<KnowledgeSearch>;
  /** The entries changed (in this process): the next search re-reads them. */
  invalidate(): void;
}

export interface KnowledgeBaseOptions {
  logger?: Logger;
  /** How stale the index may get when another process changes the entries. @defaultValue 2000 */
  refreshMs?: number;
}

interface Loaded {
  index: KnowledgeIndex;
  answers: ReadonlyMap<string, string>;
  signature: string;
}

export function createKnowledgeBase(db: Database, options: KnowledgeBaseOptions = {}): KnowledgeBase {
  const refreshMs = options.refreshMs ?? 2_000;
  /** Each text's terms, kept between builds so that a rebuild after one edit analyses only that entry. */
  const termCache = new Map<string, WeightedTerms>();
  let loaded: Loaded | undefined;
  let checkedAt = 0;
  let dirty = true;
  let pending: Promise<Loaded> | undefined;

  const load = async (signature: string): Promise<Loaded> => {
    const started = performance.now();
    const rows = await db.prisma.knowledgeEntry.findMany({
      where: { active: true },
      select: { id: true, question: true, alternates: true, answer: true, language: true },
      orderBy: { id: 'asc' },
    });
    const index = KnowledgeIndex.build(rows, { termCache });
    const texts = new Set(rows.flatMap((row) => [row.question, ...row.alternates].map((text) => text.trim())));
    for (const text of termCache.keys()) if (!texts.has(text)) termCache.delete(text);
    options.logger?.info({ entries: rows.length, ms: Math.round(performance.now() - started) }, 'knowledge index built');
    return { index, answers: new Map(rows.map((row) => [row.id, row.answer])), signature };
  };

  const refresh = async (): Promise<Loaded> => {
    // An invalidate() while this runs may concern a write this read missed: go round again.
    do {
      dirty = false;
      checkedAt = Date.now();
      try {
        const signature = await readSignature(db);
        if (loaded?.signature !== signature) loaded = await load(signature);
      } catch (error) {
        if (!loaded) throw error;
        // The last index is better than no answer; the next check comes after the interval.
        options.logger?.warn({ err: error }, 'knowledge base refresh failed; searching the last index');
      }
    } while (dirty);
    return loaded;
  };

  const current = (): Promise<Loaded> => {
    if (!pending && (dirty || !loaded || Date.now() - checkedAt >= refreshMs)) {
      pending = refresh().finally(() => {
        pending = undefined;
      });
    }
    return pending ?? Promise.resolve(loaded!);
  };

  return {
    search: async (text, language) => {
      const { index, answers } = await current();
      const result = index.search(text, { language });
      return { band: result.band, matches: result.matches.map((match) => ({ ...match, answer: answers.get(match.id) ?? '' })) };
    },
    invalidate: () => {
      dirty = true;
    },
  };
}

/**
 * Changes whenever an active entry is added, removed, (de)activated or edited. The sum of the
 * timestamps, not only the latest, because processes stamp `updatedAt` with their own clocks: an edit
 * from a process whose clock is behind can carry a timestamp older than the newest one. Helpful and
 * unhelpful counts are written without touching `updatedAt` (feedback.ts), so they do not count.
 */
async function readSignature(db: Database): Promise<string> {
  const [row] = await db.prisma.$queryRaw<{ count: number; latest: Date | null; stamps: string | null }[]>`
    SELECT count(*)::int AS count, max("updatedAt") AS latest, sum(extract(epoch FROM "updatedAt"))::text AS stamps
    FROM "KnowledgeEntry" WHERE active`;
  return `${row?.count ?? 0}/${row?.latest?.toISOString() ?? '-'}/${row?.stamps ?? '-'}`;
}
