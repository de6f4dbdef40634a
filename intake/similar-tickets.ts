/**
 * For an agent deciding on a ticket: the recent tickets most like it (text, place, time) with a
 * duplicate verdict and its reasons (并单 candidates), and clusters of many reports about the same
 * thing (hot spots); for intake, the open ticket a new one likely repeats. Bounded to a window and a
 * number of tickets. A process keeps the index of the most recent tickets between searches
 * (RecentTickets: new tickets added, old ones evicted, rebuilt whole every few minutes so confirmed
 * categories show); a search about an older ticket builds its own from the database.
 */
import type { Database, Tx } from '../core/db/database.js';
import { NotFoundError } from '../core/errors/index.js';
import { TERMINAL_STATUSES, TICKET_STATUSES, type TicketStatus } from '../router/ticket-state-machine.js';
import {
  SimilarityIndex,
  type ClusterOptions,
  type Report,
  type ReportCluster,
  type SimilarityComponents,
  type Verdict,
} from '../nlu/similar/index.js';
import { prepareText } from '../nlu/text/index.js';

const DAY = 86_400_000;
/** The most recent tickets a search looks at: enough for a city's month, cheap enough per request. */
const MAX_CANDIDATES = 3_000;

const select = {
  id: true,
  number: true,
  status: true,
  description: true,
  createdAt: true,
  lat: true,
  lng: true,
  locationText: true,
  category: { select: { code: true } },
  suggestions: { orderBy: { createdAt: 'desc' }, take: 1, select: { categories: true } },
  embedding: true,
  embeddingModel: true,
} as const;

type Row = {
  id: string;
  number: string;
  status: string;
  description: string;
  createdAt: Date;
  lat: number | null;
  lng: number | null;
  locationText: string | null;
  category: { code: string } | null;
  suggestions: { categories: unknown }[];
  embedding: Uint8Array | null;
  embeddingModel: string | null;
};

/** Sentence embeddings stored with the tickets, where they come from the same model as the query's. */
function vectorsLike(query: Row, rows: Row[]): ((report: Report) => Float32Array | undefined) | undefined {
  if (!query.embedding || !query.embeddingModel) return undefined;
  const vectors = storedVectors([query, ...rows], query.embeddingModel);
  return (report) => vectors.get(report.id);
}

/** The vectors `model` made for the rows, by ticket id, added to `into` (none without a model). */
function storedVectors(rows: Row[], model: string | undefined, into = new Map<string, Float32Array>()): Map<string, Float32Array> {
  if (!model) return into;
  for (const row of rows) if (row.embedding && row.embeddingModel === model) into.set(row.id, toFloats(row.embedding));
  return into;
}

function toFloats(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes);
  return new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
}

function reportOf(row: Row): Report {
  // The confirmed category, else the suggested one: both keep different incidents at one spot apart.
  const suggested = (row.suggestions[0]?.categories as { code?: string }[] | undefined)?.[0]?.code;
  return {
    id: row.id,
    text: prepareText(row.description).normalized,
    at: row.createdAt,
    ...(row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : {}),
    ...(row.locationText ? { locationText: row.locationText } : {}),
    ...((row.category?.code ?? suggested) ? { categoryCode: row.category?.code ?? suggested } : {}),
  };
}

export interface SimilarOptions {
  k: number;
  windowDays: number;
  /** Only tickets still open: the ones a duplicate can be merged into (T5/T8). */
  openOnly?: boolean;
  /** The most recent tickets looked at. @defaultValue 3,000 */
  candidates?: number;
}

export async function similarTickets(db: Database, id: string, options: SimilarOptions, recent?: RecentTickets) {
  return findSimilar(db.prisma, id, options, recent);
}

/** The open ticket the given one most likely repeats (a 并单 candidate), if any. */
export async function likelyDuplicate(client: Tx, id: string, windowDays: number, recent?: RecentTickets) {
  // Intake asks this for every ticket it may route itself: a narrower look than an agent's (a city's week of open tickets).
  const { items } = await findSimilar(client, id, { k: 5, windowDays, openOnly: true, candidates: 1_000 }, recent);
  return items.find((item) => item.verdict.kind === 'duplicate');
}

/** Registered and not ended: a draft is nobody's ticket yet. */
const OPEN_STATUSES: TicketStatus[] = TICKET_STATUSES.filter((status) => status !== 'DRAFT' && !TERMINAL_STATUSES.has(status));

