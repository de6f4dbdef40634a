/**
 * A small trainable text classifier over any string labels: character n-gram TF-IDF + multinomial
 * logistic regression, with a temperature fitted on k-fold held-out predictions so its scores are
 * calibrated probabilities. Request type, urgency and department all use it; optional extra
 * features (e.g. which keyword rules fired) join the n-grams as ordinary terms.
 */
import { fitTemperature, type HeldOutPrediction } from '../calibration.js';
import {
  DEFAULT_SOFTMAX_OPTIONS,
  scoreInto,
  softmaxInPlace,
  trainSoftmax,
  type SoftmaxOptions,
  type SoftmaxWeights,
} from '../linear/softmax.js';
import { TfidfVectorizer, type TfidfOptions } from '../linear/tfidf.js';
import { charNgrams } from '../text/features.js';
import { normalizeText } from '../text/normalize.js';
import { TextModelFormatError } from './errors.js';
import {
  TEXT_CLASSIFIER_FORMAT,
  floatsFromBase64,
  floatsToBase64,
  parseState,
  textClassifierStateSchema,
  type TextClassifierState,
} from './model-state.js';

export interface LabelledExample {
  text: string;
  label: string;
}

export interface LabelScore {
  label: string;
  score: number;
}

export interface TextClassifierOptions {
  /** Longest character n-gram. @defaultValue 3 */
  maxN: number;
  tfidf: TfidfOptions;
  softmax: SoftmaxOptions;
  /** Folds whose held-out predictions fit the temperature; 0 or 1 keeps T = 1. @defaultValue 5 */
  calibrationFolds: number;
  /** Extra terms for a normalised text (rule hits, metadata), added to its n-grams. */
  features?: (normalized: string) => string[];
}

export const DEFAULT_TEXT_CLASSIFIER_OPTIONS: TextClassifierOptions = {
  maxN: 3,
  tfidf: { minDf: 2, maxFeatures: 50_000 },
  // Fewer epochs and a smaller step than the category model: SGD cost grows with the number of labels,
  // and on the TipDM department set (bench/nlu-aux.bench.ts) 0.5 beat 2, 0.25 and 0.1 in 5-fold macro-F1.
  softmax: { ...DEFAULT_SOFTMAX_OPTIONS, epochs: 15, learningRate: 0.5 },
  calibrationFolds: 5,
};

export class TrainingDataError extends Error {}

export class TextClassifier {
  private constructor(
    public readonly labels: readonly string[],
    public readonly temperature: number,
    private readonly vectorizer: TfidfVectorizer,
    private readonly weights: SoftmaxWeights,
    private readonly options: TextClassifierOptions,
  ) {}

  /** Trains on every example; the temperature comes from k-fold held-out predictions first. */
  public static train(examples: readonly LabelledExample[], options: Partial<TextClassifierOptions> = {}): TextClassifier {
    const settings = { ...DEFAULT_TEXT_CLASSIFIER_OPTIONS, ...options };
    const usable = checked(examples);
    const temperature =
      settings.calibrationFolds > 1 ? fitTemperature(heldOut(crossValidate(usable, settings, settings.calibrationFolds))) : 1;
    return TextClassifier.fit(usable, settings, temperature);
  }

  private static fit(examples: LabelledExample[], settings: TextClassifierOptions, temperature: number): TextClassifier {
    const labels = [...new Set(examples.map((example) => example.label))].sort();
    const docs = examples.map((example) => terms(example.text, settings));
    const vectorizer = TfidfVectorizer.fit(docs, settings.tfidf);
    const index = new Map(labels.map((label, i) => [label, i]));
    const weights = trainSoftmax(
      docs.map((doc) => vectorizer.transform(doc)),
      examples.map((example) => index.get(example.label)!),
      labels.length,
      vectorizer.size,
      settings.softmax,
    );
    return new TextClassifier(labels, temperature, vectorizer, weights, settings);
  }

  /**
   * The saved form. Training-only options (tf-idf limits, SGD settings, folds) are not kept; the
   * extra-feature function cannot be, so the state records that one was used and loading asks for it.
   */
  public toState(): TextClassifierState {
    const vocabulary = this.vectorizer.toState();
    return {
      format: TEXT_CLASSIFIER_FORMAT,
      formatVersion: 1,
      labels: [...this.labels],
      temperature: this.temperature,
      maxN: this.options.maxN,
      extraFeatures: this.options.features !== undefined,
      vocabulary: vocabulary.terms,
      idf: floatsToBase64(Float32Array.from(vocabulary.idf)),
      weights: floatsToBase64(this.weights.weights),
      bias: Array.from(this.weights.bias),
    };
  }

