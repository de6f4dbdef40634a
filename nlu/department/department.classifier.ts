/**
 * The department text classifier: which unit handled messages like this one, learnt from past
 * tickets (message text → the unit that answered). Labels are whatever codes the caller uses — the
 * catalogue's department codes in suqiu, unit names in the TipDM bench.
 */
import { TextClassifier, type TextClassifierOptions } from './text-classifier.js';

export interface DepartmentTrainingExample {
  text: string;
  departmentCode: string;
}

export interface DepartmentTrainOptions {
  /** Units with fewer examples are left out: the model cannot learn them and they distort calibration. @defaultValue 5 */
  minExamplesPerUnit: number;
  classifier: Partial<TextClassifierOptions>;
}

export function trainDepartmentClassifier(
  examples: readonly DepartmentTrainingExample[],
  options: Partial<DepartmentTrainOptions> = {},
): TextClassifier {
  const minimum = options.minExamplesPerUnit ?? 5;
  const counts = new Map<string, number>();
  for (const { departmentCode } of examples) counts.set(departmentCode, (counts.get(departmentCode) ?? 0) + 1);
  const kept = examples
    .filter(({ departmentCode }) => counts.get(departmentCode)! >= minimum)
    .map(({ text, departmentCode }) => ({ text, label: departmentCode }));
  return TextClassifier.train(kept, options.classifier);
}

/** The classifier's opinion in the shape {@link rankDepartments} takes. */
export function departmentOpinion(model: TextClassifier, text: string, limit = 5): { code: string; score: number }[] {
  return model
    .predict(text)
    .slice(0, limit)
    .map(({ label, score }) => ({ code: label, score }));
}

/** A saved department classifier (TextClassifier.toState); its labels are department codes. */
export function departmentClassifierFromState(state: unknown): TextClassifier {
  return TextClassifier.fromState(state, undefined, 'department model');
}
