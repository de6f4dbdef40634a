/** `suqiu nlu train|eval --embeddings <folder>` with the tiny generated embedding model (no network, no weights shipped). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import { nluCommand } from '../../../../scripts/nlu-commands.js';
import { captureConsole } from '../../../helpers/console-capture.js';
import { makeTinyModel } from '../../../helpers/tiny-model.js';
import { MESSAGES } from './fixtures.js';

const root = mkdtempSync(path.join(tmpdir(), 'suqiu-nlu-cli-embeddings-'));
const tiny = makeTinyModel();
const other = makeTinyModel({ dimension: 32 });
afterAll(() => {
  for (const dir of [root, tiny.dir, other.dir]) rmSync(dir, { recursive: true, force: true });
});

const data = path.join(root, 'good.jsonl');
writeFileSync(data, MESSAGES.map((m) => JSON.stringify(m)).join('\n'));
const fast = JSON.stringify({ folds: 3, terms: { charMaxN: 2 }, vectorizer: { minDf: 1 } });
const withBlock = path.join(root, 'with-block');
const withoutBlock = path.join(root, 'without-block');

describe('suqiu nlu with --embeddings', () => {
  const { errors, output } = captureConsole();

  test('when trained with --embeddings, then the manifest records the block and eval with the same folder prints JSON', async () => {
    expect(await nluCommand(['train', '--data', data, '--out', withBlock, '--options', fast, '--embeddings', tiny.dir])).toBe(0);
    expect(output.join('\n')).toMatch(/with sentence embeddings of /);
    const manifest = JSON.parse(readFileSync(path.join(withBlock, 'manifest.json'), 'utf8'));
    expect(manifest.embedding).toEqual({
      modelId: expect.stringMatching(/:model:mean:256:[0-9a-f]{12}$/),
      dimensions: tiny.dimension,
      weight: 0.5,
    });

    expect(await nluCommand(['eval', '--model', withBlock, '--data', data, '--json', '--embeddings', tiny.dir])).toBe(0);
    const figures = JSON.parse(output.at(-1)!);
    expect(figures.accuracy).toBeGreaterThan(0.9);
    expect(Object.keys(figures.perClass)).toHaveLength(3);
  });

  test('when a model with a block is evaluated without --embeddings, then it refuses naming the embedding model', async () => {
    expect(await nluCommand(['eval', '--model', withBlock, '--data', data, '--json'])).toBe(2);
    expect(errors.join('\n')).toMatch(/trained with sentence embeddings of .+: give that model's folder with --embeddings/);
  });

  test('when eval is given the folder of another embedding model, then it refuses with exit 1', async () => {
    expect(await nluCommand(['eval', '--model', withBlock, '--data', data, '--embeddings', other.dir])).toBe(1);
    expect(errors.join('\n')).toMatch(/is the embedding model .+; model .+ was trained with /);
  });

  test('when a model without a block is evaluated with --embeddings, then it refuses', async () => {
    expect(await nluCommand(['train', '--data', data, '--out', withoutBlock, '--options', fast])).toBe(0);
    expect(await nluCommand(['eval', '--model', withoutBlock, '--data', data, '--embeddings', tiny.dir])).toBe(2);
    expect(errors.join('\n')).toMatch(/trained without embeddings; drop --embeddings/);
  });

  test('when the --embeddings folder does not exist, then train exits 1 naming it', async () => {
    const missing = path.join(root, 'no-model');
    expect(await nluCommand(['train', '--data', data, '--out', path.join(root, 'x'), '--embeddings', missing])).toBe(1);
    expect(errors.join('\n')).toMatch(/no-model does not exist/);
  });
});
