/**
 * One-vs-rest linear SVM with squared hinge loss, trained by dual coordinate descent (Hsieh et al.,
 * ICML 2008 — the LIBLINEAR solver): exact, deterministic for a seed, and a few hundred milliseconds
 * per class on thousands of sparse rows. A constant feature of 1 plays the bias, as in LIBLINEAR.
 */
import type { SparseVector } from '../linear/sparse.js';
import { seededRandom, shuffleInPlace } from '../random.js';
import { scoreInto } from '../linear/softmax.js';

export interface SvmOptions {
  /** Inverse regularisation strength. @defaultValue 0.5 */
  c: number;
  /** Stop when the projected-gradient spread falls below this. */
  tolerance: number;
  maxIterations: number;
  /** Weight each class by n / (C · n_c) so small categories are not drowned out. */
  balanced: boolean;
  /** Exponent applied to those weights (1 when absent): between unweighted (0) and balanced (1). */
  balancePower?: number;
  seed: number;
}

export const DEFAULT_SVM_OPTIONS: SvmOptions = { c: 0.5, tolerance: 0.1, maxIterations: 200, balanced: true, seed: 7 };

/** Feature-major weights (w[f · classes + c]) so scoring a sparse row reads contiguous memory. */
export interface LinearWeights {
  classes: number;
  features: number;
  weights: Float32Array;
  bias: Float32Array;
}

export function trainLinearSvm(
  rows: readonly SparseVector[],
  labels: readonly number[],
  classes: number,
  features: number,
  options: SvmOptions = DEFAULT_SVM_OPTIONS,
  sampleWeights?: ArrayLike<number>,
): LinearWeights {
  const model: LinearWeights = { classes, features, weights: new Float32Array(classes * features), bias: new Float32Array(classes) };
  const squaredNorms = rows.map((row) => row.values.reduce((sum, v) => sum + v * v, 1));
  const power = options.balancePower ?? 1;
  const classWeight = options.balanced ? balancedWeights(labels, classes).map((w) => w ** power) : new Float64Array(classes).fill(1);
  const w = new Float64Array(features + 1);
  for (let c = 0; c < classes; c += 1) {
    w.fill(0);
    const cost = rows.map((_, i) => options.c * classWeight[labels[i]!]! * (sampleWeights?.[i] ?? 1));
    solveBinarySvm(rows, (i) => (labels[i] === c ? 1 : -1), cost, squaredNorms, w, options);
    for (let f = 0; f < features; f += 1) model.weights[f * classes + c] = w[f]!;
    model.bias[c] = w[features]!;
  }
  return model;
}

/**
 * One binary problem: `w` (features + 1 for the bias) is fitted in place to separate `sign(i) = ±1`;
 * `cost[i]` is row i's C (0 leaves it out), `squaredNorms[i]` its squared norm plus 1 for the bias.
 */
export function solveBinarySvm(
  rows: readonly SparseVector[],
  sign: (i: number) => number,
  cost: number[],
  squaredNorms: number[],
  w: Float64Array,
  options: Pick<SvmOptions, 'tolerance' | 'maxIterations' | 'seed'>,
): void {
  const n = rows.length;
  const biasIndex = w.length - 1;
  const alpha = new Float64Array(n);
  // Squared hinge: the dual has no upper bound and adds 1 / (2C) to the diagonal.
  const diagonal = cost.map((value) => (value > 0 ? 1 / (2 * value) : Infinity));
  const order = rows.map((_, i) => i);
  const random = seededRandom(options.seed);
  for (let iteration = 0; iteration < options.maxIterations; iteration += 1) {
    shuffleInPlace(order, random);
    let maxGradient = -Infinity;
    let minGradient = Infinity;
    for (const i of order) {
      if (!Number.isFinite(diagonal[i]!)) continue;
      const row = rows[i]!;
      const y = sign(i);
      let dot = w[biasIndex]!;
      for (let k = 0; k < row.indices.length; k += 1) dot += w[row.indices[k]!]! * row.values[k]!;
      const gradient = y * dot - 1 + diagonal[i]! * alpha[i]!;
      const projected = alpha[i] === 0 ? Math.min(gradient, 0) : gradient;
      maxGradient = Math.max(maxGradient, projected);
      minGradient = Math.min(minGradient, projected);
      if (Math.abs(projected) < 1e-12) continue;
      const previous = alpha[i]!;
      alpha[i] = Math.max(previous - gradient / (squaredNorms[i]! + diagonal[i]!), 0);
      const step = (alpha[i] - previous) * y;
      for (let k = 0; k < row.indices.length; k += 1) w[row.indices[k]!]! += step * row.values[k]!;
      w[biasIndex]! += step;
    }
    if (maxGradient - minGradient < options.tolerance) break;
  }
}

/** Raw decision values of a row into `out`: the same sparse product as the softmax model's logits. */
export function decisionInto(model: LinearWeights, row: SparseVector, out: Float64Array): void {
  scoreInto(model, row, out);
}

/** n / (C · n_c) per class, 0 for classes without rows. */
export function balancedWeights(labels: readonly number[], classes: number): Float64Array {
  const counts = new Float64Array(classes);
  for (const label of labels) counts[label]! += 1;
  const present = counts.filter((count) => count > 0).length;
  return counts.map((count) => (count > 0 ? labels.length / (present * count) : 0));
}
