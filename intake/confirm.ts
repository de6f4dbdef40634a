/**
 * Confirming a ticket's routing (DOMAIN.md T6), shared by an agent's decision (intake/review.ts) and
 * the system's auto-route (intake/auto-route.ts): settle and check the routing, apply it with its
 * audit event (and, for people's decisions only, a training example), and tell the citizen.
 */
import { z } from 'zod';

import type { Tx } from '../core/db/database.js';
import type { Prisma, RequestType, Urgency } from '../core/db/generated/client.js';
import { InvalidDataError, NotFoundError } from '../core/errors/index.js';
import { REQUEST_TYPES, URGENCIES } from '../nlu/index.js';
import type { TicketStatus } from '../router/ticket-state-machine.js';
import type { IntakeDeps } from './deps.js';
import { readState } from './dialog/state.js';
import { prepareOutbound } from './outbound-store.js';
import { detectLanguage, rejectReasons, type Language } from './texts.js';
import { recordEvent } from './ticket-store.js';

interface StoredSuggestion {
  modelVersion: string;
  categories: { code: string }[];
  departments: { code: string }[];
  requestType: { value: RequestType }[];
  urgency: { value: Urgency }[];
}

/** The ticket with its latest suggestion, locked until the transaction ends: one decision at a time. */
export async function lockTicket(tx: Tx, ticketId: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Ticket" WHERE id = ${ticketId}::uuid FOR UPDATE`;
  if (!row) throw new NotFoundError(`ticket ${ticketId} does not exist`);
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    include: { suggestions: { orderBy: { createdAt: 'desc' }, take: 1 }, category: { select: { code: true } } },
  });
  return { ...ticket, status: ticket.status, suggestion: ticket.suggestions[0] as unknown as StoredSuggestion | undefined };
}

export type LockedTicket = Awaited<ReturnType<typeof lockTicket>>;

/** The routing fields an agent's confirmation or check may give (with a note), as the API takes them. */
export const routingChoiceFields = {
  categoryCode: z.string().min(1).optional(),
  departmentCode: z.string().min(1).optional(),
  coDepartmentCodes: z.array(z.string().min(1)).max(10).optional(),
  requestType: z.enum(REQUEST_TYPES).optional(),
  urgency: z.enum(URGENCIES).optional(),
  note: z.string().max(2_000).optional(),
};

/** What a confirmation may override; everything left out comes from the ticket and its suggestion. */
export interface ConfirmChoice {
  categoryCode?: string;
  departmentCode?: string;
  coDepartmentCodes?: string[];
  requestType?: RequestType;
  urgency?: Urgency;
}

/** Who confirmed and how the decision is kept. */
export interface ConfirmedBy {
  actorType: 'AGENT' | 'ADMIN' | 'SYSTEM';
  actorId?: string;
  reason?: string;
  /** More audit detail, stored with the event (the auto-route's model version, score and threshold). */
  detail?: Prisma.InputJsonObject;
  /** Keep the decision as a training example: people's decisions only, never the model's own output. */
  learn: boolean;
  now: Date;
}

/**
 * Checks the choice against the live catalogue and settles every field. Reads only, so a refusal
 * (InvalidDataError) leaves the transaction untouched.
 */
export async function resolveConfirmation(tx: Tx, ticket: LockedTicket, input: ConfirmChoice) {
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
  return {
    category,
    department,
    coDepartments,
    coDepartmentCodes: input.coDepartmentCodes ?? [],
    requestType,
    urgency,
    suggested: { categoryCode: suggestedCategory, departmentCode: suggestedDepartment },
  };
}

export type Confirmation = Awaited<ReturnType<typeof resolveConfirmation>>;

