/** Messages between the training runner and its thread. */
import type { AuxEvaluation, AuxTrainingExample } from '../../nlu/aux/index.js';
import type { Evaluation, Prediction } from '../../nlu/evaluation.js';
import type { LearningCurve } from '../../nlu/train-evaluate.js';

/** One example as the thread receives it: category label, and the agent's other decisions where known. */
export type ThreadExample = AuxTrainingExample & { label: string };

export type ThreadMessage =
  | { type: 'progress'; stage: string; fraction: number }
  | {
      type: 'done';
      version: string;
      labels: string[];
      artefact: Uint8Array;
      evaluation: Evaluation;
      heldOut: (Prediction & { index: number })[];
      learningCurve: LearningCurve;
      /** Request type, urgency and department: who answers and their cross-validated figures. */
      auxiliary: AuxEvaluation;
    };
