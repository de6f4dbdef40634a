/** Trains a category model from labelled texts. Pure: data in, model out. */
import { randomBytes } from 'node:crypto';

import { fitTemperature, negativeLogLikelihood, type HeldOutPrediction } from './calibration.js';
import { CategoryModel, type Thresholds } from './category-model.js';
import { DEFAULT_SOFTMAX_OPTIONS, trainSoftmax, type SoftmaxOptions } from './linear/softmax.js';
import { TfidfVectorizer, type TfidfOptions } from './linear/tfidf.js';
import { charNgrams } from './text/features.js';
import { normalizeText } from './text/normalize.js';

export interface LabelledText {
  text: string;
  label: string;
}

export interface TrainOptions {
  maxN: number;
  tfidf: TfidfOptions;
  softmax: SoftmaxOptions;
  thresholds: Thresholds;
  /** Folds of the cross-validation that fits the temperature; 0 or 1 skips calibration (T = 1). */
  calibrationFolds: number;
  /** Defaults to `cat-<UTC timestamp>-<random>`. */
  version?: string;
  now?: Date;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  maxN: 3,
  tfidf: { minDf: 1, maxFeatures: 60_000 },
  softmax: DEFAULT_SOFTMAX_OPTIONS,
  thresholds: { auto: 0.9, suggest: 0.2 },
  calibrationFolds: 5,
};

export class TrainingDataError extends Error {}

export function trainCategoryModel(examples: LabelledText[], options: Partial<TrainOptions> = {}): CategoryModel {
  const settings = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const usable = examples.filter((example) => example.text.trim() !== '' && example.label !== '');
  const labels = [...new Set(usable.map((example) => example.label))].sort();
  if (labels.length < 2) throw new TrainingDataError(`need examples of at least 2 categories, got ${labels.length}`);
  const now = settings.now ?? new Date();
  const calibration = settings.calibrationFolds > 1 ? crossValidate(usable, labels, settings) : undefined;
  const model = fit(usable, labels, settings, calibration?.temperature ?? 1);
  return CategoryModel.create({
    ...model,
    version: settings.version ?? defaultVersion(now),
    createdAt: now.toISOString(),
    metrics: calibration && { crossValidation: calibration },
  });
}

function fit(examples: LabelledText[], labels: string[], settings: TrainOptions, temperature: number) {
  const docs = examples.map((example) => charNgrams(normalizeText(example.text), settings.maxN));
  const vectorizer = TfidfVectorizer.fit(docs, settings.tfidf);
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const softmax = trainSoftmax(
    docs.map((doc) => vectorizer.transform(doc)),
    examples.map((example) => labelIndex.get(example.label)!),
    labels.length,
    vectorizer.size,
    settings.softmax,
  );
  return { labels, maxN: settings.maxN, vectorizer, softmax, temperature, thresholds: settings.thresholds };
}

/**
 * k-fold predictions on held-out examples (every k-th example per label goes to fold k, so each
 * fold sees every category): the temperature is fitted on them, and their accuracy is reported.
 */
function crossValidate(examples: LabelledText[], labels: string[], settings: TrainOptions) {
  const folds = settings.calibrationFolds;
  const seen = new Map<string, number>();
  const foldOf = examples.map((example) => {
    const n = seen.get(example.label) ?? 0;
    seen.set(example.label, n + 1);
    return n % folds;
  });
  const held: HeldOutPrediction[] = [];
  let correct = 0;
  for (let fold = 0; fold < folds; fold += 1) {
    const train = examples.filter((_, i) => foldOf[i] !== fold);
    const test = examples.filter((_, i) => foldOf[i] === fold);
    if (test.length === 0 || new Set(train.map((e) => e.label)).size < 2) continue;
    const model = CategoryModel.create({ ...fit(train, labels, settings, 1), version: 'cv', createdAt: '' });
    for (const example of test) {
      const scores = model.predict(example.text);
      if (scores[0]?.code === example.label) correct += 1;
      const byLabel = new Map(scores.map((s) => [s.code, s.score]));
      held.push({
        logProbabilities: Float64Array.from(labels, (label) => Math.log(Math.max(byLabel.get(label) ?? 0, 1e-12))),
        label: labels.indexOf(example.label),
      });
    }
  }
  const temperature = fitTemperature(held);
  return {
    folds,
    examples: held.length,
    accuracy: held.length ? correct / held.length : 0,
    temperature,
    nllBefore: negativeLogLikelihood(held, 1),
    nllAfter: negativeLogLikelihood(held, temperature),
  };
}

function defaultVersion(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `cat-${stamp}-${randomBytes(2).toString('hex')}`;
}
