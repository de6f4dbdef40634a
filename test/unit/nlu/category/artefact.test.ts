import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import { CategoryModelFormatError, loadCategoryModel, saveCategoryModel, trainCategoryClassifier } from '../../../../nlu/category/index.js';
import { FAST_OPTIONS, MESSAGES, PARENTS } from './fixtures.js';

const root = mkdtempSync(path.join(tmpdir(), 'suqiu-category-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const model = trainCategoryClassifier({
  examples: MESSAGES,
  parents: PARENTS,
  options: { ...FAST_OPTIONS, members: ['svm', 'naive-bayes'] },
  version: 'test-2',
});

function saved(name: string): string {
  const dir = path.join(root, name);
  saveCategoryModel(model, dir);
  return dir;
}

describe('category model directory', () => {
  test('when saved and loaded, then it predicts exactly the same scores and keeps version, thresholds and parents', () => {
    const loaded = loadCategoryModel(saved('round-trip'));
    for (const text of ['路灯坏了', '油烟扰民', '拖欠工资', '不相关的话']) expect(loaded.predict(text)).toEqual(model.predict(text));
    expect(loaded.version).toBe('test-2');
    expect(loaded.parts.thresholds).toEqual(model.parts.thresholds);
    expect(loaded.parts.parents).toEqual(PARENTS);
  });

  test('when the manifest is missing, then loading names it', () => {
    const dir = saved('no-manifest');
    unlinkSync(path.join(dir, 'manifest.json'));
    expect(() => loadCategoryModel(dir)).toThrow(/manifest\.json is missing/);
  });

  test('when a weight file is truncated, then loading fails naming that file', () => {
    const dir = saved('truncated');
    const file = path.join(dir, 'member-0.f32');
    writeFileSync(file, readFileSync(file).subarray(0, 16));
    expect(() => loadCategoryModel(dir)).toThrow(/member-0\.f32 is corrupt/);
  });

  test('when the manifest has another format version, then loading refuses it with a typed error', () => {
    const dir = saved('version');
    const manifestFile = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, formatVersion: 99 }));
    expect(() => loadCategoryModel(dir)).toThrow(CategoryModelFormatError);
  });
});
