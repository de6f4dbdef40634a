/** A model directory as one byte string for the database: the files come back exactly; other formats are told apart. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { afterEach, expect, test } from 'vitest';

import { bundleDirectory, isBundle, unbundleToDirectory } from '../../../intake/training/model-bundle.js';

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'suqiu-bundle-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

test('when a model directory is bundled and unbundled, then every file comes back byte for byte', async () => {
  const source = await tempDir();
  await writeFile(path.join(source, 'manifest.json'), '{"format":"x"}');
  await writeFile(path.join(source, 'member-0.f32'), Buffer.from([0, 1, 2, 255, 128]));
  const bundle = await bundleDirectory(source);
  expect(isBundle(bundle)).toBe(true);
  const target = await tempDir();
  await unbundleToDirectory(bundle, target);
  expect(await readFile(path.join(target, 'manifest.json'), 'utf8')).toBe('{"format":"x"}');
  expect([...(await readFile(path.join(target, 'member-0.f32')))]).toEqual([0, 1, 2, 255, 128]);
});

test('when bytes are another format (a gzipped seed model), then they are not a bundle and unbundling refuses them', async () => {
  const other = gzipSync(Buffer.from('{"format":"suqiu.category-model"}'));
  expect(isBundle(other)).toBe(false);
  await expect(unbundleToDirectory(other, await tempDir())).rejects.toThrow('not a suqiu model bundle');
});
