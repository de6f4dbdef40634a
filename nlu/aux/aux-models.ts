/**
 * The models a category version carries beside its categories: request type and urgency (keyword
 * rules that hand over to a model trained on agents' decisions, nlu/department/rule-prior.ts) and a
 * department opinion learnt from the units agents routed tickets to. A version trained before these
 * existed, or with too few decisions, answers from the rules and gives no department opinion.
 */
import { departmentOpinion } from '../department/department.classifier.js';
import type { RulePriorState, TextClassifierState } from '../department/model-state.js';
import type { TextClassifier } from '../department/text-classifier.js';
import { requestTypeFromRules, type RequestTypeClassifier } from '../request-type/index.js';
import type { RequestTypeCode } from '../rules/request-type.js';
import type { UrgencyCode } from '../rules/urgency.js';
import type { ValueScore } from '../types.js';
import { urgencyFromRules, type UrgencyClassifier } from '../urgency/index.js';

export interface AuxModels {
  requestType: RequestTypeClassifier;
  urgency: UrgencyClassifier;
  /** Absent until agents have routed enough tickets to at least two live departments. */
  department?: TextClassifier;
}

/**
 * The saved form, one JSON document per model (load each with requestTypeFromState, urgencyFromState,
 * departmentClassifierFromState); an absent one means the rules (or no department opinion).
 */
export interface AuxStates {
  requestType?: RulePriorState;
  urgency?: RulePriorState;
  department?: TextClassifierState;
}

export interface AuxAnswer {
  requestType: ValueScore<RequestTypeCode>[];
  urgency: ValueScore<UrgencyCode>[];
  /** Department codes with the model's probabilities, best first; absent without a model or when it knows no word of the text. */
  departments?: { code: string; score: number }[];
}

/** How many departments the model's opinion names. */
const DEPARTMENT_TOP_K = 5;

export function rulesOnly(): AuxModels {
  return { requestType: requestTypeFromRules(), urgency: urgencyFromRules() };
}

export function auxToStates(models: AuxModels): AuxStates {
  return {
    requestType: models.requestType.toState(),
    urgency: models.urgency.toState(),
    ...(models.department ? { department: models.department.toState() } : {}),
  };
}

/** The auxiliary answers for an already normalised text (normalizeText). */
export function classifyAux(models: AuxModels, normalized: string): AuxAnswer {
  const { department } = models;
  // A text sharing no word with the department data would only get the label prior: no opinion is better.
  const knows = department !== undefined && department.knows(normalized);
  return {
    requestType: models.requestType.classify(normalized).scores,
    urgency: models.urgency.classify(normalized).scores,
    ...(knows ? { departments: departmentOpinion(department, normalized, DEPARTMENT_TOP_K) } : {}),
  };
}
