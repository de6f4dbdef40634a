import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import { loadCategoryModel, saveCategoryModel, trainCategoryClassifier } from '../../../../nlu/category/index.js';
import { decisionInto, trainLinearSvm } from '../../../../nlu/category/linear-svm.js';
import { appendLsa, fitLsa, jacobiEigen } from '../../../../nlu/category/lsa.js';
import { resolveTrainOptions } from '../../../../nlu/category/options.js';
import { termsOf } from '../../../../nlu/category/terms.js';
import { TextRowBuilder } from '../../../../nlu/category/text-row.js';
import { GroupedTfidf } from '../../../../nlu/category/vectorizer.js';
import { normalizeText } from '../../../../nlu/text/normalize.js';
import { FAST_OPTIONS, MESSAGES } from './fixtures.js';

const root = mkdtempSync(path.join(tmpdir(), 'suqiu-category-test2-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TEXTS = [
  ...MESSAGES.map((m) => m.text),
  'APP无法登录，客服电话12345一直占线！！路灯abc不亮',
  '生僻字𠀀𠀁也在路灯旁边', // astral Han characters take the fallback path
  '路灯'.repeat(120) + '拖欠工资的事情写在很后面', // longer than wordMaxChars
  '   ',
  'only latin words here 2024',
];

describe('classify hot path (text-row.ts)', () => {
  for (const terms of [{}, { charMaxN: 2, leadChars: 0 }, { charMaxN: 4 }, { wordMaxChars: 0, wordBigrams: true }, { maxChars: 60 }]) {
    test(`when a row is built straight from text with terms ${JSON.stringify(terms)}, then it equals the term-list row exactly`, () => {
      const options = resolveTrainOptions({ terms, vectorizer: { minDf: 1 } });
      const docs = TEXTS.map((t) => termsOf(normalizeText(t), options.terms));
      const vectorizer = GroupedTfidf.fit(docs, { ...options.vectorizer, groupWeights: [1, 0.5, 0.5] });
      const builder = new TextRowBuilder(vectorizer, options.terms);
      for (const text of [...TEXTS, '路灯油烟工资混在一起']) {
        const normalized = normalizeText(text);
        const expected = vectorizer.transform(termsOf(normalized, options.terms));
        const actual = builder.row(normalized);
        expect(Array.from(actual.indices)).toEqual(Array.from(expected.indices));
        expect(Array.from(actual.values)).toEqual(Array.from(expected.values));
      }
    });
  }

  test('when wordMaxChars is set, then jieba words after that many characters are not features', () => {
    const long = '路灯'.repeat(60) + '拖欠工资';
    const [, cut = []] = termsOf(long, { ...resolveTrainOptions({}).terms, wordBigrams: false, wordMaxChars: 100 });
    const [, whole = []] = termsOf(long, { ...resolveTrainOptions({}).terms, wordBigrams: false, wordMaxChars: 0 });
    expect(cut.join('').length).toBeLessThanOrEqual(100);
    expect(whole.join('')).toContain('工资');
    expect(cut.join('')).not.toContain('工资');
  });
});

describe('LSA block (lsa.ts)', () => {
  test('when a symmetric matrix is diagonalised, then V diag(λ) Vᵀ gives it back', () => {
    const a = Float64Array.from([4, 1, 2, 1, 3, 0.5, 2, 0.5, 5]);
    const { values, vectors } = jacobiEigen(a, 3);
    for (let i = 0; i < 3; i += 1) {
      for (let j = 0; j < 3; j += 1) {
        let sum = 0;
        for (let k = 0; k < 3; k += 1) sum += vectors[i * 3 + k]! * values[k]! * vectors[j * 3 + k]!;
        expect(sum).toBeCloseTo(a[i * 3 + j]!, 9);
      }
    }
  });

  test('when documents share co-occurring terms, then their projections are closer than across topics', () => {
    // Two topics over disjoint features 0-3 and 4-7; docs use different subsets of their topic's terms.
    const row = (features: number[]) => ({ indices: Uint32Array.from(features), values: Float32Array.from(features, () => 1) });
    const rows = [row([0, 1]), row([1, 2]), row([2, 3]), row([0, 3]), row([4, 5]), row([5, 6]), row([6, 7]), row([4, 7])];
    const lsa = fitLsa(rows, 8, { dimensions: 2, weight: 1, powerIterations: 1, seed: 1 });
    const block = (r: (typeof rows)[number]) => Array.from(appendLsa(r, lsa).values.slice(r.values.length));
    const cos = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
    // [0,1] and [2,3] share no term, only the topic.
    expect(cos(block(rows[0]!), block(rows[2]!))).toBeGreaterThan(cos(block(rows[0]!), block(rows[4]!)) + 0.5);
  });

  test('when the block is appended, then it sits after the vocabulary with the configured norm', () => {
    const rows = [0, 1, 2, 3, 4].map((i) => ({ indices: Uint32Array.from([i, (i + 1) % 5]), values: Float32Array.from([1, 0.5]) }));
    const lsa = fitLsa(rows, 5, { dimensions: 3, weight: 0.4, powerIterations: 0, seed: 3 });
    const out = appendLsa(rows[0]!, lsa);
    expect(Array.from(out.indices.slice(2))).toEqual([5, 6, 7]);
    const norm = Math.sqrt(Array.from(out.values.slice(2)).reduce((s, v) => s + v * v, 0));
    expect(norm).toBeCloseTo(0.4, 5);
  });

  test('when a model with an LSA block is saved and loaded, then it predicts the same scores', () => {
    const unlabeled = ['路灯晚上不亮很危险', '油烟味道太大了', '工资被拖欠半年', '路灯和油烟都有问题'];
    const model = trainCategoryClassifier({ examples: MESSAGES, unlabeled, options: { ...FAST_OPTIONS, lsa: { dimensions: 3 } } });
    expect(model.parts.lsa?.dimensions).toBe(3);
    const dir = path.join(root, 'lsa');
    saveCategoryModel(model, dir);
    expect(existsSync(path.join(dir, 'lsa.f32'))).toBe(true);
    const loaded = loadCategoryModel(dir);
    for (const text of ['路灯坏了', '油烟扰民', '拖欠工资']) expect(loaded.predict(text)).toEqual(model.predict(text));
  });
});

describe('model directory versions', () => {
  test('when a format-1 directory is loaded, then it segments whole texts as format 1 did', () => {
    const model = trainCategoryClassifier({ examples: MESSAGES, options: FAST_OPTIONS });
    const dir = path.join(root, 'v1');
    saveCategoryModel(model, dir);
    const file = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
      formatVersion: number;
      options: { terms: Record<string, unknown>; lsa?: unknown };
    };
    expect(manifest.formatVersion).toBe(2);
    manifest.formatVersion = 1;
    delete manifest.options.terms.wordMaxChars;
    delete manifest.options.lsa;
    writeFileSync(file, JSON.stringify(manifest));
    const loaded = loadCategoryModel(dir);
    expect(loaded.parts.options.terms.wordMaxChars).toBe(0);
    expect(loaded.parts.options.lsa.dimensions).toBe(0);
    expect(model.parts.options.terms.wordMaxChars).toBe(300);
  });
});

