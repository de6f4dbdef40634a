/** Read models for the review queue and the ticket page. Plain JSON, no Prisma types leak to clients. */
import type { Prisma } from '../core/db/generated/client.js';
import type { Database } from '../core/db/database.js';
import { NotFoundError } from '../core/errors/index.js';
import type { TicketStatus } from '../router/ticket-state-machine.js';

const suggestionSelect = {
  modelVersion: true,
  band: true,
  categories: true,
  departments: true,
  requestType: true,
  urgency: true,
  createdAt: true,
} as const;

export interface QueueOptions {
  limit: number;
  /**
   * `urgency` (default): most urgent, then oldest first. `oldest`: strictly first come, first served.
   * `uncertain`: the lowest suggestion score first (no suggestion at all first of all), so agents label
   * what the model is least sure about — the decisions that teach the next model most.
   */
  order: 'urgency' | 'oldest' | 'uncertain';
}

const ORDERS = {
  urgency: [{ urgency: 'asc' }, { acceptedAt: 'asc' }],
  oldest: [{ acceptedAt: 'asc' }],
  uncertain: [{ suggestionConfidence: { sort: 'asc', nulls: 'first' } }, { acceptedAt: 'asc' }],
} as const satisfies Record<QueueOptions['order'], Prisma.TicketOrderByWithRelationInput[]>;

const queueItemSelect = {
  id: true,
  number: true,
  status: true,
  channel: true,
  urgency: true,
  requestType: true,
  description: true,
  locationText: true,
  createdAt: true,
  acceptedAt: true,
  confirmedAt: true,
  flags: true,
  answer: true,
  satisfaction: true,
  resolved: true,
  consentContact: true,
  consentPublish: true,
  suggestions: { orderBy: { createdAt: 'desc' }, take: 1, select: suggestionSelect },
  _count: { select: { messages: true } },
} as const;

export async function reviewQueue(db: Database, options: QueueOptions) {
  return listed(db, { status: 'ACCEPTED' }, ORDERS[options.order], options.limit);
}

export interface TicketListOptions {
  status?: TicketStatus;
  /** Tickets carrying this flag, e.g. `auto-routed`: what the system confirmed without review. */
  flag?: string;
  /** Tickets not carrying this one, e.g. `checked`: what no agent has checked yet. */
  withoutFlag?: string;
  limit: number;
}

/** Tickets by state and flag, newest first: e.g. the auto-routed tickets waiting for dispatch, for agents to check. */
export async function listTickets(db: Database, options: TicketListOptions) {
  const where: Prisma.TicketWhereInput = {
    ...(options.status ? { status: options.status } : {}),
    ...(options.flag ? { flags: { has: options.flag } } : {}),
    ...(options.withoutFlag ? { NOT: { flags: { has: options.withoutFlag } } } : {}),
  };
  return listed(db, where, [{ createdAt: 'desc' }], options.limit);
}

async function listed(
  db: Database,
  where: Prisma.TicketWhereInput,
  orderBy: readonly Prisma.TicketOrderByWithRelationInput[],
  limit: number,
) {
  const tickets = await db.prisma.ticket.findMany({ where, orderBy: [...orderBy], take: limit, select: queueItemSelect });
  const total = await db.prisma.ticket.count({ where });
  return {
    total,
    items: tickets.map(({ suggestions, description, _count, ...ticket }) => ({
      ...ticket,
      excerpt: description.length > 140 ? `${description.slice(0, 140)}…` : description,
      messageCount: _count.messages,
      suggestion: suggestions[0] ?? null,
    })),
  };
}

export async function ticketDetail(db: Database, id: string) {
  const ticket = await db.prisma.ticket.findUnique({
    where: { id },
    include: {
      category: { select: { code: true, name: true, level: true } },
      leadDepartment: { select: { code: true, name: true } },
      coDepartments: { select: { department: { select: { code: true, name: true } } } },
      citizen: { select: { id: true, displayName: true, phone: true } },
      duplicateOf: { select: { id: true, number: true, status: true } },
      duplicates: { select: { id: true, number: true, status: true }, orderBy: { createdAt: 'asc' } },
      suggestions: { orderBy: { createdAt: 'desc' }, select: suggestionSelect },
      messages: {
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          direction: true,
          channel: true,
          kind: true,
          text: true,
          status: true,
          locationText: true,
          lat: true,
          lng: true,
          datum: true,
          createdAt: true,
          attachments: { select: { id: true, kind: true, mime: true, size: true, fileName: true, sourceUrl: true } },
        },
      },
      events: { orderBy: { id: 'asc' } },
    },
  });
  if (!ticket) throw new NotFoundError(`ticket ${id} does not exist`);
  // The embedding is for similarity search only: as JSON it would be thousands of numbered keys.
  const { suggestions, coDepartments, events, messages, embedding: _embedding, ...rest } = ticket;
  return {
    ...rest,
    coDepartments: coDepartments.map((c) => c.department),
    suggestion: suggestions[0] ?? null,
    previousSuggestions: suggestions.slice(1),
    messages: messages.map((message) => ({
      ...message,
      attachments: message.attachments.map((a) => ({ ...a, url: a.sourceUrl ?? `/api/v1/attachments/${a.id}` })),
    })),
    events: events.map((event) => ({ ...event, id: event.id.toString() })),
  };
}
