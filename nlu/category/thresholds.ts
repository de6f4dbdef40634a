/**
 * Per-category routing thresholds from held-out (cross-validated) predictions: the lowest calibrated
 * score at which that category's predictions were right at least `targetPrecision` of the time
 * (route without review), and the one for `suggestPrecision` (worth showing; below it the model
 * abstains). A category that never reaches a precision gets `null`: never auto-routed / always suggested.
 */
import { thresholdsAt, type Prediction } from '../evaluation.js';

export interface ClassThresholds {
  auto: number | null;
  suggest: number | null;
}

export function classThresholds(
  labels: readonly string[],
  heldOut: readonly Prediction[],
  targetPrecision: number,
  suggestPrecision: number,
): Record<string, ClassThresholds> {
  const auto = thresholdsAt(heldOut, targetPrecision);
  const suggest = thresholdsAt(heldOut, suggestPrecision);
  return Object.fromEntries(labels.map((label) => [label, { auto: auto[label] ?? null, suggest: suggest[label] ?? null }]));
}

/** The categories that may be routed without review, with the score that allows it. */
export function autoThresholds(thresholds: Readonly<Record<string, ClassThresholds>>): Record<string, number> {
  return Object.fromEntries(Object.entries(thresholds).flatMap(([label, t]) => (t.auto === null ? [] : [[label, t.auto] as const])));
}
