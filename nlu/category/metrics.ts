/**
 * The figures a category model is judged by, on labelled messages it did not learn from: accuracy,
 * macro-F1, per-class figures, calibration (ECE, Brier) and the share routable without review at the
 * model's stored per-category thresholds (with the precision reached on that share).
 */
import { evaluate, type ClassMetrics, type Prediction } from '../evaluation.js';
import { autoThresholds, type ClassThresholds } from './thresholds.js';

export interface ScoredExample {
  label: string;
  /** Calibrated probabilities per label, best first. */
  scores: readonly { label: string; score: number }[];
}

export interface CategoryMetrics {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassMetrics>;
  confusion: { labels: string[]; counts: number[][] };
  ece: number;
  /** Mean over messages of Σ_c (p_c − y_c)², 0 is perfect, 2 is the worst. */
  brier: number;
  coverageAtPrecision95: { target: number; coverage: number; precision: number; routed: number };
}

export function categoryMetrics(
  examples: readonly ScoredExample[],
  thresholds: Record<string, ClassThresholds>,
  target = 0.95,
): CategoryMetrics {
  const predictions: Prediction[] = examples.map(({ label, scores }) => ({
    label,
    predicted: scores[0]?.label ?? '',
    score: scores[0]?.score ?? 0,
  }));
  const base = evaluate(predictions, target, autoThresholds(thresholds));
  return {
    n: base.n,
    accuracy: base.accuracy,
    macroF1: base.macroF1,
    perClass: base.perClass,
    confusion: base.confusion,
    ece: base.ece,
    brier: brierScore(examples),
    coverageAtPrecision95: base.coverageAtPrecision,
  };
}

export function brierScore(examples: readonly ScoredExample[]): number {
  if (examples.length === 0) return 0;
  let total = 0;
  for (const { label, scores } of examples) {
    let seenTrue = false;
    for (const s of scores) {
      const truth = s.label === label ? 1 : 0;
      if (truth) seenTrue = true;
      total += (s.score - truth) ** 2;
    }
    // A label the model does not know counts as probability 0 for the true class.
    if (!seenTrue) total += 1;
  }
  return total / examples.length;
}
