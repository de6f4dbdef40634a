/**
 * Checks a model folder before transformers.js sees it, so a wrong folder fails with the name of
 * the missing file instead of a runtime error deep in the loader, and decides pooling, the length
 * limit and the model id (which includes a hash of the ONNX file: stored vectors from another
 * export of the "same" model must not be compared with new ones).
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import { EmbeddingModelError } from './errors.js';
import type { EmbeddingModelOptions, Pooling } from './options.js';

export interface ModelFolder {
  /** Absolute: transformers.js treats a relative path such as `models/bge` as a model hub id. */
  dir: string;
  /** Under `onnx/`. */
  modelFile: 'model.onnx' | 'model_quantized.onnx';
  pooling: Pooling;
  maxLength: number;
  modelId: string;
}

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

const configSchema = z.object({ max_position_embeddings: z.number().int().positive().optional() });
const tokenizerConfigSchema = z.object({ model_max_length: z.number().positive().optional() });
/** sentence-transformers' pooling module, as exported next to the model. */
const sentenceTransformersPoolingSchema = z.object({
  pooling_mode_cls_token: z.boolean().optional(),
  pooling_mode_mean_tokens: z.boolean().optional(),
  pooling_mode_mean_sqrt_len_tokens: z.boolean().optional(),
  pooling_mode_max_tokens: z.boolean().optional(),
  pooling_mode_lasttoken: z.boolean().optional(),
  pooling_mode_weightedmean_tokens: z.boolean().optional(),
});

export async function inspectModelFolder(options: EmbeddingModelOptions): Promise<ModelFolder> {
  const dir = path.resolve(options.dir);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new EmbeddingModelError('MODEL_DIR_MISSING', dir, `the embedding model folder ${dir} does not exist`);
  const modelFile = options.quantized ? 'model_quantized.onnx' : 'model.onnx';
  const missing = [...REQUIRED_FILES, `onnx/${modelFile}`].filter((file) => !isFile(path.join(dir, file)));
  if (missing.length > 0)
    throw new EmbeddingModelError('MODEL_FILE_MISSING', dir, missingMessage(dir, missing, options.quantized), { missingFiles: missing });

  const config = readJson(dir, 'config.json', configSchema);
  const tokenizerConfig = readJson(dir, 'tokenizer_config.json', tokenizerConfigSchema);
  const pooling = options.pooling === 'auto' ? sentenceTransformersPooling(dir) : options.pooling;
  // Tokenizers without a limit declare model_max_length as 1e30; the position table is the real bound.
  const maxLength = Math.min(options.maxLength, tokenizerConfig.model_max_length ?? Infinity, config.max_position_embeddings ?? Infinity);
  const fingerprint = await sha256(path.join(dir, 'onnx', modelFile));
  const modelId = [path.basename(dir), modelFile.replace(/\.onnx$/, ''), pooling, maxLength, fingerprint.slice(0, 12)].join(':');
  return { dir, modelFile, pooling, maxLength, modelId };
}

function missingMessage(dir: string, missing: string[], quantized: boolean): string {
  const other = quantized ? 'model.onnx' : 'model_quantized.onnx';
  const hint =
    missing.some((file) => file.startsWith('onnx/')) && isFile(path.join(dir, 'onnx', other))
      ? ` (it has onnx/${other}: turn quantized ${quantized ? 'off' : 'on'} to use it)`
      : '';
  return `the embedding model folder ${dir} is missing ${missing.join(', ')}${hint}`;
}

function sentenceTransformersPooling(dir: string): Pooling {
  const file = '1_Pooling/config.json';
  if (!isFile(path.join(dir, file))) return 'mean';
  const modes = readJson(dir, file, sentenceTransformersPoolingSchema);
  if (modes.pooling_mode_cls_token) return 'cls';
  // Mean over sqrt(length) differs from the mean only in length, which normalisation removes.
  if (modes.pooling_mode_mean_tokens || modes.pooling_mode_mean_sqrt_len_tokens) return 'mean';
  throw new EmbeddingModelError(
    'MODEL_INVALID',
    dir,
    `${file} asks for a pooling suqiu does not do (only cls and mean): set pooling explicitly`,
  );
}

function readJson<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  } catch (cause) {
    throw new EmbeddingModelError('MODEL_INVALID', dir, `${file} in ${dir} is not valid JSON`, { cause });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new EmbeddingModelError('MODEL_INVALID', dir, `${file} in ${dir}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
