/**
 * The real transformers.js path — tokenizer.json through the WordPiece tokenizer, onnx/model.onnx
 * through onnxruntime-node — on a tiny model this test writes itself, with every fetch refused.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';

import { cosineSimilarity, EmbeddingModelError, loadTransformersEmbedder, norm, type Embedder } from '../../../../nlu/embeddings/index.js';
import { TransformersEmbedder } from '../../../../nlu/embeddings/transformers.embedder.js';
import { makeTinyModel, type TinyModel } from '../../../helpers/tiny-model.js';

const NOISE = '小区楼下噪音扰民';
const NOISE_AGAIN = '晚上楼下噪音扰民';
const BUS = '公交车站线路晚点';
const LONG = '我们小区门口道路积水严重，路灯不亮，垃圾清运不及时，物业管理不到位，请政府部门尽快处理解决问题，谢谢';

let model: TinyModel;
let embedder: TransformersEmbedder;
const refusedFetch = vi.fn(() => Promise.reject(new Error('no network in suqiu tests')));
const originalFetch = { global: globalThis.fetch, transformers: env.fetch };

beforeAll(async () => {
  // Any download attempt, through transformers.js or directly, is recorded and fails.
  globalThis.fetch = refusedFetch;
  env.fetch = refusedFetch;
  env.allowRemoteModels = true;
  model = makeTinyModel({ variants: ['fp32', 'quantized'] });
  embedder = await TransformersEmbedder.load({ dir: model.dir });
});

afterAll(async () => {
  await embedder.dispose();
  globalThis.fetch = originalFetch.global;
  env.fetch = originalFetch.transformers;
  rmSync(model.dir, { recursive: true, force: true });
});

async function load(options: Omit<Parameters<typeof TransformersEmbedder.load>[0], 'dir'>): Promise<TransformersEmbedder> {
  return TransformersEmbedder.load({ dir: model.dir, ...options });
}

async function embedOne(target: Embedder, text: string): Promise<Float32Array> {
  const [vector] = await target.embed([text]);
  return vector!;
}

describe('loading offline', () => {
  test('when a model folder is loaded and used, then remote models are off and nothing was fetched', async () => {
    await embedder.embed([NOISE, BUS]);
    expect(env.allowRemoteModels).toBe(false);
    expect(refusedFetch).not.toHaveBeenCalled();
  });

  test("when loaded, then the dimension is the model's hidden size and the id names file, pooling and limit", () => {
    expect(embedder.dimension).toBe(model.dimension);
    expect(embedder.modelId).toMatch(new RegExp(`^${path.basename(model.dir)}:model:mean:256:[0-9a-f]{12}$`));
  });

  test('when loaded through the on-demand loader, then it is the same model giving the same vectors', async () => {
    const other = await loadTransformersEmbedder({ dir: model.dir });
    try {
      expect(other.modelId).toBe(embedder.modelId);
      expectSameVector(await embedOne(other, NOISE), await embedOne(embedder, NOISE));
    } finally {
      await other.dispose();
    }
  });

  test('when a file is missing, then load fails with the typed error naming it, before any fetch', async () => {
    const broken = makeTinyModel();
    rmSync(path.join(broken.dir, 'tokenizer.json'));
    try {
      const error = await TransformersEmbedder.load({ dir: broken.dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddingModelError);
      expect(error).toMatchObject({ code: 'MODEL_FILE_MISSING', missingFiles: ['tokenizer.json'] });
      expect((error as Error).message).toContain('tokenizer.json');
      expect(refusedFetch).not.toHaveBeenCalled();
    } finally {
      rmSync(broken.dir, { recursive: true, force: true });
    }
  });

  test('when the ONNX file is not a model, then load fails with MODEL_INVALID', async () => {
    const broken = makeTinyModel();
    writeFileSync(path.join(broken.dir, 'onnx', 'model.onnx'), 'not a protobuf');
    try {
      const error = await TransformersEmbedder.load({ dir: broken.dir }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'EmbeddingModelError', code: 'MODEL_INVALID' });
    } finally {
      rmSync(broken.dir, { recursive: true, force: true });
    }
  });
});

describe('embedding', () => {
  test('when the same text is embedded twice, then the vectors are identical and of unit length', async () => {
    const [first, second] = await embedder.embed([NOISE, NOISE]);
    expect(Array.from(second!)).toEqual(Array.from(first!));
    expect(norm(first!)).toBeCloseTo(1, 5);
  });

  test('when texts share characters, then they are more similar than texts that do not', async () => {
    const [noise, noiseAgain, bus] = await embedder.embed([NOISE, NOISE_AGAIN, BUS]);
    const related = cosineSimilarity(noise!, noiseAgain!);
    expect(related).toBeGreaterThan(cosineSimilarity(noise!, bus!) + 0.3);
    expect(related).toBeGreaterThan(cosineSimilarity(noiseAgain!, bus!) + 0.3);
  });

  test('when a text is batched with a much longer one, then padding does not change its vector', async () => {
    const alone = await embedOne(embedder, NOISE);
    const [padded] = await embedder.embed([NOISE, LONG]);
    expectSameVector(padded!, alone);
  });

  test('when texts go in several batches, then each vector comes back in the order given, as if embedded alone', async () => {
    const small = await load({ batchSize: 2 });
    try {
      const texts = [BUS, LONG, NOISE, NOISE_AGAIN, '物业'];
      const together = await small.embed(texts);
      for (const [i, text] of texts.entries()) expectSameVector(together[i]!, await embedOne(embedder, text));
    } finally {
      await small.dispose();
    }
  });

  test('when no texts are given, then no vectors come back', async () => {
    expect(await embedder.embed([])).toEqual([]);
  });

  test('when texts are longer than maxLength, then they are cut before the closing [SEP], which stays', async () => {
    const short = await load({ maxLength: 8 });
    try {
      // [CLS] + six characters + [SEP] = 8 tokens: everything after 噪音 is cut, and the cut text
      // equals the six characters alone only if its [SEP] was kept.
      const [a, b, exact] = await short.embed(['小区楼下噪音扰民', '小区楼下噪音公交', '小区楼下噪音']);
      expectSameVector(a!, b!);
      expectSameVector(a!, exact!);
      const [c, d] = await embedder.embed(['小区楼下噪音扰民', '小区楼下噪音公交']);
      expect(cosineSimilarity(c!, d!)).toBeLessThan(0.99);
    } finally {
      await short.dispose();
    }
  });

  test('when cls pooling is chosen, then vectors differ from mean pooling and still ignore padding', async () => {
    const cls = await load({ pooling: 'cls' });
    try {
      const alone = await embedOne(cls, NOISE);
      const [padded] = await cls.embed([NOISE, LONG]);
      expectSameVector(padded!, alone);
      expect(cosineSimilarity(alone, await embedOne(embedder, NOISE))).toBeLessThan(0.99);
      expect(cls.modelId).toContain(':cls:');
    } finally {
      await cls.dispose();
    }
  });

  test('when the quantized file is loaded, then its vectors stay close to the full-precision ones under another model id', async () => {
    const quantized = await load({ quantized: true });
    try {
      const texts = [NOISE, BUS, LONG];
      const full = await embedder.embed(texts);
      const small = await quantized.embed(texts);
      for (const [i, vector] of small.entries()) expect(cosineSimilarity(vector, full[i]!)).toBeGreaterThan(0.99);
      expect(quantized.modelId).toContain(':model_quantized:');
    } finally {
      await quantized.dispose();
    }
  });

  test('when a text prefix is configured, then it is part of what is embedded', async () => {
    const prefixed = await load({ textPrefix: '咨询' });
    try {
      expectSameVector(await embedOne(prefixed, BUS), await embedOne(embedder, `咨询${BUS}`));
    } finally {
      await prefixed.dispose();
    }
  });

  test('when calls overlap, then each gets its own texts back', async () => {
    const [first, second] = await Promise.all([embedder.embed([NOISE]), embedder.embed([BUS])]);
    expectSameVector(first[0]!, await embedOne(embedder, NOISE));
    expectSameVector(second[0]!, await embedOne(embedder, BUS));
  });
});

function expectSameVector(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i += 1) expect(actual[i]).toBeCloseTo(expected[i]!, 5);
}
