/**
 * The system confirms (T6) a ticket it has just created when SUQIU_AUTO_ROUTE is on and the rule in
 * router/auto-route.ts allows it: the same effects as an agent's confirmation (intake/confirm.ts), by
 * the system, flagged `auto-routed` (自动分派 in the console), and without a training example — the
 * model must not learn from its own unreviewed output. The citizen is told as after an agent's.
 *
 * It runs after the transaction that created the ticket has committed, so the search for an open
 * ticket this one likely repeats (a 并单 candidate is for an agent) holds no locks. The confirmation
 * itself is one transaction on the locked ticket, decided again there: an agent who acted in between
 * wins. It happens once or not at all — a redelivered message finds itself PROCESSED and does not come
 * here again, and a ticket that is no longer ACCEPTED is refused by the rule and the state machine. A
 * ticket whose auto-route failed simply waits for an agent.
 */
import { InvalidDataError } from '../core/errors/index.js';
import { DEFAULT_SIMILARITY_OPTIONS } from '../nlu/similar/index.js';
import type { Band } from '../nlu/types.js';
import { decideAutoRoute, type AutoRouteCandidate } from '../router/auto-route.js';
import { transition } from '../router/ticket-state-machine.js';
import type { IntakeDeps } from './deps.js';
import { applyConfirmation, lockTicket, resolveConfirmation, tellCitizen, type LockedTicket } from './confirm.js';
import { enqueueOutbound } from './send-outbound.js';
import { likelyDuplicate } from './similar-tickets.js';

/** The ticket flag of a system confirmation. */
export const AUTO_ROUTED = 'auto-routed';

/** A repeat of the same incident comes within this many days; later ones are new requests (nlu/similar). */
const DUPLICATE_WINDOW_DAYS = Math.ceil(DEFAULT_SIMILARITY_OPTIONS.verdict.maxDuplicateGapHours / 24);

type Deps = Pick<
  IntakeDeps,
  'db' | 'queues' | 'recentTickets' | 'autoRoute' | 'catalogue' | 'classifier' | 'channels' | 'texts' | 'logger' | 'now'
>;

/** Returns whether the system confirmed the ticket. Never throws: a failure leaves the ticket to agents. */
export async function autoRoute(deps: Deps, ticketId: string): Promise<boolean> {
  if (!deps.autoRoute) return false;
  try {
    return await routeIfClear(deps, ticketId);
  } catch (error) {
    deps.logger.warn({ err: error, ticketId }, 'auto-route failed; the ticket waits for an agent');
    return false;
  }
}

async function routeIfClear(deps: Deps, ticketId: string): Promise<boolean> {
  const unlocked = await deps.db.prisma.ticket.findUnique({
    where: { id: ticketId },
    include: { suggestions: { orderBy: { createdAt: 'desc' }, take: 1 }, category: { select: { code: true } } },
  });
  if (!unlocked) return false;
  const first = decideAutoRoute(candidateOf(unlocked), deps.catalogue.current());
  if (!first.route) return left(deps, unlocked.number, first.reason);
  // The search only for a ticket that passes every other check: it is the expensive one.
  const likelyDuplicateOf = (await likelyDuplicate(deps.db.prisma, ticketId, DUPLICATE_WINDOW_DAYS, deps.recentTickets))?.number;

  const notice = await deps.db.transaction(async (tx) => {
    const ticket = await lockTicket(tx, ticketId);
    // Decided again on the locked row: an agent may have confirmed, rejected or merged it meanwhile.
    const decision = decideAutoRoute({ ...candidateOf(ticket), likelyDuplicateOf }, deps.catalogue.current());
    if (!decision.route) {
      left(deps, ticket.number, decision.reason, likelyDuplicateOf);
      return undefined;
    }
    const next = transition(ticket.status, 'confirm', 'system');
    const suggestion = ticket.suggestions[0];
    if (!next.ok || !suggestion) return undefined;
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
    return (await tellCitizen(tx, deps, ticket, 'confirm', department)) ?? null;
  });
  if (notice === undefined) return false;
  if (notice) await enqueueOutbound(deps, notice.id, notice.channel);
  return true;
}

function candidateOf(
  ticket: Pick<LockedTicket, 'status' | 'suggestions' | 'flags' | 'urgency' | 'requestType' | 'category'>,
): AutoRouteCandidate {
  const suggestion = ticket.suggestions[0];
  return {
    status: ticket.status,
    band: (suggestion?.band ?? 'ABSTAIN') as Band,
    topCategory: (suggestion?.categories as { code: string; score: number }[] | undefined)?.[0],
    flags: ticket.flags,
    urgency: ticket.urgency,
    requestType: ticket.requestType,
    chosenCategoryCode: ticket.category?.code,
    departments: suggestion?.departments as AutoRouteCandidate['departments'],
  };
}

function left(deps: Deps, number: string, reason: string, duplicateOf?: string): false {
  deps.logger.debug({ ticket: number, reason, duplicateOf }, 'ticket left for review');
  return false;
}
