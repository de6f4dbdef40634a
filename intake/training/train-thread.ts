/**
 * Runs in a worker thread: trains and evaluates a category classifier so that the intake worker's
 * event loop keeps serving messages meanwhile. Data comes in as workerData; progress and the result go
 * back as messages; an exception ends the thread with an 'error' event.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

import { saveCategoryModel } from '../../nlu/category/index.js';
import { prepareText } from '../../nlu/text/index.js';
import { trainAndEvaluate, type EvaluatedTrainingOptions } from '../../nlu/train-evaluate.js';
import type { LabelledText } from '../../nlu/train.js';
import { bundleDirectory } from './model-bundle.js';
import type { ThreadMessage } from './thread-protocol.js';

const { examples, options } = workerData as { examples: LabelledText[]; options: EvaluatedTrainingOptions };
const post = (message: ThreadMessage) => parentPort!.postMessage(message);

// The model learns from what it will see when classifying: personal data as tags, simplified, normalised.
const prepare = (rows: LabelledText[]) => rows.map(({ text, label }) => ({ text: prepareText(text).normalized, label }));
const prepared = prepare(examples);
const settings = { ...options, priors: options.priors && prepare(options.priors), now: options.now ? new Date(options.now) : undefined };
const result = trainAndEvaluate(prepared, settings, (stage, fraction) => post({ type: 'progress', stage, fraction }));
const dir = await mkdtemp(path.join(tmpdir(), 'suqiu-train-'));
try {
  saveCategoryModel(result.model, dir);
  const artefact = await bundleDirectory(dir);
  post({
    type: 'done',
    version: result.model.version,
    labels: [...result.model.labels],
    artefact: new Uint8Array(artefact.buffer, artefact.byteOffset, artefact.byteLength),
    evaluation: result.evaluation,
    heldOut: result.heldOut,
  });
} finally {
  await rm(dir, { recursive: true, force: true });
}
