/** Messages between the training runner and its thread. */
import type { Evaluation, Prediction } from '../../nlu/evaluation.js';

export type ThreadMessage =
  | { type: 'progress'; stage: string; fraction: number }
  | {
      type: 'done';
      version: string;
      labels: string[];
      artefact: Uint8Array;
      evaluation: Evaluation;
      heldOut: (Prediction & { index: number })[];
    };
