/**
 * How good a classifier is on labelled data it did not learn from: accuracy, macro-F1, per-class
 * precision/recall/F1, the confusion matrix, and per-class thresholds for routing without review at a
 * target precision (with the share of messages they would route). Pure; the numbers every model
 * version stores and every comparison uses.
 */
import { shuffleInPlace } from './random.js';

export interface Prediction {
  label: string;
  /** The predicted label and its calibrated probability. */
  predicted: string;
  score: number;
}

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassMetrics>;
  /** labels[i] → labels[j] counts: true label rows, predicted label columns. */
  confusion: { labels: string[]; counts: number[][] };
  /** Share of messages at or above their category's threshold, and the precision reached on them. */
  coverageAtPrecision: { target: number; coverage: number; precision: number; routed: number };
  /**
   * Per predicted class, the threshold the coverage used: the model's own (set on data it learned
   * from, so the coverage is honest) when given, else the lowest score at which these predictions
   * reach the target precision (an in-sample, optimistic figure).
   */
  thresholds: Record<string, number>;
  /** Expected calibration error of the top score (10 bins). */
  ece: number;
}

export function evaluate(
  predictions: readonly Prediction[],
  targetPrecision = 0.95,
  modelThresholds?: Readonly<Record<string, number>>,
): Evaluation {
  const labels = [...new Set(predictions.flatMap((p) => [p.label, p.predicted]))].sort();
  const index = new Map(labels.map((label, i) => [label, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const p of predictions) counts[index.get(p.label)!]![index.get(p.predicted)!]! += 1;
  const perClass: Record<string, ClassMetrics> = {};
  labels.forEach((label, i) => {
    const truePositive = counts[i]![i]!;
    const predicted = counts.reduce((sum, row) => sum + row[i]!, 0);
    const support = counts[i]!.reduce((sum, value) => sum + value, 0);
    const precision = predicted === 0 ? 0 : truePositive / predicted;
    const recall = support === 0 ? 0 : truePositive / support;
    perClass[label] = { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), support };
  });
  const supported = labels.filter((label) => perClass[label]!.support > 0);
  const correct = predictions.filter((p) => p.label === p.predicted).length;
  const thresholds = modelThresholds ? { ...modelThresholds } : thresholdsAt(predictions, targetPrecision);
  const routed = predictions.filter((p) => p.score >= (thresholds[p.predicted] ?? Infinity));
  return {
    n: predictions.length,
    accuracy: predictions.length === 0 ? 0 : correct / predictions.length,
    macroF1: supported.length === 0 ? 0 : supported.reduce((sum, label) => sum + perClass[label]!.f1, 0) / supported.length,
    perClass,
    confusion: { labels, counts },
    coverageAtPrecision: {
      target: targetPrecision,
      coverage: predictions.length === 0 ? 0 : routed.length / predictions.length,
      precision: routed.length === 0 ? 0 : routed.filter((p) => p.label === p.predicted).length / routed.length,
      routed: routed.length,
    },
    thresholds,
    ece: expectedCalibrationError(predictions),
  };
}

/**
 * For each predicted class, the smallest score s such that its predictions scoring ≥ s are right at
 * least `target` of the time — and at least 5 of them, so one lucky prediction sets no threshold.
 * A class that never reaches the target gets no threshold (always reviewed).
 */
export function thresholdsAt(predictions: readonly Prediction[], target: number, minSupport = 5): Record<string, number> {
  const byClass = new Map<string, Prediction[]>();
  for (const p of predictions) byClass.set(p.predicted, [...(byClass.get(p.predicted) ?? []), p]);
  const thresholds: Record<string, number> = {};
  for (const [label, items] of byClass) {
    const sorted = [...items].sort((a, b) => b.score - a.score);
    let right = 0;
    let best: number | undefined;
    sorted.forEach((p, i) => {
      if (p.label === p.predicted) right += 1;
      const next = sorted[i + 1];
      // Only cut between distinct scores: a threshold cannot split equal scores.
      if (i + 1 >= minSupport && right / (i + 1) >= target && (!next || next.score < p.score)) best = p.score;
    });
    if (best !== undefined) thresholds[label] = best;
  }
  return thresholds;
}

export function expectedCalibrationError(predictions: readonly Prediction[], bins = 10): number {
  if (predictions.length === 0) return 0;
  const sums = Array.from({ length: bins }, () => ({ n: 0, confidence: 0, right: 0 }));
  for (const p of predictions) {
    const bin = sums[Math.min(bins - 1, Math.floor(p.score * bins))]!;
    bin.n += 1;
    bin.confidence += p.score;
    bin.right += p.label === p.predicted ? 1 : 0;
  }
  return sums.reduce(
    (total, bin) => (bin.n === 0 ? total : total + (bin.n / predictions.length) * Math.abs(bin.right / bin.n - bin.confidence / bin.n)),
    0,
  );
}

/** A stratified split: about `share` of every label held out, deterministically for a seed. */
export function stratifiedHoldout<T extends { label: string }>(
  items: readonly T[],
  share: number,
  random: () => number,
): { train: T[]; test: T[] } {
  const byLabel = new Map<string, T[]>();
  for (const item of items) byLabel.set(item.label, [...(byLabel.get(item.label) ?? []), item]);
  const train: T[] = [];
  const test: T[] = [];
  for (const group of byLabel.values()) {
    const shuffled = shuffleInPlace([...group], random);
    // A label with a single example stays in training: it cannot be both learned and tested.
    const held = group.length < 2 ? 0 : Math.max(1, Math.round(group.length * share));
    test.push(...shuffled.slice(0, held));
    train.push(...shuffled.slice(held));
  }
  return { train, test };
}
