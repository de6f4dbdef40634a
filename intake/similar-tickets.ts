/**
 * For an agent deciding on a ticket: the recent tickets most like it (text, place, time) with a
 * duplicate verdict and its reasons (并单 candidates), and clusters of many reports about the same
 * thing (hot spots). Built on demand from the database, so every process agrees and nothing is cached
 * stale; bounded to a window and a number of tickets.
 */
import type { Database, Tx } from '../core/db/database.js';
import { NotFoundError } from '../core/errors/index.js';
import { TERMINAL_STATUSES, TICKET_STATUSES, type TicketStatus } from '../router/ticket-state-machine.js';
import { SimilarityIndex, type Report } from '../nlu/similar/index.js';
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
  const vectors = new Map<string, Float32Array>();
  for (const row of [query, ...rows]) {
    if (row.embedding && row.embeddingModel === query.embeddingModel) vectors.set(row.id, toFloats(row.embedding));
  }
  return (report) => vectors.get(report.id);
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

export async function similarTickets(db: Database, id: string, options: SimilarOptions) {
  return findSimilar(db.prisma, id, options);
}

/** The open ticket the given one most likely repeats (a 并单 candidate), if any. */
export async function likelyDuplicate(client: Tx, id: string, windowDays: number) {
  // Intake asks this for every ticket it may route itself: a narrower look than an agent's (a city's week of open tickets).
  const { items } = await findSimilar(client, id, { k: 5, windowDays, openOnly: true, candidates: 1_000 });
  return items.find((item) => item.verdict.kind === 'duplicate');
}

/** Registered and not ended: a draft is nobody's ticket yet. */
const OPEN_STATUSES: TicketStatus[] = TICKET_STATUSES.filter((status) => status !== 'DRAFT' && !TERMINAL_STATUSES.has(status));

async function findSimilar(client: Tx, id: string, options: SimilarOptions) {
  const ticket = (await client.ticket.findUnique({ where: { id }, select })) as Row | null;
  if (!ticket) throw new NotFoundError(`ticket ${id} does not exist`);
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

/** Groups of reports about the same thing in the last days: hot spots for supervisors. */
export async function hotspots(db: Database, options: { days: number; minSize: number; now: Date }) {
  const from = new Date(options.now.getTime() - options.days * DAY);
  const rows = (await db.prisma.ticket.findMany({
    where: { createdAt: { gte: from, lte: options.now } },
    orderBy: { createdAt: 'desc' },
    take: MAX_CANDIDATES,
    select,
  })) as Row[];
  const numbers = new Map(rows.map((row) => [row.id, row.number]));
  const index = new SimilarityIndex();
  index.addMany(rows.map(reportOf));
  const clusters = index.clusters({ from, to: options.now, minSize: options.minSize });
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