  /**
   * A saved classifier; `features` must be the function it was trained with when it used one.
   * @throws TextModelFormatError when the state is not a valid, consistent saved classifier.
   */
  public static fromState(state: unknown, features?: (normalized: string) => string[], what = 'text classifier'): TextClassifier {
    const saved = parseState(textClassifierStateSchema, state, what);
    if (saved.extraFeatures !== (features !== undefined)) {
      throw new TextModelFormatError(
        `${what} was trained ${saved.extraFeatures ? 'with' : 'without'} extra features; load it ${saved.extraFeatures ? 'with' : 'without'} them`,
      );
    }
    const classes = saved.labels.length;
    const size = saved.vocabulary.length;
    if (new Set(saved.labels).size !== classes) throw new TextModelFormatError(`${what}: labels repeat`);
    if (saved.bias.length !== classes)
      throw new TextModelFormatError(`${what}: bias has ${saved.bias.length} values for ${classes} labels`);
    const idf = floatsFromBase64(saved.idf, size, `${what} idf`);
    const weights = floatsFromBase64(saved.weights, size * classes, `${what} weights`);
    const vectorizer = TfidfVectorizer.fromState({ terms: saved.vocabulary, idf: Array.from(idf) });
    const options = { ...DEFAULT_TEXT_CLASSIFIER_OPTIONS, maxN: saved.maxN, ...(features ? { features } : {}) };
    const model = { classes, features: size, weights, bias: Float32Array.from(saved.bias) };
    return new TextClassifier(saved.labels, saved.temperature, vectorizer, model, options);
  }

  /** Every label with its probability, best first. */
  public predict(text: string): LabelScore[] {
    const row = this.vectorizer.transform(terms(text, this.options));
    const scores = new Float64Array(this.labels.length);
    scoreInto(this.weights, row, scores);
    softmaxInPlace(scores, this.temperature);
    return this.labels.map((label, i) => ({ label, score: scores[i]! })).sort((a, b) => b.score - a.score);
  }

  /** Whether the text shares any term with the training data; when not, the prediction is only the prior. */
  public knows(text: string): boolean {
    return this.vectorizer.transform(terms(text, this.options)).indices.length > 0;
  }
}

export interface HeldOutRanking {
  text: string;
  label: string;
  /** Labels with scores at T = 1, best first, from a model that did not see this example. */
  ranked: LabelScore[];
}

/**
 * Stratified k-fold: every k-th example of a label goes to fold k, so each fold sees every label with
 * at least k examples. Each example is predicted once, by the model trained on the other folds.
 */
export function crossValidate(
  examples: readonly LabelledExample[],
  options: Partial<TextClassifierOptions> = {},
  folds = 5,
): HeldOutRanking[] {
  const settings = { ...DEFAULT_TEXT_CLASSIFIER_OPTIONS, ...options };
  const seen = new Map<string, number>();
  const foldOf = examples.map((example) => {
    const n = seen.get(example.label) ?? 0;
    seen.set(example.label, n + 1);
    return n % folds;
  });
  const out: HeldOutRanking[] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const train = examples.filter((_, i) => foldOf[i] !== fold);
    const test = examples.filter((_, i) => foldOf[i] === fold);
    if (test.length === 0 || new Set(train.map((example) => example.label)).size < 2) continue;
    const model = TextClassifier.train(train, { ...settings, calibrationFolds: 0 });
    for (const example of test) out.push({ text: example.text, label: example.label, ranked: model.predict(example.text) });
  }
  return out;
}

/** Held-out rankings as calibration input; examples whose label the fold's model never saw are skipped. */
export function heldOut(rankings: readonly HeldOutRanking[]): HeldOutPrediction[] {
  return rankings.flatMap(({ label, ranked }) => {
    const sorted = [...ranked].sort((a, b) => (a.label < b.label ? -1 : 1));
    const index = sorted.findIndex((entry) => entry.label === label);
    if (index < 0) return [];
    return [{ label: index, logProbabilities: Float64Array.from(sorted, (entry) => Math.log(Math.max(entry.score, 1e-12))) }];
  });
}

function terms(text: string, settings: TextClassifierOptions): string[] {
  const normalized = normalizeText(text);
  const grams = charNgrams(normalized, settings.maxN);
  return settings.features ? [...grams, ...settings.features(normalized)] : grams;
}

function checked(examples: readonly LabelledExample[]): LabelledExample[] {
  const usable = examples.filter((example) => example.text.trim() !== '' && example.label !== '');
  const labels = new Set(usable.map((example) => example.label));
  if (labels.size < 2) throw new TrainingDataError(`need examples of at least 2 labels, got ${labels.size}`);
  return usable;
}
