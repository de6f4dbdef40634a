/**
 * The agent's decision on an accepted ticket (DOMAIN.md T2, T4, T6): confirm the suggested routing,
 * with any field overridden, reject with a reason code, or answer it directly (a consultation): the
 * citizen gets the answer on their channel and the bot asks for their rating. Every decision is an audit event, and a
 * confirmation is kept as a training example that records whether the suggestion was right.
 */
import { z } from 'zod';

import type { Tx } from '../core/db/database.js';
import type { RequestType, Urgency } from '../core/db/generated/client.js';
import { topics } from '../core/events/event-bus.js';
import { InvalidDataError, InvalidStateError, NotFoundError } from '../core/errors/index.js';
import { REQUEST_TYPES, URGENCIES } from '../nlu/index.js';
import { transition, type TicketEvent, type TicketStatus } from '../router/ticket-state-machine.js';
import type { IntakeDeps } from './deps.js';
import { prepareOutbound } from './outbound-store.js';
import { enqueueOutbound } from './send-outbound.js';
import { askForCallback } from './dialog/callback.js';
import { readState } from './dialog/state.js';
import { saveAgentAnswer } from './knowledge/index.js';
import { talksWith } from './process-inbound.js';
import { detectLanguage, rejectReasons, type Language } from './texts.js';
import { recordEvent } from './ticket-store.js';
import { parseOrThrow } from '../core/validation.js';

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

const confirmSchema = z
  .object({
    action: z.literal('confirm'),
    categoryCode: z.string().min(1).optional(),
    departmentCode: z.string().min(1).optional(),
    coDepartmentCodes: z.array(z.string().min(1)).max(10).optional(),
    requestType: z.enum(REQUEST_TYPES).optional(),
    urgency: z.enum(URGENCIES).optional(),
    note: z.string().max(2_000).optional(),
  })
  .strict();

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

/** `action` defaults to confirm: `{}` confirms the suggestion as it stands. */
export const reviewSchema = z.preprocess(
  (body) => (body && typeof body === 'object' && !('action' in body) ? { ...body, action: 'confirm' } : body),
  z.discriminatedUnion('action', [confirmSchema, rejectSchema, answerSchema]),
);

export type ReviewInput = z.infer<typeof reviewSchema>;

export interface Reviewer {
  userId?: string;
  role: 'AGENT' | 'ADMIN';
}

interface StoredSuggestion {
  modelVersion: string;
  categories: { code: string }[];
  departments: { code: string }[];
  requestType: { value: RequestType }[];
  urgency: { value: Urgency }[];
}

type ReviewDeps = Pick<IntakeDeps, 'db' | 'bus' | 'now' | 'channels' | 'queues' | 'logger' | 'texts' | 'dialog'>;

const EVENTS: Record<ReviewInput['action'], TicketEvent> = { confirm: 'confirm', reject: 'reject', answer: 'answerDirectly' };

export async function reviewTicket(deps: ReviewDeps, ticketId: string, body: unknown, reviewer: Reviewer): Promise<void> {
  const input = parseOrThrow(reviewSchema, body, 'review');
  const notice = await deps.db.transaction(async (tx) => {
    const ticket = await lockTicket(tx, ticketId);
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
    const outcome =
      input.action === 'confirm'
        ? await confirm(tx, ticket, input, next.value.to, reviewer, deps.now())
        : await reject(tx, ticket, input, next.value.to, reviewer, deps.now());
    return tellCitizen(tx, deps, ticket, input.action, outcome);
  });
  if (notice) await enqueueOutbound(deps, notice.id, notice.channel);
  await deps.bus.publish(topics.reviewQueue, { ticketId, reviewed: true });
}

/** The citizen hears the decision on the channel they used (a status notice: templates, SMS …). */
async function tellCitizen(tx: Tx, deps: ReviewDeps, ticket: LockedTicket, action: 'confirm' | 'reject', outcome: string) {
  const origin = ticket.originMessageId ? await tx.message.findUnique({ where: { id: ticket.originMessageId } }) : null;
  if (!origin || !deps.channels.get(origin.channel)?.canReply) return undefined;
  const language = await citizenLanguage(tx, ticket);
  const text =
    action === 'confirm'
      ? deps.texts.render('ticketConfirmed', language, { number: ticket.number, department: outcome })
      : deps.texts.render('ticketRejected', language, { number: ticket.number, reason: rejectReasons[outcome]?.[language] ?? outcome });
  const id = await prepareOutbound(tx, {
    channel: origin.channel,
    channelUserId: origin.channelUserId,
    text,
    language,
    purpose: 'status',
    idempotencyKey: `status-${ticket.id}-${action}`,
    citizenId: ticket.citizenId,
    conversationId: origin.conversationId ?? undefined,
    ticketId: ticket.id,
  });
  return { id, channel: origin.channel };
}

