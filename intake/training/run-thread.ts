/** Starts one training thread and resolves with its result; progress is reported as it comes. */
import { Worker } from 'node:worker_threads';

import type { EvaluatedTrainingOptions } from '../../nlu/train-evaluate.js';
import type { ThreadExample, ThreadMessage } from './thread-protocol.js';

export type TrainingResult = Extract<ThreadMessage, { type: 'done' }>;

const BOOT = new URL('./thread-boot.mjs', import.meta.url);
const ENTRY = new URL('./train-thread.ts', import.meta.url).href;

export function runTrainingThread(
  examples: ThreadExample[],
  options: EvaluatedTrainingOptions,
  onProgress: (stage: string, fraction: number) => void,
): { result: Promise<TrainingResult>; cancel: () => Promise<void> } {
  const worker = new Worker(BOOT, { workerData: { entry: ENTRY, examples, options }, stdout: false, stderr: false });
  const result = new Promise<TrainingResult>((resolve, reject) => {
    let done: TrainingResult | undefined;
    worker.on('message', (message: ThreadMessage) => {
      if (message.type === 'progress') onProgress(message.stage, message.fraction);
      else done = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      done ? resolve(done) : reject(new Error(`the training thread stopped (exit code ${code}) without a model`)),
    );
  });
  return { result, cancel: async () => void (await worker.terminate()) };
}
