/** The auxiliary models' files in a model directory: saved beside the category model, optional, and checked when present. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { loadServedModel } from '../../../../intake/served-model.js';
import { AUX_FILES, loadAuxModels, saveAuxModels } from '../../../../intake/training/aux-files.js';
import { bundleDirectory } from '../../../../intake/training/model-bundle.js';
import { classifyAux, rulesOnly, trainAuxModels } from '../../../../nlu/aux/index.js';
import { saveCategoryModel, trainCategoryClassifier } from '../../../../nlu/category/index.js';
import { TextModelFormatError } from '../../../../nlu/department/errors.js';
import { normalizeText } from '../../../../nlu/text/normalize.js';
import type { Taxonomy } from '../../../../nlu/types.js';
import { FAST_OPTIONS, MESSAGES } from '../category/fixtures.js';
import { DECISIONS, ERRANDS, PHOTO_REPORTS } from './fixtures/decisions.js';

const { models } = trainAuxModels(DECISIONS, { classifier: { calibrationFolds: 3 } });
const PROBES = [...PHOTO_REPORTS, ...ERRANDS, '随手拍：路口垃圾桶倒了', '楼道里煤气味很重', 'xyz'].map(normalizeText);
const taxonomy: Taxonomy = { get: (code) => ({ code, name: code, level: 2 }) };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'suqiu-aux-test-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('auxiliary model files', () => {
  test('when saved and loaded, then every answer is identical', async () => {
    await saveAuxModels(dir, models);
    expect((await readdir(dir)).sort()).toEqual(['department.json', 'request-type.json', 'urgency.json']);
    const loaded = await loadAuxModels(dir);
    for (const text of PROBES) expect(classifyAux(loaded, text)).toEqual(classifyAux(models, text));
  });

  test('when the directory has none of them (a version trained before them), then the rules answer and no unit is named', async () => {
    const loaded = await loadAuxModels(dir);
    for (const text of PROBES) expect(classifyAux(loaded, text)).toEqual(classifyAux(rulesOnly(), text));
  });

  test.each([
    { description: 'not JSON', content: '{"format": ', message: /urgency\.json is not valid JSON/ },
    {
      description: 'another kind of state',
      content: '{"format":"suqiu.text-classifier"}',
      message: /urgency\.json: urgency model is invalid/,
    },
  ])('when a file is $description, then loading fails with a format error naming the file', async ({ content, message }) => {
    await saveAuxModels(dir, models);
    await writeFile(path.join(dir, AUX_FILES.urgency), content);
    await expect(loadAuxModels(dir)).rejects.toThrow(TextModelFormatError);
    await expect(loadAuxModels(dir)).rejects.toThrow(message);
  });
});

describe('served model with auxiliary models', () => {
  const category = trainCategoryClassifier({ examples: MESSAGES, options: FAST_OPTIONS, version: 'aux-served' });

  test('when a bundle holds only the category files, then it serves with the rules, as before', async () => {
    saveCategoryModel(category, dir);
    const served = await loadServedModel(await bundleDirectory(dir));
    const result = served.classifier.classify(normalizeText(ERRANDS[0]!), taxonomy);
    expect(result.requestType).toEqual(classifyAux(rulesOnly(), normalizeText(ERRANDS[0]!)).requestType.slice(0, 3));
    expect(result).not.toHaveProperty('departments');
  });

  test('when a bundle holds the auxiliary files too, then the served classifier answers with them', async () => {
    saveCategoryModel(category, dir);
    await saveAuxModels(dir, models);
    const served = await loadServedModel(await bundleDirectory(dir));
    const result = served.classifier.classify(normalizeText('帮办代办：新华街道钱大爷的退休证丢了，需要上门补办'), taxonomy);
    expect(served.version).toBe('aux-served');
    expect(result.requestType[0]!.value).toBe('HELP');
    expect(result.urgency[0]!.value).toBe('PRIORITY');
    expect(result.departments![0]!.code).toBe('D02-S01');
  });
});
