/**
 * The ensemble's members: linear models over the same TF-IDF rows, each with its own temperature
 * (fitted on held-out predictions) so their probabilities can be averaged honestly.
 */
import type { SparseVector } from '../linear/sparse.js';
import { trainSoftmax } from '../linear/softmax.js';
import { decisionInto, trainLinearSvm, type LinearWeights } from './linear-svm.js';
import { trainComplementNaiveBayes } from './naive-bayes.js';
import { trainNbSvm } from './nb-svm.js';
import type { MemberKind, TrainOptions } from './options.js';

export interface Member {
  kind: MemberKind;
  weights: LinearWeights;
  /** Probabilities are softmax(decision / temperature). */
  temperature: number;
}

export function trainMember(
  kind: MemberKind,
  rows: readonly SparseVector[],
  labels: readonly number[],
  classes: number,
  features: number,
  options: TrainOptions,
  sampleWeights?: ArrayLike<number>,
  /** First feature of the embedding block, when the rows have one (NB-SVM leaves it unscaled). */
  denseFrom?: number,
): LinearWeights {
  switch (kind) {
    case 'nbsvm':
      return trainNbSvm(
        rows,
        labels,
        classes,
        features,
        { alpha: options.nbsvm.alpha, c: options.nbsvm.c, balancePower: options.classBalance, seed: options.seed, denseFrom },
        sampleWeights,
      );
    case 'svm':
      return trainLinearSvm(
        rows,
        labels,
        classes,
        features,
        { c: options.svmC, tolerance: 0.1, maxIterations: 200, balanced: true, balancePower: options.classBalance, seed: options.seed },
        sampleWeights,
      );
    case 'naive-bayes':
      return trainComplementNaiveBayes(rows, labels, classes, features, { alpha: options.naiveBayesAlpha }, sampleWeights);
    case 'logistic':
      // The SGD trainer has no sample weights: pseudo-labelled rows count fully for this member.
      return trainSoftmax([...rows], [...labels], classes, features, {
        epochs: 30,
        learningRate: 2,
        l2: options.logisticL2,
        seed: options.seed,
        balanced: true,
      });
  }
}

/** Averaged calibrated probabilities of all members into `out` (`scratch` has one slot per class). */
export function ensembleInto(members: readonly Member[], row: SparseVector, out: Float64Array, scratch: Float64Array): void {
  out.fill(0);
  for (const member of members) {
    decisionInto(member.weights, row, scratch);
    softmaxWithTemperature(scratch, member.temperature);
    for (let c = 0; c < out.length; c += 1) out[c]! += scratch[c]! / members.length;
  }
}

export function softmaxWithTemperature(values: Float64Array, temperature: number): void {
  let max = -Infinity;
  for (const value of values) max = Math.max(max, value);
  let sum = 0;
  for (let c = 0; c < values.length; c += 1) {
    values[c] = Math.exp((values[c]! - max) / temperature);
    sum += values[c]!;
  }
  for (let c = 0; c < values.length; c += 1) values[c]! /= sum;
}