describe('prior examples from the category tree', () => {
  const newWords = '夜间施工噪音扰民';
  test('when a prior example names words no labelled message has, then messages with them lean to its label', () => {
    const priors = [{ text: '噪音 施工噪音 夜间施工 扰民', label: 'ENV.FUMES' }];
    const without = trainCategoryClassifier({ examples: MESSAGES, options: FAST_OPTIONS });
    const withPriors = trainCategoryClassifier({ examples: MESSAGES, priors, options: FAST_OPTIONS });
    const score = (m: typeof without) => m.predict(newWords).find((s) => s.label === 'ENV.FUMES')!.score;
    expect(withPriors.predict(newWords)[0]!.label).toBe('ENV.FUMES');
    expect(score(withPriors)).toBeGreaterThan(score(without));
    expect(withPriors.parts.metrics.crossValidation).toMatchObject({ priors: 1, examples: MESSAGES.length });
  });

  test('when a prior example has a label no message has, then it is ignored', () => {
    const model = trainCategoryClassifier({ examples: MESSAGES, priors: [{ text: '公交 地铁', label: 'TRANS' }], options: FAST_OPTIONS });
    expect(model.labels).not.toContain('TRANS');
    expect(model.parts.metrics.crossValidation).toMatchObject({ priors: 0 });
  });
});

describe('class balance', () => {
  test('when classBalance is 0, then the rare class weighs less than when fully balanced', () => {
    // Class 1 is rare (2 rows of 10); an unseen row with only the shared feature is scored.
    const row = (f: number[]) => ({ indices: Uint32Array.from(f), values: Float32Array.from(f, () => 1) });
    const rows = [...Array.from({ length: 8 }, () => row([0, 2])), row([1, 2]), row([1, 2])];
    const labels = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1];
    const margin = (balancePower: number) => {
      const m = trainLinearSvm(rows, labels, 2, 3, { c: 1, tolerance: 1e-4, maxIterations: 1000, balanced: true, balancePower, seed: 1 });
      const out = new Float64Array(2);
      decisionInto(m, row([2]), out);
      return out[1]! - out[0]!;
    };
    expect(margin(1)).toBeGreaterThan(margin(0));
  });
});
