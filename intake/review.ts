/**
 * The agent's decision on an accepted ticket (DOMAIN.md T2, T4, T5, T6, T8): confirm the suggested
 * routing, with any field overridden, reject with a reason code, answer it directly (a consultation):
 * the citizen gets the answer on their channel and the bot asks for their rating, or merge it into the
 * open ticket it repeats (并单, also from PENDING_DISPATCH, e.g. after an auto-route): the citizen gets
 * that ticket's number. Before dispatch an agent may also check the routing (intake/check-routing.ts),
 * which corrects an auto-routed ticket. Every decision is an audit event, and a confirmation or a check
 * is kept as a training example that records whether the suggestion was right.
 * The confirmation's effects live in intake/confirm.ts, shared with the system's auto-route.
 */
import { z } from 'zod';

import type { Tx } from '../core/db/database.js';
import { topics } from '../core/events/event-bus.js';
import { InvalidDataError, InvalidStateError, NotFoundError } from '../core/errors/index.js';
import { TERMINAL_STATUSES, transition, type TicketEvent, type TicketStatus } from '../router/ticket-state-machine.js';
import { checkRouting, checkSchema } from './check-routing.js';
import { applyConfirmation, lockTicket, resolveConfirmation, routingChoiceFields, tellCitizen, type LockedTicket } from './confirm.js';
import type { IntakeDeps } from './deps.js';
import { enqueueOutbound } from './send-outbound.js';
import { askForCallback } from './dialog/callback.js';
import { saveAgentAnswer } from './knowledge/index.js';
import { talksWith } from './process-inbound.js';
import { detectLanguage } from './texts.js';
import { recordEvent } from './ticket-store.js';
import { isUuid, parseOrThrow } from '../core/validation.js';

/** DOMAIN.md §3: why a request is not taken up. */
export const REJECT_REASONS = [
  'LEGAL_ROUTE',
  'OUT_OF_JURISDICTION',
  'NOT_GOV_DUTY',
  'REPEAT_NO_NEW_FACTS',
  'SECRET_PRIVACY',
  'INVALID',
  'MALICIOUS',
] as const;

const confirmSchema = z.object({ action: z.literal('confirm'), ...routingChoiceFields }).strict();

const rejectSchema = z
  .object({ action: z.literal('reject'), reasonCode: z.enum(REJECT_REASONS), note: z.string().max(2_000).optional() })
  .strict();

const answerSchema = z
  .object({
    action: z.literal('answer'),
    answer: z.string().trim().min(1).max(4_000),
    /** Keep the question and this answer in the knowledge base, so the bot answers the next citizen itself. */
    saveToKnowledge: z
      .object({ question: z.string().trim().min(2).max(500).optional() })
      .strict()
      .optional(),
    note: z.string().max(2_000).optional(),
  })
  .strict();

const mergeSchema = z
  .object({
    action: z.literal('merge'),
    /** The open ticket this one repeats: its id or its number (20261122-000123). */
    duplicateOf: z.string().trim().min(1).max(64),
    note: z.string().max(2_000).optional(),
  })
  .strict();

/** `action` defaults to confirm: `{}` confirms the suggestion as it stands. */
export const reviewSchema = z.preprocess(
  (body) => (body && typeof body === 'object' && !('action' in body) ? { ...body, action: 'confirm' } : body),
  z.discriminatedUnion('action', [confirmSchema, rejectSchema, answerSchema, mergeSchema, checkSchema]),
);

export type ReviewInput = z.infer<typeof reviewSchema>;

export interface Reviewer {
  userId?: string;
  role: 'AGENT' | 'ADMIN';
}

type ReviewDeps = Pick<IntakeDeps, 'db' | 'bus' | 'now' | 'channels' | 'queues' | 'logger' | 'texts' | 'dialog'>;

/** The state machine's event of each decision; a check changes no state. */
const EVENTS: Record<Exclude<ReviewInput['action'], 'check'>, TicketEvent> = {
  confirm: 'confirm',
  reject: 'reject',
  answer: 'answerDirectly',
  merge: 'merge',
};

