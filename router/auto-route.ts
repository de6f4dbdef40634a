/**
 * Whether a fresh ticket may be confirmed (T6) by the system, without an agent's review, and why not
 * when it may not. Pure: the caller (intake/auto-route.ts) gathers the facts and performs the
 * confirmation.
 *
 * The model's band is AUTO only when the top category's calibrated score reached the score at which
 * that category's held-out precision met the target (nlu/category/thresholds.ts), so "AUTO" already
 * means "right at least 95 % of the time". What the model cannot judge stays with people: emergencies
 * and hand-offs (the ticket carries a flag for agents), 特急 tickets, consultations (answered at intake
 * from the knowledge base, T2), a sender's own category choice that disagrees with the model, and
 * categories the 派单目录 gives no lead unit.
 *
 * The unit is the category's lead unit in the 派单目录; where a department model has learned from
 * agents which unit handles such texts and puts another unit first, the two opinions disagree and an
 * agent chooses. A ticket that likely repeats an open one (the similar-ticket search, run by the
 * caller only for a ticket that passes every other check) goes to an agent as a 并单 candidate.
 */
import type { Band } from '../nlu/types.js';
import type { TicketStatus } from './ticket-state-machine.js';

/** The facts the rule reads, from the stored ticket and its suggestion. */
export interface AutoRouteCandidate {
  status: TicketStatus;
  band: Band;
  /** The model's top category, best first in the stored suggestion. */
  topCategory?: { code: string; score: number };
  flags: readonly string[];
  urgency: string;
  requestType?: string | null;
  /** A category the sender picked (an Open311 service_code), when there is one. */
  chosenCategoryCode?: string | null;
  /** The stored department suggestion (nlu/department/department-ranking.ts), best first. */
  departments?: readonly { code: string; byText: number }[];
  /** The number of an open ticket this one likely repeats, once the caller has looked. */
  likelyDuplicateOf?: string;
}

/** The 派单目录 as the rule needs it: the active lead unit of an active category, or nothing. */
export interface LeadUnits {
  leadDepartment(categoryCode: string): { code: string } | undefined;
}

export type AutoRouteRefusal =
  | 'not-accepted'
  | 'no-suggestion'
  | 'not-confident'
  | 'flagged'
  | 'extra-urgent'
  | 'consultation'
  | 'sender-chose-another-category'
  | 'no-lead-department'
  | 'departments-disagree'
  | 'likely-duplicate';

export type AutoRouteDecision =
  { route: true; categoryCode: string; departmentCode: string; score: number } | { route: false; reason: AutoRouteRefusal };

export function decideAutoRoute(candidate: AutoRouteCandidate, catalogue: LeadUnits): AutoRouteDecision {
  const refuse = (reason: AutoRouteRefusal): AutoRouteDecision => ({ route: false, reason });
  const top = candidate.topCategory;
  if (candidate.status !== 'ACCEPTED') return refuse('not-accepted');
  if (!top) return refuse('no-suggestion');
  if (candidate.band !== 'AUTO') return refuse('not-confident');
  // Every flag is a mark for agents (emergency:*, handoff …): a person looks at such a ticket.
  if (candidate.flags.length > 0) return refuse('flagged');
  if (candidate.urgency === 'EXTRA_URGENT') return refuse('extra-urgent');
  if (candidate.requestType === 'CONSULT') return refuse('consultation');
  if (candidate.chosenCategoryCode && candidate.chosenCategoryCode !== top.code) return refuse('sender-chose-another-category');
  const lead = catalogue.leadDepartment(top.code);
  if (!lead) return refuse('no-lead-department');
  const byText = textFirstChoice(candidate.departments);
  if (byText !== undefined && byText !== lead.code) return refuse('departments-disagree');
  if (candidate.likelyDuplicateOf) return refuse('likely-duplicate');
  return { route: true, categoryCode: top.code, departmentCode: lead.code, score: top.score };
}

/** The department model's first choice in the stored ranking; undefined without a department model. */
function textFirstChoice(departments: AutoRouteCandidate['departments']): string | undefined {
  let best: { code: string; byText: number } | undefined;
  for (const department of departments ?? []) if (department.byText > 0 && (!best || department.byText > best.byText)) best = department;
  return best?.code;
}
