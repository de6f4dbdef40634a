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
  learningCurve: LearningCurve;
}

/**
 * The held-out figures of models trained on a half, three quarters and all of the training part: the
 * answer to an admin's "would more decisions help?". `gainPerDoubling` is the least-squares slope of
 * macro-F1 over log2 of the examples; still rising (at least `RISING` per doubling) means yes, flat
 * means more of the same decisions will add little and the ones worth having are those the model is
 * unsure of (the review queue ordered by uncertainty). A held-out part of a few hundred messages
 * measures macro-F1 to a point or two, so it is a hint, not a forecast.
 */
export interface LearningCurve {
  points: { share: number; examples: number; accuracy: number; macroF1: number }[];
  gainPerDoubling: number;
  stillRising: boolean;
}

const CURVE_SHARES = [0.5, 0.75];
/** One macro-F1 point per doubling of the decisions. */
const RISING = 0.01;

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
  /** Progress of this fit runs from `from` to `from + span` of the whole run. */
  const fit = (rows: readonly (LabelledText & { index: number })[], version: string, from: number, span: number, folds?: number) =>
    trainCategoryClassifier({
      examples: rows.map(({ text, label }) => ({ text, label })),
      parents: options.parents,
      priors: options.priors,
      ...(vectors ? { embeddings: { ...vectors, examples: rows.map((row) => vectorOf(row.index)!) } } : {}),
      options: { targetPrecision: options.targetPrecision, ...(folds ? { folds } : {}) },
      version,
      now: options.now,
      progress: (_stage, fraction) => progress(from < 0.5 ? 'evaluating' : 'training', from + fraction * span),
    });
  const candidate = fit(train, `${options.version}-eval`, 0, 0.4);
  const predictions = test.map((example) => predictionOf(adapt(candidate, vectorOf(example.index)), example));
  // Coverage at the thresholds the model set on its own training data: what serving it would route.
  const evaluation = evaluate(predictions, options.targetPrecision, autoThresholds(candidate.parts.thresholds));
  const curve = CURVE_SHARES.map((share, k) => {
    // A draw of every category (stratifiedHoldout keeps a category's only example on the kept side).
    const drawn = stratifiedHoldout(train, 1 - share, seededRandom(options.seed + k + 1)).train;
    // Two calibration folds: only the first choice counts here, and these fits should cost little.
    const smaller = fit(drawn, `${options.version}-curve`, 0.4 + 0.05 * k, 0.05, 2);
    const figures = evaluate(test.map((example) => predictionOf(adapt(smaller, vectorOf(example.index)), example)));
    return { share, examples: drawn.length, accuracy: figures.accuracy, macroF1: figures.macroF1 };
  });
  const points = [...curve, { share: 1, examples: train.length, accuracy: evaluation.accuracy, macroF1: evaluation.macroF1 }];
  const model = fit(indexed, options.version, 0.5, 0.5);
  progress('done', 1);
  return {
    model,
    evaluation,
    heldOut: predictions.map((prediction, i) => ({ ...prediction, index: test[i]!.index })),
    learningCurve: curveOf(points),
  };
}

function curveOf(points: LearningCurve['points']): LearningCurve {
  const xs = points.map((p) => Math.log2(p.examples));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = points.reduce((a, p) => a + p.macroF1, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  points.forEach((p, i) => {
    covariance += (xs[i]! - mx) * (p.macroF1 - my);
    variance += (xs[i]! - mx) ** 2;
  });
  const gainPerDoubling = variance === 0 ? 0 : covariance / variance;
  return { points, gainPerDoubling, stillRising: gainPerDoubling >= RISING };
}

/** The candidate as a predictor of one example, with that example's vector when there are vectors. */
function adapt(model: CategoryClassifierModel, vector: Float32Array | undefined): CategoryPredictor {
  return { predict: (text) => model.predict(text, vector).map(({ label, score }) => ({ code: label, score })) };
}

function predictionOf(model: CategoryPredictor, example: LabelledText): Prediction {
  const [best] = model.predict(example.text);
  return { label: example.label, predicted: best?.code ?? '', score: best?.score ?? 0 };
}