async function findSimilar(client: Tx, id: string, options: SimilarOptions, recent?: RecentTickets): Promise<{ items: SimilarItem[] }> {
  const ticket = (await client.ticket.findUnique({ where: { id }, select })) as Row | null;
  if (!ticket) throw new NotFoundError(`ticket ${id} does not exist`);
  const kept = await recent?.search(client, ticket, options);
  if (kept) return kept;
  const window = options.windowDays * DAY;
  const rows = (await client.ticket.findMany({
    where: {
      id: { not: id },
      createdAt: { gte: new Date(ticket.createdAt.getTime() - window), lte: new Date(ticket.createdAt.getTime() + window) },
      ...(options.openOnly ? { status: { in: OPEN_STATUSES } } : {}),
    },
    orderBy: { createdAt: 'desc' },
    take: options.candidates ?? MAX_CANDIDATES,
    select,
  })) as Row[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const vectorOf = vectorsLike(ticket, rows);
  const index = new SimilarityIndex(vectorOf ? { vectorOf } : {});
  index.addMany(rows.map(reportOf));
  const items = index
    .similar(reportOf(ticket), { k: options.k, windowDays: options.windowDays })
    .filter((match) => match.verdict.kind !== 'unrelated')
    .map((match) => {
      const row = byId.get(match.id)!;
      return {
        id: row.id,
        number: row.number,
        status: row.status,
        createdAt: row.createdAt,
        score: match.score,
        verdict: match.verdict,
        components: match.components,
      };
    });
  return { items };
}

/** One similar ticket as agents and intake see it. */
export interface SimilarItem {
  id: string;
  number: string;
  status: string;
  createdAt: Date;
  score: number;
  verdict: Verdict;
  components: SimilarityComponents;
}

export interface RecentTicketsOptions {
  /** Tickets older than this leave the kept index. @defaultValue 30 */
  windowDays: number;
  /** The most recent tickets kept. @defaultValue 3,000 */
  maxTickets: number;
  /** The whole index is rebuilt after this long (confirmed categories, edited texts). @defaultValue 5 minutes */
  rebuildMs: number;
  /** The sentence-embedding model whose stored vectors the index blends in; absent: n-grams alone. */
  embeddingModel?: string;
  now: () => Date;
}

/** Tickets that committed this long after their creation time are still picked up by the next sync. */
const LATE_COMMIT_MS = 60_000;

/**
 * The similarity index of the most recent tickets, kept by one process and brought up to date at each
 * search. It answers for tickets inside the range it holds (the common case: agents work on new
 * tickets, intake on the one it just created); for anything older it declines and the caller builds an
 * index from the database as before.
 */
export class RecentTickets {
  private readonly options: RecentTicketsOptions;
  private state?: { index: SimilarityIndex; vectors: Map<string, Float32Array>; builtAt: number; newest: number; coveredFrom: number };
  private syncing?: Promise<NonNullable<RecentTickets['state']>>;

  constructor(options: Partial<RecentTicketsOptions> & Pick<RecentTicketsOptions, 'now'>) {
    this.options = { windowDays: 30, maxTickets: MAX_CANDIDATES, rebuildMs: 5 * 60_000, ...options };
  }

  /** The sentence-embedding model whose vectors the index blends in, if any. */
  public get embeddingModel(): string | undefined {
    return this.options.embeddingModel;
  }

  /** The search through the kept index, or undefined when the ticket is outside it (or its vector from another model). */
  public async search(client: Tx, ticket: Row, options: SimilarOptions): Promise<{ items: SimilarItem[] } | undefined> {
    if (ticket.embeddingModel && ticket.embeddingModel !== this.options.embeddingModel) return undefined;
    const state = await this.current(client);
    if (ticket.createdAt.getTime() < state.coveredFrom) return undefined;
    if (!state.vectors.has(ticket.id)) storedVectors([ticket], this.options.embeddingModel, state.vectors);
    // More than asked for: ended tickets may be dropped below, and the ticket itself is never among them.
    const matches = state.index
      .similar(reportOf(ticket), { k: options.openOnly ? options.k * 4 : options.k, windowDays: options.windowDays })
      .filter((match) => match.verdict.kind !== 'unrelated' && match.id !== ticket.id);
    // Numbers and states as they are now: the index knows texts, places and times only.
    const rows = await client.ticket.findMany({
      where: { id: { in: matches.map((match) => match.id) } },
      select: { id: true, number: true, status: true, createdAt: true },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const items = matches
      .filter((match) => byId.has(match.id) && (!options.openOnly || OPEN_STATUSES.includes(byId.get(match.id)!.status)))
      .slice(0, options.k)
      .map((match) => {
        const row = byId.get(match.id)!;
        return { ...row, score: match.score, verdict: match.verdict, components: match.components };
      });
    return { items };
  }

  /**
   * Hot spots between `from` and `to` from the kept index, or undefined when `from` is older than it
   * holds. With sentence vectors, reports are linked on the blended text score but only between
   * reports that share a rare n-gram (SimilarityIndex.clusters).
   */
  public async clusters(client: Tx, options: ClusterOptions): Promise<ReportCluster[] | undefined> {
    const state = await this.current(client);
    return options.from.getTime() < state.coveredFrom ? undefined : state.index.clusters(options);
  }

  private current(client: Tx): Promise<NonNullable<RecentTickets['state']>> {
    // One sync at a time; concurrent searches share it.
    this.syncing ??= this.sync(client).finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async sync(client: Tx): Promise<NonNullable<RecentTickets['state']>> {
    const now = this.options.now().getTime();
    const from = now - this.options.windowDays * DAY;
    const state = this.state;
    if (!state || now - state.builtAt > this.options.rebuildMs) {
      const rows = (await client.ticket.findMany({
        where: { createdAt: { gte: new Date(from) } },
        orderBy: { createdAt: 'desc' },
        take: this.options.maxTickets,
        select,
      })) as Row[];
      const vectors = storedVectors(rows, this.options.embeddingModel);
      const index = new SimilarityIndex({ vectorOf: (report) => vectors.get(report.id) });
      index.addMany(rows.map(reportOf));
      // With the cap reached, the index starts at its oldest ticket rather than at the window's start.
      const coveredFrom = rows.length === this.options.maxTickets ? rows.at(-1)!.createdAt.getTime() : from;
      this.state = { index, vectors, builtAt: now, newest: rows[0]?.createdAt.getTime() ?? from, coveredFrom };
      return this.state;
    }
    const rows = (await client.ticket.findMany({
      where: { createdAt: { gte: new Date(state.newest - LATE_COMMIT_MS) } },
      orderBy: { createdAt: 'asc' },
      take: this.options.maxTickets,
      select,
    })) as Row[];
    const fresh = rows.filter((row) => !state.index.has(row.id));
    storedVectors(fresh, this.options.embeddingModel, state.vectors);
    for (const row of fresh) state.index.add(reportOf(row));
    state.newest = Math.max(state.newest, ...rows.map((row) => row.createdAt.getTime()));
    state.coveredFrom = Math.max(state.coveredFrom, from);
    state.index.evictBefore(new Date(state.coveredFrom));
    return state;
  }
}

/** Groups of reports about the same thing in the last days: hot spots for supervisors. */
export async function hotspots(db: Database, options: { days: number; minSize: number; now: Date }, recent?: RecentTickets) {
  const from = new Date(options.now.getTime() - options.days * DAY);
  const query = { from, to: options.now, minSize: options.minSize };
  let clusters = await recent?.clusters(db.prisma, query);
  if (!clusters) {
    const rows = (await db.prisma.ticket.findMany({
      where: { createdAt: { gte: from, lte: options.now } },
      orderBy: { createdAt: 'desc' },
      take: MAX_CANDIDATES,
      select,
    })) as Row[];
    // The stored vectors of the kept index's model, so older windows link reports as recent ones do.
    const vectors = storedVectors(rows, recent?.embeddingModel);
    const index = new SimilarityIndex(vectors.size > 0 ? { vectorOf: (report) => vectors.get(report.id) } : {});
    index.addMany(rows.map(reportOf));
    clusters = index.clusters(query);
  }
  const ids = clusters.flatMap((cluster) => cluster.ids);
  const numbers = new Map(
    (await db.prisma.ticket.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } })).map((row) => [
      row.id,
      row.number,
    ]),
  );
  return {
    items: clusters.map((cluster) => ({
      size: cluster.size,
      tickets: cluster.ids.map((id) => ({ id, number: numbers.get(id) })),
      representative: { id: cluster.representative.id, number: numbers.get(cluster.representative.id) },
      places: cluster.places,
      categories: cluster.categories,
      from: cluster.from,
      to: cluster.to,
      cohesion: cluster.cohesion,
    })),
  };
}
