/** Ticket rows and their audit trail. Every change of a ticket goes through `recordEvent`. */
import type { ActorType, Prisma, RequestType, TicketStatus, Urgency } from '../core/db/generated/client.js';
import type { Tx } from '../core/db/database.js';
import { formatTicketNumber, localDay } from '../core/time.js';
import { transition } from '../router/ticket-state-machine.js';

export interface TicketDraft {
  citizenId: string;
  conversationId: string;
  /** A category the sender chose (Open311); otherwise the agent sets it at confirmation. */
  categoryId?: string;
  channel: string;
  originMessageId: string;
  description: string;
  locationText?: string | null;
  lat?: number | null;
  lng?: number | null;
  datum?: string | null;
  requestType?: RequestType;
  urgency: Urgency;
  reporterConfidential: boolean;
  consentContact?: boolean;
  consentPublish?: boolean;
  flags?: string[];
  embedding?: Uint8Array<ArrayBuffer>;
  embeddingModel?: string;
}

/** Allocates the day's next number inside the caller's transaction: no gaps, no duplicates. */
export async function nextTicketNumber(tx: Tx, timeZone: string, now: Date): Promise<string> {
  const day = localDay(now, timeZone);
  const [row] = await tx.$queryRaw<{ value: number }[]>`
    INSERT INTO "TicketCounter" (day, value) VALUES (${day}, 1)
    ON CONFLICT (day) DO UPDATE SET value = "TicketCounter".value + 1
    RETURNING value`;
  return formatTicketNumber(day, Number(row!.value));
}

/**
 * A complete message becomes a ticket in one step: created as a draft and submitted (T1) in the same
 * transaction, so the review queue never shows a half-made ticket. Both steps are in the audit trail.
 */
export async function createAcceptedTicket(tx: Tx, timeZone: string, now: Date, draft: TicketDraft & { suggestion: SuggestionRow }) {
  const submitted = transition('DRAFT', 'submit', 'system');
  if (!submitted.ok) throw new Error('the state machine no longer lets the system submit a draft');
  const { suggestion, ...fields } = draft;
  const number = await nextTicketNumber(tx, timeZone, now);
  return tx.ticket.create({
    data: {
      ...fields,
      number,
      status: submitted.value.to,
      acceptedAt: now,
      suggestionConfidence: topScore(suggestion.categories),
      suggestions: { create: suggestion },
      events: {
        create: [
          { event: 'create', toStatus: 'DRAFT', actorType: 'SYSTEM', after: { number, channel: fields.channel } },
          { event: 'submit', fromStatus: 'DRAFT', toStatus: submitted.value.to, actorType: 'SYSTEM' },
        ],
      },
    },
    select: { id: true, number: true },
  });
}

export type SuggestionRow = Omit<Prisma.NluSuggestionCreateWithoutTicketInput, 'id' | 'createdAt'>;

/** The first ranked category's score; none when there was no suggestion (the least certain of all). */
function topScore(categories: SuggestionRow['categories']): number | null {
  const first = Array.isArray(categories) ? (categories[0] as { score?: unknown } | undefined) : undefined;
  return typeof first?.score === 'number' ? first.score : null;
}

export interface EventRecord {
  ticketId: string;
  event: string;
  fromStatus?: TicketStatus;
  toStatus?: TicketStatus;
  actorType: ActorType;
  actorId?: string;
  reason?: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

export async function recordEvent(tx: Tx, record: EventRecord): Promise<void> {
  await tx.ticketEvent.create({ data: record });
}
