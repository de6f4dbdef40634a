/**
 * A classifier that starts from keyword rules and hands over to a trained model once labels exist.
 * Before enough labelled texts exist the rules' output is the answer; after, a model is trained on
 * the labels with the rules' hits as extra features, and it takes over only if it beats the rules in
 * cross-validation on those same labels (with a hundred labels it usually does not: see
 * bench/nlu-aux.bench.ts). The rules remain the fallback for texts the model knows nothing about. Labels listed as overrides (a safety cue) keep the rules' answer
 * whatever the model says: missing a gas leak costs more than a false alarm.
 */
import type { KeywordRule, RuleScore } from '../rules/keyword-rules.js';
import type { ValueScore } from '../types.js';
import { normalizeText } from '../text/normalize.js';
import { TextClassifier, crossValidate, type LabelledExample, type TextClassifierOptions } from './text-classifier.js';

export interface RulePriorOptions<V extends string> {
  /** Labels with fewer examples are left to the rules. @defaultValue 5 */
  minExamplesPerLabel: number;
  /** When the rules put one of these first, the rules answer. */
  overrides: readonly V[];
  classifier: Partial<TextClassifierOptions>;
  /** Folds of the comparison between model and rules. @defaultValue 5 */
  comparisonFolds: number;
}

/** Why the classifier answers the way it does: held-out accuracy of both candidates on the labels. */
export interface Handover {
  examples: number;
  rulesAccuracy: number;
  modelAccuracy: number;
}

export type ScoreSource = 'rules' | 'model' | 'override';

export interface RulePriorResult<V extends string> {
  scores: ValueScore<V>[];
  source: ScoreSource;
}

export class RulePriorClassifier<V extends string> {
  private constructor(
    private readonly score: (normalized: string) => RuleScore<V>[],
    private readonly overrides: readonly V[],
    private readonly model?: TextClassifier,
    public readonly handover?: Handover,
  ) {}

  /** No labels yet: the rules answer. */
  public static fromRules<V extends string>(
    score: (normalized: string) => RuleScore<V>[],
    overrides: readonly V[] = [],
  ): RulePriorClassifier<V> {
    return new RulePriorClassifier(score, overrides);
  }

  /**
   * Trains on the labelled texts when at least two labels have enough of them, and keeps the model
   * when its cross-validated accuracy beats the rules'; otherwise stays on the rules.
   */
  public static train<V extends string>(
    rules: readonly KeywordRule<V>[],
    score: (normalized: string) => RuleScore<V>[],
    examples: readonly (LabelledExample & { label: V })[],
    options: Partial<RulePriorOptions<V>> = {},
  ): RulePriorClassifier<V> {
    const minimum = options.minExamplesPerLabel ?? 5;
    const counts = new Map<string, number>();
    for (const example of examples) counts.set(example.label, (counts.get(example.label) ?? 0) + 1);
    const usable = examples.filter((example) => counts.get(example.label)! >= minimum);
    const overrides = options.overrides ?? [];
    if (new Set(usable.map((example) => example.label)).size < 2) return new RulePriorClassifier(score, overrides);
    const settings = { ...options.classifier, features: ruleFeatures(rules) };
    const held = crossValidate(usable, settings, options.comparisonFolds ?? 5);
    const handover: Handover = {
      examples: held.length,
      rulesAccuracy: accuracy(held.map(({ text, label }) => label === score(normalizeText(text))[0]?.value)),
      modelAccuracy: accuracy(held.map(({ label, ranked }) => label === ranked[0]?.label)),
    };
    if (handover.modelAccuracy <= handover.rulesAccuracy) return new RulePriorClassifier(score, overrides, undefined, handover);
    return new RulePriorClassifier(score, overrides, TextClassifier.train(usable, settings), handover);
  }

  public get trained(): boolean {
    return this.model !== undefined;
  }

  /** Scores for an already normalised text (normalizeText), best first. */
  public classify(normalized: string): RulePriorResult<V> {
    const byRules = this.score(normalized);
    if (byRules[0] && this.overrides.includes(byRules[0].value)) return { scores: byRules, source: 'override' };
    if (!this.model || !this.model.knows(normalized)) return { scores: byRules, source: 'rules' };
    const scores = this.model.predict(normalized).map(({ label, score }) => ({ value: label as V, score }));
    return { scores, source: 'model' };
  }
}

/** One term per rule pattern that matches ("§rule:REPORT:0"), so the model learns how far to trust each. */
export function ruleFeatures<V extends string>(rules: readonly KeywordRule<V>[]): (normalized: string) => string[] {
  return (normalized) =>
    rules.flatMap((rule, r) => rule.patterns.flatMap((pattern, p) => (pattern.test(normalized) ? [`§rule:${rule.value}:${r}.${p}`] : [])));
}

function accuracy(hits: boolean[]): number {
  return hits.length === 0 ? 0 : hits.filter(Boolean).length / hits.length;
}
