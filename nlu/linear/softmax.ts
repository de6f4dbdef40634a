/**
 * Multinomial logistic regression on sparse rows, trained by SGD with a decaying learning rate and
 * L2 regularisation applied to the features a row touches. Weights are stored feature-major
 * (w[f * C + c]) so scoring a sparse row reads contiguous memory.
 */
import { seededRandom, shuffleInPlace } from '../random.js';
import type { SparseVector } from './sparse.js';

export interface SoftmaxOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Weight each class by n / (C · n_c), so small classes are not drowned out. */
  balanced: boolean;
}

export interface SoftmaxWeights {
  classes: number;
  features: number;
  weights: Float32Array;
  bias: Float32Array;
}

export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxOptions = { epochs: 30, learningRate: 2, l2: 1e-5, seed: 7, balanced: true };

export function trainSoftmax(
  rows: SparseVector[],
  labels: number[],
  classes: number,
  features: number,
  options: SoftmaxOptions = DEFAULT_SOFTMAX_OPTIONS,
): SoftmaxWeights {
  const model: SoftmaxWeights = {
    classes,
    features,
    weights: new Float32Array(classes * features),
    bias: new Float32Array(classes),
  };
  const classWeight = options.balanced ? balancedWeights(labels, classes) : new Float64Array(classes).fill(1);
  const order = rows.map((_, i) => i);
  const random = seededRandom(options.seed);
  const probabilities = new Float64Array(classes);
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const row = rows[i]!;
      const label = labels[i]!;
      const rate = options.learningRate / (1 + step / rows.length);
      step += 1;
      scoreInto(model, row, probabilities);
      softmaxInPlace(probabilities);
      const weight = classWeight[label]!;
      for (let c = 0; c < classes; c += 1) {
        const gradient = (probabilities[c]! - (c === label ? 1 : 0)) * weight;
        probabilities[c] = gradient;
        model.bias[c]! -= rate * gradient;
      }
      for (let k = 0; k < row.indices.length; k += 1) {
        const base = row.indices[k]! * classes;
        const value = row.values[k]!;
        for (let c = 0; c < classes; c += 1) {
          const w = model.weights[base + c]!;
          model.weights[base + c] = w - rate * (probabilities[c]! * value + options.l2 * w);
        }
      }
    }
  }
  return model;
}

/** Raw scores (logits) of a row into `out`. */
export function scoreInto(model: SoftmaxWeights, row: SparseVector, out: Float64Array): void {
  const { classes, weights } = model;
  for (let c = 0; c < classes; c += 1) out[c] = model.bias[c]!;
  for (let k = 0; k < row.indices.length; k += 1) {
    const base = row.indices[k]! * classes;
    const value = row.values[k]!;
    for (let c = 0; c < classes; c += 1) out[c]! += value * weights[base + c]!;
  }
}

/** Softmax with a temperature: T > 1 softens over-confident scores (fitted at training time). */
export function softmaxInPlace(scores: Float64Array, temperature = 1): void {
  let max = -Infinity;
  for (const score of scores) max = Math.max(max, score);
  let sum = 0;
  for (let c = 0; c < scores.length; c += 1) {
    const e = Math.exp((scores[c]! - max) / temperature);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c += 1) scores[c]! /= sum;
}

function balancedWeights(labels: number[], classes: number): Float64Array {
  const counts = new Float64Array(classes);
  for (const label of labels) counts[label]! += 1;
  const present = counts.filter((count) => count > 0).length;
  return counts.map((count) => (count > 0 ? labels.length / (present * count) : 0));
}
