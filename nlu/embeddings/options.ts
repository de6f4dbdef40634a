/** How an embedding model folder is used; parsed once (zod) from suqiu's configuration. */
import { z } from 'zod';

export const embeddingModelOptionsSchema = z.object({
  dir: z
    .string()
    .trim()
    .min(1)
    .describe('Model folder: config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx (or onnx/model_quantized.onnx)'),
  quantized: z
    .boolean()
    .default(false)
    .describe('Load onnx/model_quantized.onnx (int8: about 4× smaller and faster on CPU) instead of onnx/model.onnx'),
  pooling: z
    .enum(['auto', 'mean', 'cls'])
    .default('auto')
    .describe('How token vectors become one vector: auto follows 1_Pooling/config.json when the folder has one, else mean'),
  maxLength: z
    .number()
    .int()
    .min(8)
    .max(8192)
    .default(256)
    .describe("Tokens per text, special tokens included; longer texts are cut (and never beyond the model's own limit)"),
  batchSize: z.number().int().min(1).max(512).default(16).describe('Texts per model run'),
  textPrefix: z.string().default('').describe('Prepended to every text, for models trained with one (e5: "query: ")'),
  threads: z.number().int().min(1).max(64).optional().describe("onnxruntime intra-op threads; unset: onnxruntime's default (all cores)"),
});

export type EmbeddingModelOptions = z.output<typeof embeddingModelOptionsSchema>;
export type EmbeddingModelOptionsInput = z.input<typeof embeddingModelOptionsSchema>;
export type Pooling = 'mean' | 'cls';
