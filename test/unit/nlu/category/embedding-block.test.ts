import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import {
  CategoryClassifier,
  CategoryTrainingError,
  EmbeddingDimensionError,
  loadCategoryModel,
  saveCategoryModel,
  trainCategoryClassifier,
  type CategoryClassifierModel,
} from '../../../../nlu/category/index.js';
import { seededRandom } from '../../../../nlu/random.js';
import type { Taxonomy } from '../../../../nlu/types.js';
import { FAST_OPTIONS } from './fixtures.js';

const root = mkdtempSync(path.join(tmpdir(), 'suqiu-category-embedding-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DIMENSIONS = 16;
const LABELS = ['A.ONE', 'B.TWO', 'C.THREE'];
const MODEL_ID = 'tiny:model:mean:256:0123456789ab';
const random = seededRandom(7);

function unit(vector: Float32Array): Float32Array {
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  return vector.map((v) => v / norm);
}
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const centroids = LABELS.map(() => unit(Float32Array.from({ length: DIMENSIONS }, gaussian)));

/**
 * Texts drawn from one pool of characters whatever the label (n-grams carry no signal); vectors near
 * their label's centroid (they carry all of it).
 */
function synthetic(perLabel: number) {
  const pool = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳';
  return LABELS.flatMap((label, k) =>
    Array.from({ length: perLabel }, () => ({
      text: Array.from({ length: 6 }, () => pool[Math.floor(random() * pool.length)]).join(''),
      label,
      vector: unit(centroids[k]!.map((c) => c + 0.2 * gaussian())),
    })),
  );
}

const train = synthetic(20);
const test_ = synthetic(10);
const examples = train.map(({ text, label }) => ({ text, label }));
const embeddings = { modelId: MODEL_ID, examples: train.map((e) => e.vector) };

const withBlock = trainCategoryClassifier({ examples, embeddings, options: FAST_OPTIONS, version: 'with-block' });
const withoutBlock = trainCategoryClassifier({ examples, options: FAST_OPTIONS, version: 'without-block' });

function accuracy(model: CategoryClassifierModel, vectors: boolean): number {
  const right = test_.filter((e) => model.predict(e.text, vectors ? e.vector : undefined)[0]!.label === e.label).length;
  return right / test_.length;
}

describe('category model with a sentence-embedding block', () => {
  test('when only the vectors carry the label, then the model with the block is right and the model without it is not', () => {
    expect(accuracy(withBlock, true)).toBeGreaterThan(0.9);
    expect(accuracy(withoutBlock, false)).toBeLessThan(0.6);
    expect(withBlock.parts.embedding).toEqual({ modelId: MODEL_ID, dimensions: DIMENSIONS, weight: 0.5 });
    expect(withBlock.embeddingModel).toBe(MODEL_ID);
    expect(withoutBlock.embeddingModel).toBeUndefined();
  });

  test('when the block model gets no vector, then it scores the n-grams alone (a zero block) and loses the vectors’ signal', () => {
    const scores = withBlock.predict(test_[0]!.text);
    expect(scores.reduce((sum, s) => sum + s.score, 0)).toBeCloseTo(1, 6);
    expect(accuracy(withBlock, false)).toBeLessThan(0.6);
    expect(withBlock.predict(test_[0]!.text, new Float32Array(DIMENSIONS))).toEqual(scores);
  });

  test('when the embedding weight option is given, then the block records it', () => {
    const heavier = trainCategoryClassifier({ examples, embeddings, options: { ...FAST_OPTIONS, embedding: { weight: 1 } } });
    expect(heavier.parts.embedding?.weight).toBe(1);
    expect(heavier.parts.options.embedding.weight).toBe(1);
  });

  test('when a vector of the wrong length is given, then predict throws EmbeddingDimensionError', () => {
    expect(() => withBlock.predict(test_[0]!.text, new Float32Array(DIMENSIONS + 1))).toThrow(EmbeddingDimensionError);
    // A model without a block ignores vectors: there is nothing they could mean to it.
    expect(withoutBlock.predict(test_[0]!.text, new Float32Array(3))).toEqual(withoutBlock.predict(test_[0]!.text));
  });

  test('when training vectors do not match the examples, then training refuses with CategoryTrainingError', () => {
    const short = { modelId: MODEL_ID, examples: embeddings.examples.slice(1) };
    expect(() => trainCategoryClassifier({ examples, embeddings: short, options: FAST_OPTIONS })).toThrow(CategoryTrainingError);
    const mixed = { modelId: MODEL_ID, examples: [new Float32Array(DIMENSIONS + 2), ...embeddings.examples.slice(1)] };
    expect(() => trainCategoryClassifier({ examples, embeddings: mixed, options: FAST_OPTIONS })).toThrow(/dimensions/);
  });

  test('when priors come with vectors, then they train too; without vectors they get a zero block', () => {
    const priors = [
      { text: '甲乙', label: 'A.ONE' },
      { text: '丙丁', label: 'B.TWO' },
    ];
    const model = trainCategoryClassifier({
      examples,
      priors,
      embeddings: { ...embeddings, priors: centroids.slice(0, 2) },
      options: FAST_OPTIONS,
    });
    expect(model.parts.metrics.crossValidation).toMatchObject({ priors: 2 });
    expect(trainCategoryClassifier({ examples, priors, embeddings, options: FAST_OPTIONS }).parts.embedding?.dimensions).toBe(DIMENSIONS);
  });

  test('when saved and loaded, then the manifest keeps the block and predictions with and without a vector are the same', () => {
    const dir = path.join(root, 'with-block');
    saveCategoryModel(withBlock, dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.embedding).toEqual({ modelId: MODEL_ID, dimensions: DIMENSIONS, weight: 0.5 });
    const loaded = loadCategoryModel(dir);
    expect(loaded.parts.embedding).toEqual(withBlock.parts.embedding);
    for (const e of test_.slice(0, 5)) {
      expect(loaded.predict(e.text, e.vector)).toEqual(withBlock.predict(e.text, e.vector));
      expect(loaded.predict(e.text)).toEqual(withBlock.predict(e.text));
    }
  });

  test('when a model without a block is saved, then its manifest has no embedding key and it loads without one', () => {
    const dir = path.join(root, 'without-block');
    saveCategoryModel(withoutBlock, dir);
    expect(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))).not.toHaveProperty('embedding');
    expect(loadCategoryModel(dir).parts.embedding).toBeUndefined();
  });
});

