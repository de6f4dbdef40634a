import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import { nluCommand } from '../../../../scripts/nlu-commands.js';
import { captureConsole } from '../../../helpers/console-capture.js';
import { MESSAGES } from './fixtures.js';

const root = mkdtempSync(path.join(tmpdir(), 'suqiu-nlu-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const full = path.join(root, name);
  writeFileSync(full, content);
  return full;
}

const good = file(
  'good.jsonl',
  MESSAGES.map((m, i) =>
    JSON.stringify(i % 2 ? { text: m.text, label: m.label } : { title: m.text.slice(0, 4), detail: m.text.slice(4), label: m.label }),
  ).join('\n'),
);
const fast = JSON.stringify({ folds: 3, terms: { charMaxN: 2 }, vectorizer: { minDf: 1 } });

describe('suqiu nlu', () => {
  const { errors, output } = captureConsole();

  test('when a model is trained and evaluated, then eval --json prints accuracy, macroF1, perClass and coverage', async () => {
    const out = path.join(root, 'model');
    expect(await nluCommand(['train', '--data', good, '--out', out, '--options', fast])).toBe(0);
    expect(await nluCommand(['eval', '--model', out, '--data', good, '--json'])).toBe(0);
    const figures = JSON.parse(output.at(-1)!);
    expect(figures.accuracy).toBeGreaterThan(0.9);
    expect(Object.keys(figures.perClass)).toHaveLength(3);
    expect(figures).toHaveProperty('macroF1');
    expect(figures.coverageAtPrecision95).toHaveProperty('coverage');
  });

  test('when the category tree lies beside the data file, then train learns its words too, unless --no-priors', async () => {
    const dir = path.join(root, 'with-tree');
    mkdirSync(dir);
    const data = path.join(dir, 'train.jsonl');
    writeFileSync(data, readFileSync(good, 'utf8'));
    // Words no message uses: only the tree can teach them.
    writeFileSync(
      path.join(dir, 'taxonomy.jsonl'),
      [
        { level1: 'ENV.FUMES', level2: '噪声扰民', level3: '装修噪声' },
        { level1: 'ENV.FUMES', level2: '噪声扰民', level3: '广场舞噪声' },
        { level1: 'LABOR.WAGES', level2: '社会保险', level3: '养老保险' },
      ]
        .map((row) => JSON.stringify(row))
        .join('\n'),
    );
    const probe = file('probe.jsonl', JSON.stringify({ text: '装修噪声 广场舞噪声', label: 'ENV.FUMES' }));
    const trainAndProbe = async (...extra: string[]) => {
      const out = path.join(dir, `model${extra.join('')}`);
      expect(await nluCommand(['train', '--data', data, '--out', out, '--options', fast, ...extra])).toBe(0);
      const said = output.join('\n');
      expect(await nluCommand(['eval', '--model', out, '--data', probe, '--json'])).toBe(0);
      return { said, accuracy: JSON.parse(output.at(-1)!).accuracy as number };
    };
    const withTree = await trainAndProbe();
    expect(withTree.said).toMatch(/priors: 2 examples from the category tree .*taxonomy\.jsonl \(--no-priors leaves them out\)/);
    expect(withTree.accuracy).toBe(1);
    output.length = 0;
    const without = await trainAndProbe('--no-priors');
    expect(without.said).not.toMatch(/priors:/);
    expect(without.accuracy).toBe(0);

    // The labelled file elsewhere, the unlabelled messages beside the tree: the tree is still found.
    output.length = 0;
    const unlabeled = path.join(dir, 'unlabeled.jsonl');
    writeFileSync(unlabeled, JSON.stringify({ text: '楼上装修太吵了' }));
    const out = path.join(root, 'model-tree-beside-unlabeled');
    expect(await nluCommand(['train', '--data', good, '--unlabeled', unlabeled, '--out', out, '--options', fast])).toBe(0);
    expect(output.join('\n')).toMatch(/priors: 2 examples from the category tree .*with-tree\/taxonomy\.jsonl/);
    expect(await nluCommand(['eval', '--model', out, '--data', probe, '--json'])).toBe(0);
    expect(JSON.parse(output.at(-1)!).accuracy).toBe(1);
  });

  test('when the data file does not exist, then it exits 1 naming the file', async () => {
    expect(await nluCommand(['train', '--data', path.join(root, 'nope.jsonl'), '--out', path.join(root, 'x')])).toBe(1);
    expect(errors.join('\n')).toMatch(/nope\.jsonl: no such file/);
  });

  test('when a line is not JSON, then it exits 1 with that line number', async () => {
    const bad = file('bad.jsonl', `${JSON.stringify(MESSAGES[0])}\n{not json\n`);
    expect(await nluCommand(['train', '--data', bad, '--out', path.join(root, 'x')])).toBe(1);
    expect(errors.join('\n')).toMatch(/bad\.jsonl:2: not valid JSON/);
  });

  test('when a line has no label, then it exits 1 with that line number', async () => {
    const unlabelled = file('nolabel.jsonl', `${JSON.stringify(MESSAGES[0])}\n${JSON.stringify({ text: '路灯' })}\n`);
    expect(await nluCommand(['train', '--data', unlabelled, '--out', path.join(root, 'x')])).toBe(1);
    expect(errors.join('\n')).toMatch(/nolabel\.jsonl:2: no label/);
  });

  test('when --out is missing, then it is a usage error with exit 2', async () => {
    expect(await nluCommand(['train', '--data', good])).toBe(2);
    expect(errors.join('\n')).toMatch(/--out is required/);
  });

  test('when the model directory does not exist, then eval exits 1', async () => {
    expect(await nluCommand(['eval', '--model', path.join(root, 'missing-model'), '--data', good])).toBe(1);
  });
});
