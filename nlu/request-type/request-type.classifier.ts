/**
 * Request type (DOMAIN.md §4): the keyword rules until agents have confirmed enough tickets, then a
 * calibrated model trained on their final labels with the rules as features (nlu/department/rule-prior.ts).
 */
import { RulePriorClassifier, type RulePriorOptions } from '../department/rule-prior.js';
import type { LabelledExample } from '../department/text-classifier.js';
import { REQUEST_TYPE_RULES, scoreRequestType, type RequestTypeCode } from '../rules/request-type.js';

export type RequestTypeClassifier = RulePriorClassifier<RequestTypeCode>;

export function requestTypeFromRules(): RequestTypeClassifier {
  return RulePriorClassifier.fromRules(scoreRequestType);
}

export function trainRequestType(
  examples: readonly (LabelledExample & { label: RequestTypeCode })[],
  options: Partial<RulePriorOptions<RequestTypeCode>> = {},
): RequestTypeClassifier {
  return RulePriorClassifier.train(REQUEST_TYPE_RULES, scoreRequestType, examples, options);
}
