/**
 * Trains the auxiliary models from agents' decisions and measures each on data it did not learn
 * from: request type and urgency by the rule-prior handover (5-fold cross-validation of model and
 * rules on the same labels; the model answers only where it won), the department classifier by
 * 5-fold cross-validation. Too few labelled examples is an outcome, not an error: that model stays on
 * the rules (or is absent) and the evaluation says why. Pure and synchronous.
 */
import { trainDepartmentClassifier } from '../department/department.classifier.js';
import type { Handover, RulePriorClassifier } from '../department/rule-prior.js';
import { crossValidate, type TextClassifierOptions } from '../department/text-classifier.js';
import { evaluate } from '../evaluation.js';
import { trainRequestType } from '../request-type/index.js';
import type { RequestTypeCode } from '../rules/request-type.js';
import type { UrgencyCode } from '../rules/urgency.js';
import { trainUrgency } from '../urgency/index.js';
import type { AuxModels } from './aux-models.js';

export interface AuxTrainingExample {
  /** Prepared as the served model will see it (prepareText(…).normalized). */
  text: string;
  requestType?: RequestTypeCode;
  urgency?: UrgencyCode;
  /** A live department's code. */
  departmentCode?: string;
}

export interface AuxTrainingOptions {
  /** Labels (types, urgencies, departments) with fewer examples are not learned. @defaultValue 5 */
  minExamplesPerLabel: number;
  /** Cross-validation folds of every evaluation. @defaultValue 5 */
  folds: number;
  classifier: Partial<TextClassifierOptions>;
}

export const DEFAULT_AUX_TRAINING_OPTIONS: AuxTrainingOptions = { minExamplesPerLabel: 5, folds: 5, classifier: {} };

interface Figures {
  accuracy: number;
  macroF1: number;
}

/** Request type or urgency: who answers, and the cross-validated figures that decided it. */
export interface RulePriorEvaluation {
  /** Examples that carry this field, and how many of each value. */
  examples: number;
  perLabel: Record<string, number>;
  answers: 'model' | 'rules';
  /** `too-few-examples`: fewer than two values had enough examples; `rules-as-good`: the model did not beat the rules. */
  reason: 'model-better' | 'rules-as-good' | 'too-few-examples';
  crossValidation: { examples: number; folds: number; rules: Figures; model: Figures } | null;
}

export interface DepartmentEvaluation {
  examples: number;
  perLabel: Record<string, number>;
  trained: boolean;
  reason: 'trained' | 'too-few-examples';
  /** Department codes the model can name. */
  learned: string[];
  crossValidation: ({ examples: number; folds: number } & Figures) | null;
}

export interface AuxEvaluation {
  minExamplesPerLabel: number;
  requestType: RulePriorEvaluation;
  urgency: RulePriorEvaluation;
  department: DepartmentEvaluation;
}

export function trainAuxModels(
  examples: readonly AuxTrainingExample[],
  options: Partial<AuxTrainingOptions> = {},
  progress: (fraction: number) => void = () => {},
): { models: AuxModels; evaluation: AuxEvaluation } {
  const settings = { ...DEFAULT_AUX_TRAINING_OPTIONS, ...options };
  const ruleOptions = {
    minExamplesPerLabel: settings.minExamplesPerLabel,
    comparisonFolds: settings.folds,
    classifier: settings.classifier,
  };
  const typed = labelled(examples, (example) => example.requestType);
  const requestType = trainRequestType(typed, ruleOptions);
  progress(1 / 3);
  const urgent = labelled(examples, (example) => example.urgency);
  const urgency = trainUrgency(urgent, ruleOptions);
  progress(2 / 3);
  const department = trainDepartment(
    labelled(examples, (example) => example.departmentCode),
    settings,
  );
  progress(1);
  return {
    models: { requestType, urgency, ...(department.model ? { department: department.model } : {}) },
    evaluation: {
      minExamplesPerLabel: settings.minExamplesPerLabel,
      requestType: rulePriorEvaluation(typed, requestType, settings.folds),
      urgency: rulePriorEvaluation(urgent, urgency, settings.folds),
      department: department.evaluation,
    },
  };
}

function trainDepartment(examples: { text: string; label: string }[], settings: AuxTrainingOptions) {
  const perLabel = countLabels(examples);
  const kept = examples.filter(({ label }) => perLabel[label]! >= settings.minExamplesPerLabel);
  const learned = [...new Set(kept.map(({ label }) => label))].sort();
  if (learned.length < 2) {
    const evaluation: DepartmentEvaluation = {
      examples: examples.length,
      perLabel,
      trained: false,
      reason: 'too-few-examples',
      learned: [],
      crossValidation: null,
    };
    return { evaluation };
  }
  const held = crossValidate(kept, settings.classifier, settings.folds);
  const figures = evaluate(held.map(({ label, ranked }) => ({ label, predicted: ranked[0]?.label ?? '', score: ranked[0]?.score ?? 0 })));
  const model = trainDepartmentClassifier(
    kept.map(({ text, label }) => ({ text, departmentCode: label })),
    { minExamplesPerUnit: settings.minExamplesPerLabel, classifier: settings.classifier },
  );
  const evaluation: DepartmentEvaluation = {
    examples: examples.length,
    perLabel,
    trained: true,
    reason: 'trained',
    learned,
    crossValidation: { examples: held.length, folds: settings.folds, accuracy: figures.accuracy, macroF1: figures.macroF1 },
  };
  return { model, evaluation };
}

function rulePriorEvaluation<V extends string>(
  examples: { label: V }[],
  classifier: RulePriorClassifier<V>,
  folds: number,
): RulePriorEvaluation {
  const handover: Handover | undefined = classifier.handover;
  return {
    examples: examples.length,
    perLabel: countLabels(examples),
    answers: classifier.trained ? 'model' : 'rules',
    reason: classifier.trained ? 'model-better' : handover ? 'rules-as-good' : 'too-few-examples',
    crossValidation: handover
      ? {
          examples: handover.examples,
          folds,
          rules: { accuracy: handover.rulesAccuracy, macroF1: handover.rulesMacroF1 },
          model: { accuracy: handover.modelAccuracy, macroF1: handover.modelMacroF1 },
        }
      : null,
  };
}

function labelled<V extends string>(
  examples: readonly AuxTrainingExample[],
  field: (example: AuxTrainingExample) => V | undefined,
): { text: string; label: V }[] {
  return examples.flatMap((example) => {
    const label = field(example);
    return label === undefined || example.text.trim() === '' ? [] : [{ text: example.text, label }];
  });
}

function countLabels(examples: readonly { label: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { label } of examples) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}
