/**
 * A classifier that starts from keyword rules and hands over to a trained model once labels exist.
 * Before enough labelled texts exist the rules' output is the answer; after, a model is trained on
 * the labels with the rules' hits as extra features, and it takes over only if it beats the rules in
 * cross-validation on those same labels (with a hundred labels it usually does not: see
 * bench/nlu-aux.bench.ts). The rules remain the fallback for texts the model knows nothing about. Labels listed as overrides (a safety cue) keep the rules' answer
 * whatever the model says: missing a gas leak costs more than a false alarm.
 */
import { evaluate } from '../evaluation.js';
import type { KeywordRule, RuleScore } from '../rules/keyword-rules.js';
import type { ValueScore } from '../types.js';
import { normalizeText } from '../text/normalize.js';
import { TextModelFormatError } from './errors.js';
import { RULE_PRIOR_FORMAT, parseState, rulePriorStateSchema, type RulePriorState } from './model-state.js';
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

/**
 * Why the classifier answers the way it does: cross-validated accuracy and macro-F1 of both
 * candidates on the same labels (the model of each fold never saw the texts it is scored on).
 */
export interface Handover {
  examples: number;
  rulesAccuracy: number;
  modelAccuracy: number;
  rulesMacroF1: number;
  modelMacroF1: number;
}

export type ScoreSource = 'rules' | 'model' | 'override';

/** What a saved classifier is loaded with: the code side (rules, their scoring, overrides) and the values it may answer. */
export interface RulePriorSetting<V extends string> {
  rules: readonly KeywordRule<V>[];
  score: (normalized: string) => RuleScore<V>[];
  values: readonly V[];
  overrides?: readonly V[];
}

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
    const byRules = evaluate(held.map(({ text, label }) => prediction(label, score(normalizeText(text))[0])));
    const byModel = evaluate(
      held.map(({ label, ranked }) => prediction(label, ranked[0] && { value: ranked[0].label, score: ranked[0].score })),
    );
    const handover: Handover = {
      examples: held.length,
      rulesAccuracy: byRules.accuracy,
      modelAccuracy: byModel.accuracy,
      rulesMacroF1: byRules.macroF1,
      modelMacroF1: byModel.macroF1,
    };
    if (handover.modelAccuracy <= handover.rulesAccuracy) return new RulePriorClassifier(score, overrides, undefined, handover);
    return new RulePriorClassifier(score, overrides, TextClassifier.train(usable, settings), handover);
  }

  /**
   * A saved classifier with today's rules: the rules, their scoring and the overrides are code, not
   * data, so a rule fixed after training takes effect at once (the model's rule features are named
   * by pattern, see {@link ruleFeatures}, so a changed pattern is only a feature the model never saw).
   * @throws TextModelFormatError when the state is not a valid saved rule-prior classifier.
   */
  public static fromState<V extends string>(
    state: unknown,
    setting: RulePriorSetting<V>,
    what = 'rule-prior classifier',
  ): RulePriorClassifier<V> {
    const saved = parseState(rulePriorStateSchema, state, what);
    const unknown = saved.model?.labels.filter((label) => !setting.values.includes(label as V)) ?? [];
    if (unknown.length > 0) throw new TextModelFormatError(`${what}: ${unknown.join(', ')} are not values it may answer`);
    const model = saved.model ? TextClassifier.fromState(saved.model, ruleFeatures(setting.rules), `${what} model`) : undefined;
    return new RulePriorClassifier(setting.score, setting.overrides ?? [], model, saved.handover ?? undefined);
  }

  public toState(): RulePriorState {
    return { format: RULE_PRIOR_FORMAT, formatVersion: 1, handover: this.handover ?? null, model: this.model?.toState() ?? null };
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

/**
 * One term per rule pattern that matches ("§rule:REPORT:1f3a9c2e"), so the model learns how far to
 * trust each. The term names the pattern by a hash of its value and source rather than its position:
 * a saved model keeps its meaning when rules are reordered or added, and an edited pattern becomes a
 * term the model never saw instead of borrowing another pattern's weight.
 */
export function ruleFeatures<V extends string>(rules: readonly KeywordRule<V>[]): (normalized: string) => string[] {
  const named = rules.flatMap((rule) =>
    rule.patterns.map((pattern) => ({ pattern, term: `§rule:${rule.value}:${fnv1a(`${rule.value}/${pattern.source}/${pattern.flags}`)}` })),
  );
  return (normalized) => named.flatMap(({ pattern, term }) => (pattern.test(normalized) ? [term] : []));
}

function prediction(label: string, best: { value: string; score: number } | undefined) {
  return { label, predicted: best?.value ?? '', score: best?.score ?? 0 };
}

/** 32-bit FNV-1a as 8 hex digits: short, stable names, not security. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
