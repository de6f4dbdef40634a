/**
 * The system confirms (T6) a ticket it has just created when SUQIU_AUTO_ROUTE is on and the rule in
 * router/auto-route.ts allows it: the same effects as an agent's confirmation (intake/confirm.ts), by
 * the system, flagged `auto-routed` (自动分派 in the console), and without a training example — the
 * model must not learn from its own unreviewed output. The citizen is told as after an agent's.
 *
 * Before it acts, it looks for an open ticket this one likely repeats (the similar-ticket search): a
 * 并单 candidate is for an agent. The search runs only for a ticket that passes every other check.
 *
 * It runs inside the transaction that created the ticket, so it happens once or not at all: a
 * redelivered job finds its message PROCESSED and stops, and a ticket once PENDING_DISPATCH is
 * refused by the rule and by the state machine.
 */
import type { Tx } from '../core/db/database.js';
import { InvalidDataError } from '../core/errors/index.js';
import type { Band } from '../nlu/types.js';
import { decideAutoRoute, type AutoRouteCandidate } from '../router/auto-route.js';
import { transition } from '../router/ticket-state-machine.js';
import type { IntakeDeps } from './deps.js';
import { applyConfirmation, lockTicket, resolveConfirmation, tellCitizen } from './confirm.js';
import { likelyDuplicate } from './similar-tickets.js';

/** The ticket flag of a system confirmation. */
export const AUTO_ROUTED = 'auto-routed';

/** How far back a repeat of the same incident is looked for (the agents' similar-ticket default). */
const DUPLICATE_WINDOW_DAYS = 30;

type Deps = Pick<IntakeDeps, 'autoRoute' | 'catalogue' | 'classifier' | 'channels' | 'texts' | 'logger' | 'now'>;

/** Returns the citizen's status notice to enqueue once the transaction has committed, if there is one. */
export async function autoRoute(tx: Tx, deps: Deps, ticketId: string): Promise<{ id: string; channel: string } | undefined> {
  if (!deps.autoRoute) return undefined;
  const ticket = await lockTicket(tx, ticketId);
  const suggestion = ticket.suggestions[0];
  const top = (suggestion?.categories as { code: string; score: number }[] | undefined)?.[0];
  const candidate: AutoRouteCandidate = {
    status: ticket.status,
    band: (suggestion?.band ?? 'ABSTAIN') as Band,
    topCategory: top,
    flags: ticket.flags,
    urgency: ticket.urgency,
    requestType: ticket.requestType,
    chosenCategoryCode: ticket.category?.code,
    departments: suggestion?.departments as AutoRouteCandidate['departments'],
  };
  let decision = decideAutoRoute(candidate, deps.catalogue.current());
  if (decision.route) {
    const duplicate = await likelyDuplicate(tx, ticket.id, DUPLICATE_WINDOW_DAYS);
    if (duplicate) decision = decideAutoRoute({ ...candidate, likelyDuplicateOf: duplicate.number }, deps.catalogue.current());
  }
  const next = transition(ticket.status, 'confirm', 'system');
  if (!decision.route || !suggestion || !next.ok) {
    deps.logger.debug({ ticket: ticket.number, reason: decision.route ? ticket.status : decision.reason }, 'ticket left for review');
    return undefined;
  }
  let decided;
  try {
    decided = await resolveConfirmation(tx, ticket, {
      categoryCode: decision.categoryCode,
      departmentCode: decision.departmentCode,
      requestType: ticket.requestType ?? undefined,
      urgency: ticket.urgency,
    });
  } catch (error) {
    // The catalogue in memory may be a refresh behind the database; resolving only reads, so an agent decides instead.
    if (!(error instanceof InvalidDataError)) throw error;
    deps.logger.warn({ ticket: ticket.number, err: error }, 'ticket left for review: the catalogue changed');
    return undefined;
  }
  // The threshold only documents the model's own decision; null in the moment a new version replaces the one that scored.
  const classifier = deps.classifier.current();
  const threshold = classifier?.version === suggestion.modelVersion ? classifier.autoThreshold(decision.categoryCode) : null;
  const department = await applyConfirmation(tx, ticket, decided, next.value.to, {
    actorType: 'SYSTEM',
    reason: 'auto-route',
    detail: {
      autoRoute: { modelVersion: suggestion.modelVersion, categoryCode: decision.categoryCode, score: decision.score, threshold },
    },
    learn: false,
    now: deps.now(),
  });
  await tx.ticket.update({ where: { id: ticket.id }, data: { flags: { push: AUTO_ROUTED } } });
  return tellCitizen(tx, deps, ticket, 'confirm', department);
}