export async function reviewTicket(deps: ReviewDeps, ticketId: string, body: unknown, reviewer: Reviewer): Promise<void> {
  const input = parseOrThrow(reviewSchema, body, 'review');
  const notice = await deps.db.transaction(async (tx) => {
    const ticket = await lockTicket(tx, ticketId);
    if (input.action === 'check') return checkRouting(tx, deps, ticket, input, reviewer);
    const event = EVENTS[input.action];
    const next = transition(ticket.status, event, 'agent');
    if (!next.ok) {
      throw new InvalidStateError(`ticket ${ticket.number} is ${ticket.status}; "${event}" is not possible`, {
        details: { allowed: next.error.allowed },
      });
    }
    if (input.action === 'answer') {
      await answerDirectly(tx, ticket, input, next.value.to, reviewer, deps.now());
      return askForCallback(tx, { ...deps, dialogChannel: (channel) => dialogOn(deps, channel) }, ticket, input.answer);
    }
    if (input.action === 'merge') {
      const parent = await merge(tx, ticket, input, next.value.to, reviewer, deps.now());
      return tellCitizen(tx, deps, ticket, 'merge', parent);
    }
    const outcome =
      input.action === 'confirm'
        ? await applyConfirmation(tx, ticket, await resolveConfirmation(tx, ticket, input), next.value.to, {
            actorType: reviewer.role,
            actorId: reviewer.userId,
            reason: input.note,
            learn: true,
            now: deps.now(),
          })
        : await reject(tx, ticket, input, next.value.to, reviewer, deps.now());
    return tellCitizen(tx, deps, ticket, input.action, outcome);
  });
  if (notice) await enqueueOutbound(deps, notice.id, notice.channel);
  await deps.bus.publish(topics.reviewQueue, { ticketId, reviewed: true });
}

function dialogOn(deps: Pick<IntakeDeps, 'dialog' | 'channels'>, channel: string): boolean {
  const adapter = deps.channels.get(channel);
  return adapter !== undefined && talksWith(deps, adapter);
}

async function answerDirectly(
  tx: Tx,
  ticket: LockedTicket,
  input: z.infer<typeof answerSchema>,
  to: TicketStatus,
  reviewer: Reviewer,
  now: Date,
): Promise<void> {
  await tx.ticket.update({
    where: { id: ticket.id },
    data: { status: to, answer: input.answer, disposition: 'ANSWERED', requestType: ticket.requestType ?? 'CONSULT', closedAt: now },
  });
  await recordEvent(tx, {
    ticketId: ticket.id,
    event: 'answerDirectly',
    fromStatus: ticket.status,
    toStatus: to,
    actorType: reviewer.role,
    actorId: reviewer.userId,
    reason: input.note,
    after: { answer: input.answer, savedToKnowledge: input.saveToKnowledge !== undefined },
  });
  if (input.saveToKnowledge) {
    await saveAgentAnswer(tx, {
      question: input.saveToKnowledge.question ?? ticket.description,
      answer: input.answer,
      language: detectLanguage(ticket.description),
      categoryCode: ticket.category?.code,
      ticketId: ticket.id,
      userId: reviewer.userId,
    });
  }
}

async function reject(
  tx: Tx,
  ticket: LockedTicket,
  input: z.infer<typeof rejectSchema>,
  to: TicketStatus,
  reviewer: Reviewer,
  now: Date,
): Promise<string> {
  await tx.ticket.update({
    where: { id: ticket.id },
    data: { status: to, disposition: 'REJECTED', reasonCode: input.reasonCode, closedAt: now },
  });
  await recordEvent(tx, {
    ticketId: ticket.id,
    event: 'reject',
    fromStatus: ticket.status,
    toStatus: to,
    actorType: reviewer.role,
    actorId: reviewer.userId,
    reason: input.note,
    after: { reasonCode: input.reasonCode },
  });
  return input.reasonCode;
}

/**
 * T5/T8: the ticket is closed as MERGED into an open ticket about the same incident, which carries on.
 * The parent is locked too, so it cannot end in the same moment. Returns the parent's number.
 */
async function merge(
  tx: Tx,
  ticket: LockedTicket,
  input: z.infer<typeof mergeSchema>,
  to: TicketStatus,
  reviewer: Reviewer,
  now: Date,
): Promise<string> {
  const [found] = isUuid(input.duplicateOf)
    ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Ticket" WHERE id = ${input.duplicateOf}::uuid FOR UPDATE`
    : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Ticket" WHERE number = ${input.duplicateOf} FOR UPDATE`;
  if (!found) throw new NotFoundError(`ticket ${input.duplicateOf} (duplicateOf) does not exist`);
  if (found.id === ticket.id) throw new InvalidDataError(`ticket ${ticket.number} cannot be merged into itself`);
  const parent = await tx.ticket.findUniqueOrThrow({ where: { id: found.id }, select: { id: true, number: true, status: true } });
  if (parent.status === 'DRAFT' || TERMINAL_STATUSES.has(parent.status)) {
    throw new InvalidStateError(`ticket ${parent.number} is ${parent.status}; only an open ticket takes duplicates`);
  }
  await tx.ticket.update({
    where: { id: ticket.id },
    data: { status: to, duplicateOfId: parent.id, disposition: 'MERGED', closedAt: now },
  });
  await recordEvent(tx, {
    ticketId: ticket.id,
    event: 'merge',
    fromStatus: ticket.status,
    toStatus: to,
    actorType: reviewer.role,
    actorId: reviewer.userId,
    reason: input.note,
    after: { duplicateOf: parent.number },
  });
  return parent.number;
}
