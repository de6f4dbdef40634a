/**
 * Request type (DOMAIN.md §4): the keyword rules until agents have confirmed enough tickets, then a
 * calibrated model trained on their final labels with the rules as features (nlu/department/rule-prior.ts).
 */
import { RulePriorClassifier, type RulePriorOptions, type RulePriorSetting } from '../department/rule-prior.js';
import type { LabelledExample } from '../department/text-classifier.js';
import { REQUEST_TYPES, REQUEST_TYPE_RULES, scoreRequestType, type RequestTypeCode } from '../rules/request-type.js';

export type RequestTypeClassifier = RulePriorClassifier<RequestTypeCode>;

const SETTING: RulePriorSetting<RequestTypeCode> = { rules: REQUEST_TYPE_RULES, score: scoreRequestType, values: REQUEST_TYPES };

export function requestTypeFromRules(): RequestTypeClassifier {
  return RulePriorClassifier.fromRules(scoreRequestType);
}

export function trainRequestType(
  examples: readonly (LabelledExample & { label: RequestTypeCode })[],
  options: Partial<RulePriorOptions<RequestTypeCode>> = {},
): RequestTypeClassifier {
  return RulePriorClassifier.train(REQUEST_TYPE_RULES, scoreRequestType, examples, options);
}

/** A saved request-type classifier (RulePriorClassifier.toState) with today's rules. */
export function requestTypeFromState(state: unknown): RequestTypeClassifier {
  return RulePriorClassifier.fromState(state, SETTING, 'request-type model');
}
