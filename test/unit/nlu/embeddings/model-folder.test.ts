import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, test } from 'vitest';

import { EmbeddingModelError, embeddingModelOptionsSchema, inspectModelFolder } from '../../../../nlu/embeddings/index.js';
import { makeTinyModel, type TinyModelOptions } from '../../../helpers/tiny-model.js';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tiny(options: TinyModelOptions = {}): string {
  const { dir } = makeTinyModel(options);
  folders.push(dir);
  return dir;
}

const inspect = (input: Record<string, unknown>) => inspectModelFolder(embeddingModelOptionsSchema.parse(input));

async function failure(promise: Promise<unknown>): Promise<EmbeddingModelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EmbeddingModelError);
  return error as EmbeddingModelError;
}

describe('model folder', () => {
  test('when the folder does not exist, then MODEL_DIR_MISSING names it', async () => {
    const dir = path.join(tmpdir(), 'suqiu-no-such-model');
    const error = await failure(inspect({ dir }));
    expect(error.code).toBe('MODEL_DIR_MISSING');
    expect(error.message).toContain(dir);
  });

  test.each(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'])(
    'when %s is missing, then MODEL_FILE_MISSING names that file',
    async (file) => {
      const dir = tiny();
      rmSync(path.join(dir, file));
      const error = await failure(inspect({ dir }));
      expect(error).toMatchObject({ code: 'MODEL_FILE_MISSING', dir, missingFiles: [file] });
      expect(error.message).toContain(file);
    },
  );

  test('when quantized is asked for but only model.onnx exists, then the error names the quantized file and says how to use the other', async () => {
    const dir = tiny({ variants: ['fp32'] });
    const error = await failure(inspect({ dir, quantized: true }));
    expect(error.missingFiles).toEqual(['onnx/model_quantized.onnx']);
    expect(error.message).toMatch(/it has onnx\/model\.onnx: turn quantized off/);
  });

  test('when config.json is not JSON, then MODEL_INVALID names it', async () => {
    const dir = tiny();
    writeFileSync(path.join(dir, 'config.json'), '{ not json');
    const error = await failure(inspect({ dir }));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toContain('config.json');
  });

  test.each([
    { description: 'when no pooling file exists, then auto means mean', st: undefined, pooling: 'auto', expects: 'mean' },
    { description: 'when 1_Pooling asks for cls, then auto means cls', st: 'cls', pooling: 'auto', expects: 'cls' },
    { description: 'when pooling is set, then it wins over 1_Pooling', st: 'cls', pooling: 'mean', expects: 'mean' },
  ] as const)('$description', async ({ st, pooling, expects }) => {
    const dir = tiny(st ? { sentenceTransformersPooling: st } : {});
    expect((await inspect({ dir, pooling })).pooling).toBe(expects);
  });

  test("when the tokenizer's model_max_length is below maxLength, then the tokenizer's limit applies", async () => {
    const dir = tiny({ modelMaxLength: 64 });
    expect((await inspect({ dir, maxLength: 256 })).maxLength).toBe(64);
    expect((await inspect({ dir, maxLength: 32 })).maxLength).toBe(32);
  });

  test('when a relative folder is given, then it is resolved to an absolute path', async () => {
    const dir = tiny();
    expect((await inspect({ dir: path.relative(process.cwd(), dir) })).dir).toBe(dir);
  });

  test('when the ONNX file changes, then the model id changes; when nothing changes, it stays', async () => {
    const dir = tiny();
    const before = (await inspect({ dir })).modelId;
    expect((await inspect({ dir })).modelId).toBe(before);
    appendFileSync(path.join(dir, 'onnx', 'model.onnx'), new Uint8Array([0]));
    expect((await inspect({ dir })).modelId).not.toBe(before);
    expect(before).toMatch(new RegExp(`^${path.basename(dir)}:model:mean:256:[0-9a-f]{12}$`));
  });
});

test('when options are parsed, then defaults are quantized off, pooling auto, 256 tokens, batches of 16, no prefix', () => {
  expect(embeddingModelOptionsSchema.parse({ dir: '/m' })).toEqual({
    dir: '/m',
    quantized: false,
    pooling: 'auto',
    maxLength: 256,
    batchSize: 16,
    textPrefix: '',
  });
  expect(embeddingModelOptionsSchema.safeParse({ dir: ' ' }).success).toBe(false);
});
