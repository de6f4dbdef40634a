/**
 * Training as suqiu runs it for an admin: hold out a stratified share of the examples, train the
 * category classifier on the rest and measure it on the held-out part (the figures stored with the
 * version), then train the served model on everything. Pure and synchronous: callers run it off the
 * main thread.
 */
import { trainCategoryClassifier, type CategoryClassifierModel, type ParentMap, type TrainEmbeddings } from './category/index.js';
import { autoThresholds } from './category/thresholds.js';
import { evaluate, stratifiedHoldout, type Evaluation, type Prediction } from './evaluation.js';
import { seededRandom } from './random.js';
import { TrainingDataError, type LabelledText } from './train.js';

export interface EvaluatedTrainingOptions {
  /** Share of every category held out for the evaluation. */
  holdout: number;
  /** Precision at which per-category routing thresholds are set. */
  targetPrecision: number;
  seed: number;
  version: string;
  /** Category → parent category, so scores roll up the tree. */
  parents?: ParentMap;
  /** Examples from the category tree's own words, added to every fit and never scored. */
  priors?: LabelledText[];
  /** Sentence embeddings of the examples (in the order given) and priors: the model gains an embedding block. */
  embeddings?: TrainEmbeddings;
  now?: Date;
}

export interface EvaluatedModel {
  model: CategoryClassifierModel;
  evaluation: Evaluation;
  /** The held-out examples (indices into the examples given) and what the evaluated model said of each. */
  heldOut: (Prediction & { index: number })[];
}

export type Progress = (stage: 'evaluating' | 'training' | 'done', fraction: number) => void;

/** Anything that ranks category codes with calibrated scores. */
export interface CategoryPredictor {
  predict(text: string): { code: string; score: number }[];
}

export function trainAndEvaluate(
  examples: readonly LabelledText[],
  options: EvaluatedTrainingOptions,
  progress: Progress = () => {},
): EvaluatedModel {
  const indexed = examples.map((example, index) => ({ ...example, index }));
  const { train, test } = stratifiedHoldout(indexed, options.holdout, seededRandom(options.seed));
  if (test.length === 0) throw new TrainingDataError('too few examples to hold any out for the evaluation (need 2 of a category)');
  const vectors = options.embeddings;
  const vectorOf = (index: number) => vectors?.examples[index];
  const fit = (rows: readonly (LabelledText & { index: number })[], version: string, from: number) =>
    trainCategoryClassifier({
      examples: rows.map(({ text, label }) => ({ text, label })),
      parents: options.parents,
      priors: options.priors,
      ...(vectors ? { embeddings: { ...vectors, examples: rows.map((row) => vectorOf(row.index)!) } } : {}),
      options: { targetPrecision: options.targetPrecision },
      version,
      now: options.now,
      progress: (_stage, fraction) => progress(from === 0 ? 'evaluating' : 'training', from + fraction / 2),
    });
  const candidate = fit(train, `${options.version}-eval`, 0);
  const predictions = test.map((example) => predictionOf(adapt(candidate, vectorOf(example.index)), example));
  // Coverage at the thresholds the model set on its own training data: what serving it would route.
  const evaluation = evaluate(predictions, options.targetPrecision, autoThresholds(candidate.parts.thresholds));
  const model = fit(indexed, options.version, 0.5);
  progress('done', 1);
  return { model, evaluation, heldOut: predictions.map((prediction, i) => ({ ...prediction, index: test[i]!.index })) };
}

/** The candidate as a predictor of one example, with that example's vector when there are vectors. */
function adapt(model: CategoryClassifierModel, vector: Float32Array | undefined): CategoryPredictor {
  return { predict: (text) => model.predict(text, vector).map(({ label, score }) => ({ code: label, score })) };
}

function predictionOf(model: CategoryPredictor, example: LabelledText): Prediction {
  const [best] = model.predict(example.text);
  return { label: example.label, predicted: best?.code ?? '', score: best?.score ?? 0 };
}