/** The language the citizen last spoke in their conversation, else that of the ticket's words. */
async function citizenLanguage(tx: Tx, ticket: LockedTicket): Promise<Language> {
  const conversation = ticket.conversationId
    ? await tx.conversation.findUnique({ where: { id: ticket.conversationId }, select: { state: true } })
    : null;
  return (conversation ? readState(conversation.state).language : undefined) ?? detectLanguage(ticket.description);
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

async function lockTicket(tx: Tx, ticketId: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Ticket" WHERE id = ${ticketId}::uuid FOR UPDATE`;
  if (!row) throw new NotFoundError(`ticket ${ticketId} does not exist`);
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    include: { suggestions: { orderBy: { createdAt: 'desc' }, take: 1 }, category: { select: { code: true } } },
  });
  return { ...ticket, status: ticket.status, suggestion: ticket.suggestions[0] as unknown as StoredSuggestion | undefined };
}

type LockedTicket = Awaited<ReturnType<typeof lockTicket>>;

async function confirm(
  tx: Tx,
  ticket: LockedTicket,
  input: z.infer<typeof confirmSchema>,
  to: TicketStatus,
  reviewer: Reviewer,
  now: Date,
) {
  const suggestion = ticket.suggestion;
  const suggestedCategory = suggestion?.categories[0]?.code;
  const suggestedDepartment = suggestion?.departments[0]?.code;
  // The sender's own choice (an Open311 service_code) comes first, then the model's suggestion.
  const categoryCode = input.categoryCode ?? ticket.category?.code ?? suggestedCategory;
  if (!categoryCode) throw new InvalidDataError('categoryCode is required: there is no suggestion to confirm');
  const category = await tx.category.findFirst({
    where: { code: categoryCode, active: true },
    include: { departments: { orderBy: { rank: 'asc' }, take: 1 } },
  });
  if (!category) throw new InvalidDataError(`categoryCode: unknown or inactive category "${categoryCode}"`);
  // A corrected category brings its own lead unit unless the agent named one.
  const departmentCode = input.departmentCode ?? (categoryCode !== suggestedCategory ? undefined : suggestedDepartment);
  const department = departmentCode
    ? await tx.department.findFirst({ where: { code: departmentCode, active: true } })
    : await leadOf(tx, category.id);
  if (!department)
    throw new InvalidDataError(
      departmentCode
        ? `departmentCode: unknown or inactive department "${departmentCode}"`
        : 'departmentCode is required: the category has no lead unit',
    );
  const coDepartments = await resolveDepartments(tx, input.coDepartmentCodes ?? [], department.id);
  const requestType = input.requestType ?? suggestion?.requestType[0]?.value ?? 'OTHER';
  const urgency = input.urgency ?? suggestion?.urgency[0]?.value ?? ticket.urgency;

  const before = {
    categoryCode: suggestedCategory ?? null,
    departmentCode: suggestedDepartment ?? null,
    requestType: suggestion?.requestType[0]?.value ?? null,
    urgency: ticket.urgency,
  };
  const after = { categoryCode, departmentCode: department.code, coDepartmentCodes: input.coDepartmentCodes ?? [], requestType, urgency };
  await tx.ticket.update({
    where: { id: ticket.id },
    data: {
      status: to,
      categoryId: category.id,
      leadDepartmentId: department.id,
      requestType,
      urgency,
      reporterConfidential: ticket.reporterConfidential || requestType === 'REPORT',
      confirmedAt: now,
      coDepartments: { deleteMany: {}, create: coDepartments.map((departmentId) => ({ departmentId })) },
    },
  });
  await recordEvent(tx, {
    ticketId: ticket.id,
    event: 'confirm',
    fromStatus: ticket.status,
    toStatus: to,
    actorType: reviewer.role,
    actorId: reviewer.userId,
    reason: input.note,
    before,
    after,
  });
  await tx.trainingExample.create({
    data: {
      text: ticket.description,
      categoryCode,
      departmentCode: department.code,
      requestType,
      urgency,
      source: 'REVIEW',
      ticketId: ticket.id,
      modelVersion: suggestion?.modelVersion,
      suggestedCategoryCode: suggestedCategory,
      suggestedDepartmentCode: suggestedDepartment,
      categoryCorrect: suggestedCategory === undefined ? null : suggestedCategory === categoryCode,
      departmentCorrect: suggestedDepartment === undefined ? null : suggestedDepartment === department.code,
      createdById: reviewer.userId,
    },
  });
  return department.name;
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

async function leadOf(tx: Tx, categoryId: string) {
  for (let id: string | null = categoryId; id;) {
    const category: {
      parentId: string | null;
      departments: { department: { id: string; code: string; name: string; active: boolean } }[];
    } | null = await tx.category.findUnique({
      where: { id },
      select: { parentId: true, departments: { orderBy: { rank: 'asc' }, select: { department: true } } },
    });
    const lead = category?.departments.find((d) => d.department.active)?.department;
    if (lead) return lead;
    id = category?.parentId ?? null;
  }
  return undefined;
}

async function resolveDepartments(tx: Tx, codes: string[], leadId: string): Promise<string[]> {
  const unique = [...new Set(codes)];
  const rows = await tx.department.findMany({ where: { code: { in: unique }, active: true }, select: { id: true, code: true } });
  const missing = unique.filter((code) => !rows.some((row) => row.code === code));
  if (missing.length > 0) throw new InvalidDataError(`coDepartmentCodes: unknown department ${missing.join(', ')}`);
  if (rows.some((row) => row.id === leadId)) throw new InvalidDataError('coDepartmentCodes: the lead unit cannot also co-handle');
  return rows.map((row) => row.id);
}
