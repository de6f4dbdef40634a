/**
 * Runs in a worker thread: trains and evaluates a category classifier, then the auxiliary models
 * (request type, urgency, department) from the agents' decisions the examples carry, so that the
 * intake worker's event loop keeps serving messages meanwhile. Data comes in as workerData; progress
 * and the result go back as messages; an exception ends the thread with an 'error' event.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

import { trainAuxModels } from '../../nlu/aux/index.js';
import { saveCategoryModel } from '../../nlu/category/index.js';
import { prepareText } from '../../nlu/text/index.js';
import { trainAndEvaluate, type EvaluatedTrainingOptions } from '../../nlu/train-evaluate.js';
import type { LabelledText } from '../../nlu/train.js';
import { saveAuxModels } from './aux-files.js';
import { bundleDirectory } from './model-bundle.js';
import type { ThreadExample, ThreadMessage } from './thread-protocol.js';

const { examples, options } = workerData as { examples: ThreadExample[]; options: EvaluatedTrainingOptions };
const post = (message: ThreadMessage) => parentPort!.postMessage(message);
/** Share of the progress bar the category model takes; the auxiliary models are quicker. */
const CATEGORY_SHARE = 0.85;

// The models learn from what they will see when classifying: personal data as tags, simplified, normalised.
const prepareOne = (text: string) => prepareText(text).normalized;
const prepare = (rows: LabelledText[]) => rows.map(({ text, label }) => ({ text: prepareOne(text), label }));
const prepared = examples.map((example) => ({ ...example, text: prepareOne(example.text) }));
const settings = { ...options, priors: options.priors && prepare(options.priors), now: options.now ? new Date(options.now) : undefined };
const result = trainAndEvaluate(
  prepared.map(({ text, label }) => ({ text, label })),
  settings,
  (stage, fraction) => post({ type: 'progress', stage, fraction: fraction * CATEGORY_SHARE }),
);
const aux = trainAuxModels(prepared, {}, (fraction) =>
  post({ type: 'progress', stage: 'auxiliary', fraction: CATEGORY_SHARE + fraction * (1 - CATEGORY_SHARE) }),
);
const dir = await mkdtemp(path.join(tmpdir(), 'suqiu-train-'));
try {
  saveCategoryModel(result.model, dir);
  await saveAuxModels(dir, aux.models);
  const artefact = await bundleDirectory(dir);
  post({
    type: 'done',
    version: result.model.version,
    labels: [...result.model.labels],
    artefact: new Uint8Array(artefact.buffer, artefact.byteOffset, artefact.byteLength),
    evaluation: result.evaluation,
    heldOut: result.heldOut,
    learningCurve: result.learningCurve,
    auxiliary: aux.evaluation,
  });
} finally {
  await rm(dir, { recursive: true, force: true });
}
