/**
 * Urgency (DOMAIN.md §7.2): the keyword rules until agents have confirmed enough tickets, then a
 * calibrated model trained on their final urgency. A safety cue (fire, gas, collapse, someone trapped,
 * flooding, a child or a lone old person in danger, no heating in freezing cold) keeps EXTRA_URGENT
 * first whatever the model says: the data will hold few such tickets, and a miss is the costly error.
 */
import { RulePriorClassifier, type RulePriorOptions, type RulePriorSetting } from '../department/rule-prior.js';
import type { LabelledExample } from '../department/text-classifier.js';
import { URGENCIES, URGENCY_RULES, scoreUrgency, type UrgencyCode } from '../rules/urgency.js';

export type UrgencyClassifier = RulePriorClassifier<UrgencyCode>;

const SAFETY: readonly UrgencyCode[] = ['EXTRA_URGENT'];
// The override is code, not data: a saved model gets today's safety list when it is loaded.
const SETTING: RulePriorSetting<UrgencyCode> = { rules: URGENCY_RULES, score: scoreUrgency, values: URGENCIES, overrides: SAFETY };

export function urgencyFromRules(): UrgencyClassifier {
  return RulePriorClassifier.fromRules(scoreUrgency, SAFETY);
}

export function trainUrgency(
  examples: readonly (LabelledExample & { label: UrgencyCode })[],
  options: Partial<Omit<RulePriorOptions<UrgencyCode>, 'overrides'>> = {},
): UrgencyClassifier {
  return RulePriorClassifier.train(URGENCY_RULES, scoreUrgency, examples, { ...options, overrides: SAFETY });
}

/** A saved urgency classifier (RulePriorClassifier.toState) with today's rules and safety override. */
export function urgencyFromState(state: unknown): UrgencyClassifier {
  return RulePriorClassifier.fromState(state, SETTING, 'urgency model');
}
