/**
 * Runs in a worker thread: trains and evaluates a category model so that the intake worker's event
 * loop keeps serving messages meanwhile. Data comes in as workerData; progress and the result go back
 * as messages; an exception ends the thread with an 'error' event.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { trainAndEvaluate, type EvaluatedTrainingOptions } from '../../nlu/train-evaluate.js';
import type { LabelledText } from '../../nlu/train.js';
import type { ThreadMessage } from './thread-protocol.js';

const { examples, options } = workerData as { examples: LabelledText[]; options: EvaluatedTrainingOptions };
const post = (message: ThreadMessage) => parentPort!.postMessage(message);

const result = trainAndEvaluate(examples, { ...options, now: options.now ? new Date(options.now) : undefined }, (stage, fraction) =>
  post({ type: 'progress', stage, fraction }),
);
const artefact = result.model.toArtefact();
post({
  type: 'done',
  version: result.model.version,
  labels: [...result.model.labels],
  artefact: new Uint8Array(artefact.buffer, artefact.byteOffset, artefact.byteLength),
  evaluation: result.evaluation,
  heldOut: result.heldOut,
});
