/**
 * An agent checks the routing of a ticket that waits for dispatch (PENDING_DISPATCH) — above all one the
 * system confirmed without review (auto-routed): fields given replace the routing, none given confirm it
 * as right. The ticket stays where it is (dispatch, T7, comes next), but the check is a person's decision,
 * so it is what the model learns from: the ticket's training example is created, or replaced where an
 * agent's confirmation made one, with whether the model's suggestion was right. The check is audited
 * (a `check` event, routing before → after), the ticket is flagged `checked` so it leaves the list of
 * auto-routed tickets to check, and the citizen hears of it when the lead unit changed.
 */
import { z } from 'zod';

import type { Tx } from '../core/db/database.js';
import { InvalidStateError } from '../core/errors/index.js';
import { keepAsExample, resolveConfirmation, routingChoiceFields, tellCitizen, type Confirmation, type LockedTicket } from './confirm.js';
import type { IntakeDeps } from './deps.js';
import { recordEvent } from './ticket-store.js';

export const checkSchema = z.object({ action: z.literal('check'), ...routingChoiceFields }).strict();

export type CheckInput = z.infer<typeof checkSchema>;

/** The ticket flag of a routing an agent has checked. */
export const CHECKED = 'checked';

interface Checker {
  userId?: string;
  role: 'AGENT' | 'ADMIN';
}

/** Applies the check on the locked ticket; returns the citizen's notice when the lead unit changed. */
export async function checkRouting(
  tx: Tx,
  deps: Pick<IntakeDeps, 'channels' | 'texts'>,
  ticket: LockedTicket,
  input: CheckInput,
  checker: Checker,
): Promise<{ id: string; channel: string } | undefined> {
  if (ticket.status !== 'PENDING_DISPATCH') {
    throw new InvalidStateError(
      `ticket ${ticket.number} is ${ticket.status}; a routing is checked while the ticket waits for dispatch (PENDING_DISPATCH)`,
    );
  }
  const current = await tx.ticket.findUniqueOrThrow({
    where: { id: ticket.id },
    select: {
      leadDepartment: { select: { code: true } },
      coDepartments: { select: { department: { select: { code: true } } } },
    },
  });
  const before = {
    categoryCode: ticket.category?.code ?? null,
    departmentCode: current.leadDepartment?.code ?? null,
    coDepartmentCodes: current.coDepartments.map((c) => c.department.code).sort(),
    requestType: ticket.requestType,
    urgency: ticket.urgency,
  };
  // What the agent leaves out stays as routed; a new category without a unit brings its own lead unit.
  const categoryChanged = input.categoryCode !== undefined && input.categoryCode !== before.categoryCode;
  const decided = await resolveConfirmation(tx, ticket, {
    categoryCode: input.categoryCode ?? before.categoryCode ?? undefined,
    departmentCode: input.departmentCode ?? (categoryChanged ? undefined : (before.departmentCode ?? undefined)),
    coDepartmentCodes: input.coDepartmentCodes ?? before.coDepartmentCodes,
    requestType: input.requestType ?? before.requestType ?? undefined,
    urgency: input.urgency ?? before.urgency,
  });
  const after = routingOf(decided);
  const changed = JSON.stringify(after) !== JSON.stringify(before);

  await tx.ticket.update({
    where: { id: ticket.id },
    data: {
      categoryId: decided.category.id,
      leadDepartmentId: decided.department.id,
      requestType: decided.requestType,
      urgency: decided.urgency,
      reporterConfidential: ticket.reporterConfidential || decided.requestType === 'REPORT',
      coDepartments: { deleteMany: {}, create: decided.coDepartments.map((departmentId) => ({ departmentId })) },
      ...(ticket.flags.includes(CHECKED) ? {} : { flags: { push: CHECKED } }),
    },
  });
  const checks = await tx.ticketEvent.count({ where: { ticketId: ticket.id, event: 'check' } });
  await recordEvent(tx, {
    ticketId: ticket.id,
    event: 'check',
    fromStatus: ticket.status,
    toStatus: ticket.status,
    actorType: checker.role,
    actorId: checker.userId,
    reason: input.note,
    before,
    after: { ...after, changed },
  });
  await keepAsExample(tx, ticket, decided, checker.userId);
  if (after.departmentCode === before.departmentCode) return undefined;
  return tellCitizen(tx, deps, ticket, 'reroute', decided.department.name, `status-${ticket.id}-reroute-${checks + 1}`);
}

function routingOf(decided: Confirmation) {
  return {
    categoryCode: decided.category.code,
    departmentCode: decided.department.code,
    coDepartmentCodes: [...decided.coDepartmentCodes].sort(),
    requestType: decided.requestType,
    urgency: decided.urgency,
  };
}
