/**
 * Training as suqiu runs it for an admin: hold out a stratified share of the examples, train on the
 * rest and measure on the held-out part (the figures and per-class thresholds stored with the
 * version), then train the served model on everything. Pure and synchronous: callers run it off the
 * main thread.
 */
import type { CategoryModel } from './category-model.js';
import { evaluate, stratifiedHoldout, type Evaluation, type Prediction } from './evaluation.js';
import { seededRandom } from './random.js';
import { trainCategoryModel, TrainingDataError, type LabelledText } from './train.js';

export interface EvaluatedTrainingOptions {
  /** Share of every category held out for the evaluation. */
  holdout: number;
  /** Precision at which per-category routing thresholds are set. */
  targetPrecision: number;
  seed: number;
  version: string;
  now?: Date;
}

export interface EvaluatedModel {
  model: CategoryModel;
  evaluation: Evaluation;
  /** The held-out examples (indices into the examples given) and what the evaluated model said of each. */
  heldOut: (Prediction & { index: number })[];
}

export type Progress = (stage: 'evaluating' | 'training' | 'done', fraction: number) => void;

export function trainAndEvaluate(
  examples: readonly LabelledText[],
  options: EvaluatedTrainingOptions,
  progress: Progress = () => {},
): EvaluatedModel {
  const indexed = examples.map((example, index) => ({ ...example, index }));
  const { train, test } = stratifiedHoldout(indexed, options.holdout, seededRandom(options.seed));
  if (test.length === 0) throw new TrainingDataError('too few examples to hold any out for the evaluation (need 2 of a category)');
  progress('evaluating', 0.05);
  const candidate = trainCategoryModel(train, { version: `${options.version}-eval`, now: options.now });
  const predictions = test.map((example) => predictionOf(candidate, example));
  const evaluation = evaluate(predictions, options.targetPrecision);
  progress('training', 0.5);
  const model = trainCategoryModel([...examples], { version: options.version, now: options.now });
  progress('done', 1);
  return { model, evaluation, heldOut: predictions.map((prediction, i) => ({ ...prediction, index: test[i]!.index })) };
}

/** Scores a served model on labelled examples (the comparison of two versions on the same data). */
export function evaluateModel(model: CategoryModel, examples: readonly LabelledText[], targetPrecision: number): Evaluation {
  return evaluate(
    examples.map((example) => predictionOf(model, example)),
    targetPrecision,
  );
}

function predictionOf(model: CategoryModel, example: LabelledText): Prediction {
  const [best] = model.predict(example.text);
  return { label: example.label, predicted: best?.code ?? '', score: best?.score ?? 0 };
}
