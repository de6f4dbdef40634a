/**
 * Loads a stored model version, whatever its kind: the seed model (one gzipped artefact) or a trained
 * category classifier (a model directory, stored as a bundle, with the request-type, urgency and
 * department models trained beside it when the directory has them). Both serve suqiu's `Classifier`
 * interface and give ranked category codes for evaluations.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CategoryClassifier, loadCategoryModel } from '../nlu/category/index.js';
import { CategoryModel, ModelClassifier } from '../nlu/index.js';
import type { Classifier } from '../nlu/types.js';
import { loadAuxModels } from './training/aux-files.js';
import { isBundle, unbundleToDirectory } from './training/model-bundle.js';

export interface ServedModel {
  version: string;
  classifier: Classifier;
  /** The sentence-embedding model whose vectors the category model takes, when it has that block. */
  embeddingModel?: string;
  /** Finest categories, best first, with calibrated scores; `vector` from `embeddingModel`'s embedder. */
  predict(text: string, vector?: Float32Array): { code: string; score: number }[];
}

export async function loadServedModel(bytes: Uint8Array): Promise<ServedModel> {
  if (!isBundle(bytes)) {
    const model = CategoryModel.fromArtefact(Buffer.from(bytes));
    return { version: model.version, classifier: new ModelClassifier(model), predict: (text) => model.predict(text) };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'suqiu-model-'));
  try {
    await unbundleToDirectory(bytes, dir);
    const model = loadCategoryModel(dir);
    const aux = await loadAuxModels(dir);
    return {
      version: model.version,
      classifier: new CategoryClassifier(model, aux),
      ...(model.embeddingModel ? { embeddingModel: model.embeddingModel } : {}),
      predict: (text, vector) => model.predict(text, vector).map(({ label, score }) => ({ code: label, score })),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