describe('CategoryClassifier with an embedding block', () => {
  const taxonomy: Taxonomy = { get: (code) => (LABELS.includes(code) ? { code, name: code, level: 1 } : undefined) };
  const classifier = new CategoryClassifier(withBlock);
  const scoresOf = (vector: Float32Array | undefined) => withBlock.predict(test_[0]!.text, vector)[0]!.score;

  test('when the context carries a vector of the model’s own embedder, then it is used; of another embedder, then it is not', () => {
    const e = test_[0]!;
    expect(classifier.embeddingModel).toBe(MODEL_ID);
    const own = classifier.classify(e.text, taxonomy, { embedding: e.vector, embeddingModel: MODEL_ID });
    expect(own.categories[0]).toMatchObject({ code: e.label, score: scoresOf(e.vector) });
    const foreign = classifier.classify(e.text, taxonomy, { embedding: e.vector, embeddingModel: 'other:model:mean:256:ffffffffffff' });
    expect(foreign.categories[0]!.score).toBe(scoresOf(undefined));
    expect(classifier.classify(e.text, taxonomy).categories).toEqual(foreign.categories);
  });

  test('when the classifier has no block, then it wants no embedding model', () => {
    expect(new CategoryClassifier(withoutBlock).embeddingModel).toBeUndefined();
  });
});
