/**
 * Everything a training run can be told, checked with zod (the CLI and the admin screen pass user
 * input), with the defaults that measured best on real 12345 messages (bench/nlu.bench.ts prints the
 * comparison).
 */
import { z } from 'zod';

export const termOptionsSchema = z.object({
  charMaxN: z.number().int().min(1).max(5).default(3),
  words: z.boolean().default(true),
  wordBigrams: z.boolean().default(true),
  leadChars: z.number().int().min(0).max(200).default(40),
  maxChars: z.number().int().min(50).default(100_000),
  /** Only the first characters are segmented by jieba (the slowest step); 0 means the whole (cut) text. */
  wordMaxChars: z.number().int().min(0).default(300),
});

export const memberKindSchema = z.enum(['nbsvm', 'svm', 'logistic', 'naive-bayes']);
export type MemberKind = z.infer<typeof memberKindSchema>;

export const trainOptionsSchema = z.object({
  terms: termOptionsSchema.default(termOptionsSchema.parse({})),
  vectorizer: z
    .object({
      minDf: z.number().int().min(1).default(2),
      maxFeatures: z.number().int().min(100).default(400_000),
      /** Weights of the char, word and lead blocks. */
      groupWeights: z.array(z.number().min(0)).length(3).default([1, 0.5, 0.5]),
      /** Count document frequencies on the unlabelled messages too. */
      idfFromUnlabeled: z.boolean().default(false),
    })
    .default({ minDf: 2, maxFeatures: 400_000, groupWeights: [1, 0.5, 0.5], idfFromUnlabeled: false }),
  /** Dense LSA block learned on labelled + unlabelled text (see lsa.ts); 0 dimensions turns it off. */
  lsa: z
    .object({
      dimensions: z.number().int().min(0).max(400).default(0),
      weight: z.number().min(0).default(0.5),
      powerIterations: z.number().int().min(0).max(4).default(1),
    })
    .default({ dimensions: 0, weight: 0.5, powerIterations: 1 }),
  /**
   * Dense block of sentence embeddings (embedding-block.ts), used only when training is given vectors:
   * its L2 norm beside the TF-IDF groups' (char block 1).
   */
  embedding: z.object({ weight: z.number().min(0).default(0.5) }).default({ weight: 0.5 }),
  /** Models whose calibrated probabilities are averaged. */
  members: z.array(memberKindSchema).min(1).default(['nbsvm']),
  svmC: z.number().positive().default(0.25),
  /** NB-SVM (nb-svm.ts): smoothing of the log-count ratios and the SVMs' C. */
  nbsvm: z.object({ alpha: z.number().positive().default(0.5), c: z.number().positive().default(0.3) }).default({ alpha: 0.5, c: 0.3 }),
  /** Exponent of the balanced class weights n / (C · n_c): 1 fully balanced, 0 unweighted. */
  classBalance: z.number().min(0).max(1).default(1),
  logisticL2: z.number().min(0).default(1e-5),
  naiveBayesAlpha: z.number().positive().default(0.3),
  selfTraining: z
    .object({
      /** Share of the unlabelled messages (most confident first) added with their predicted label; 0 is off. */
      share: z.number().min(0).max(1).default(0),
      weight: z.number().positive().max(1).default(0.3),
      rounds: z.number().int().min(0).max(5).default(1),
    })
    .default({ share: 0, weight: 0.3, rounds: 1 }),
  /** Folds of the cross-validation whose held-out predictions fit calibration and thresholds. */
  folds: z.number().int().min(2).max(10).default(5),
  targetPrecision: z.number().gt(0).lt(1).default(0.95),
  /** Precision at which a category is still worth suggesting; below its threshold the model abstains. */
  suggestPrecision: z.number().gt(0).lt(1).default(0.5),
  seed: z.number().int().default(42),
});

export type TrainOptions = z.infer<typeof trainOptionsSchema>;
export type TermOptions = z.infer<typeof termOptionsSchema>;

export function resolveTrainOptions(input: unknown = {}): TrainOptions {
  return trainOptionsSchema.parse(input);
}