/** T6's effects: the routing on the ticket, the audit event and, for people's decisions, the training example. */
export async function applyConfirmation(tx: Tx, ticket: LockedTicket, decided: Confirmation, to: TicketStatus, by: ConfirmedBy) {
  const { category, department, requestType, urgency, suggested } = decided;
  const suggestion = ticket.suggestion;
  const before = {
    categoryCode: suggested.categoryCode ?? null,
    departmentCode: suggested.departmentCode ?? null,
    requestType: suggestion?.requestType[0]?.value ?? null,
    urgency: ticket.urgency,
  };
  const after = {
    categoryCode: category.code,
    departmentCode: department.code,
    coDepartmentCodes: decided.coDepartmentCodes,
    requestType,
    urgency,
    ...by.detail,
  };
  await tx.ticket.update({
    where: { id: ticket.id },
    data: {
      status: to,
      categoryId: category.id,
      leadDepartmentId: department.id,
      requestType,
      urgency,
      reporterConfidential: ticket.reporterConfidential || requestType === 'REPORT',
      confirmedAt: by.now,
      coDepartments: { deleteMany: {}, create: decided.coDepartments.map((departmentId) => ({ departmentId })) },
    },
  });
  await recordEvent(tx, {
    ticketId: ticket.id,
    event: 'confirm',
    fromStatus: ticket.status,
    toStatus: to,
    actorType: by.actorType,
    actorId: by.actorId,
    reason: by.reason,
    before,
    after,
  });
  if (by.learn) await keepAsExample(tx, ticket, decided, by.actorId);
  return department.name;
}

/**
 * A person's routing of a ticket as its one training example, with whether the model's suggestion was
 * right. A later decision on the same ticket (an agent's check before dispatch) replaces the earlier one.
 */
export async function keepAsExample(tx: Tx, ticket: LockedTicket, decided: Confirmation, actorId: string | undefined): Promise<void> {
  const { category, department, requestType, urgency, suggested } = decided;
  const example = {
    text: ticket.description,
    categoryCode: category.code,
    departmentCode: department.code,
    requestType,
    urgency,
    source: 'REVIEW' as const,
    modelVersion: ticket.suggestion?.modelVersion,
    suggestedCategoryCode: suggested.categoryCode,
    suggestedDepartmentCode: suggested.departmentCode,
    categoryCorrect: suggested.categoryCode === undefined ? null : suggested.categoryCode === category.code,
    departmentCorrect: suggested.departmentCode === undefined ? null : suggested.departmentCode === department.code,
    createdById: actorId,
  };
  await tx.trainingExample.upsert({ where: { ticketId: ticket.id }, create: { ...example, ticketId: ticket.id }, update: example });
}

/** The citizen hears the decision on the channel they used (a status notice: templates, SMS …). */
export async function tellCitizen(
  tx: Tx,
  deps: Pick<IntakeDeps, 'channels' | 'texts'>,
  ticket: LockedTicket,
  action: 'confirm' | 'reject' | 'merge' | 'reroute',
  /** The unit's name (confirm, reroute), the reason code (reject) or the parent ticket's number (merge). */
  outcome: string,
  /** One notice per decision: a decision that can come more than once (reroute) names its own. */
  idempotencyKey = `status-${ticket.id}-${action}`,
): Promise<{ id: string; channel: string } | undefined> {
  const origin = ticket.originMessageId ? await tx.message.findUnique({ where: { id: ticket.originMessageId } }) : null;
  if (!origin || !deps.channels.get(origin.channel)?.canReply) return undefined;
  const language = await citizenLanguage(tx, ticket);
  const text =
    action === 'confirm' || action === 'reroute'
      ? deps.texts.render(action === 'confirm' ? 'ticketConfirmed' : 'ticketRerouted', language, {
          number: ticket.number,
          department: outcome,
        })
      : action === 'merge'
        ? deps.texts.render('ticketMerged', language, { number: ticket.number, parent: outcome })
        : deps.texts.render('ticketRejected', language, { number: ticket.number, reason: rejectReasons[outcome]?.[language] ?? outcome });
  const id = await prepareOutbound(tx, {
    channel: origin.channel,
    channelUserId: origin.channelUserId,
    text,
    language,
    purpose: 'status',
    idempotencyKey,
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
