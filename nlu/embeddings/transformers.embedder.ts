/**
 * Sentence embeddings with transformers.js from a folder the operator provides. Nothing is ever
 * downloaded: remote models are switched off, the folder is passed as an absolute path (which
 * transformers.js never mistakes for a hub id) and every load asks for local files only.
 */
import { AutoModel, AutoTokenizer, env, Tensor, type PreTrainedModel, type PreTrainedTokenizer } from '@huggingface/transformers';

import { padBatch, trailingSpecialCount, truncateIds } from './batch.js';
import type { Embedder } from './embedder.js';
import { EmbeddingModelError } from './errors.js';
import { inspectModelFolder, type ModelFolder } from './model-folder.js';
import { embeddingModelOptionsSchema, type EmbeddingModelOptions, type EmbeddingModelOptionsInput } from './options.js';
import { poolAndNormalize } from './pooling.js';

/** Output names of BERT-like exports (transformers.js / optimum) and of sentence-transformers' ONNX exports. */
const TOKEN_OUTPUTS = ['last_hidden_state', 'token_embeddings'];

interface Loaded {
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  folder: ModelFolder;
  options: EmbeddingModelOptions;
  /** Special tokens after the text, kept when a text is cut. */
  tail: number;
  padId: number;
}

export class TransformersEmbedder implements Embedder {
  public readonly modelId: string;
  /** Model runs one at a time: concurrent runs on a 2-core box only fight over the same cores. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly loaded: Loaded,
    public readonly dimension: number,
  ) {
    this.modelId = loaded.folder.modelId;
  }

  /** Checks the folder, loads tokenizer and model, and embeds one text to learn the dimension. */
  public static async load(input: EmbeddingModelOptionsInput): Promise<TransformersEmbedder> {
    const options = embeddingModelOptionsSchema.parse(input);
    const folder = await inspectModelFolder(options);
    forbidDownloads();
    const { tokenizer, model } = await loadFromFolder(folder, options);
    const loaded: Loaded = {
      tokenizer,
      model,
      folder,
      options,
      tail: trailingSpecialCount(tokenizer.encode(''), tokenizer.encode('0')),
      padId: tokenizer.pad_token_id ?? 0,
    };
    const [probe] = await runBatch(loaded, ['0']);
    return new TransformersEmbedder(loaded, probe!.length);
  }

  public async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const run = this.queue.then(() => this.embedAll(texts));
    this.queue = run.catch(() => undefined);
    return run;
  }

  public async dispose(): Promise<void> {
    await this.loaded.model.dispose();
  }

  /** Longest texts first, so each batch pads to similar lengths; results go back in the caller's order. */
  private async embedAll(texts: readonly string[]): Promise<Float32Array[]> {
    const { batchSize } = this.loaded.options;
    const order = texts.map((_, index) => index).sort((a, b) => texts[b]!.length - texts[a]!.length);
    const vectors = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += batchSize) {
      const indices = order.slice(start, start + batchSize);
      const batch = await runBatch(
        this.loaded,
        indices.map((index) => texts[index]!),
      );
      indices.forEach((index, i) => (vectors[index] = batch[i]!));
    }
    return vectors;
  }
}

async function runBatch({ tokenizer, model, folder, options, tail, padId }: Loaded, texts: string[]): Promise<Float32Array[]> {
  const rows = texts.map((text) => truncateIds(tokenizer.encode(options.textPrefix + text), folder.maxLength, tail));
  const batch = padBatch(rows, padId);
  // The model picks the inputs its graph declares (token_type_ids only for BERT-like graphs).
  const outputs = (await model({
    input_ids: new Tensor('int64', batch.inputIds, batch.dims),
    attention_mask: new Tensor('int64', batch.attentionMask, batch.dims),
    token_type_ids: new Tensor('int64', batch.tokenTypeIds, batch.dims),
  })) as Record<string, Tensor | undefined>;
  const hidden = TOKEN_OUTPUTS.map((name) => outputs[name]).find((tensor) => tensor !== undefined);
  if (!hidden || hidden.dims.length !== 3 || !(hidden.data instanceof Float32Array))
    throw new EmbeddingModelError(
      'MODEL_INVALID',
      folder.dir,
      `onnx/${folder.modelFile} gives ${Object.keys(outputs).join(', ')}; an embedding model must give float token vectors (${TOKEN_OUTPUTS.join(' or ')}, [batch, sequence, dimension])`,
    );
  const [size, sequence, dimension] = hidden.dims as [number, number, number];
  return poolAndNormalize({ data: hidden.data, dims: [size, sequence, dimension] }, batch.attentionMask, folder.pooling);
}

/** transformers.js settings are process-wide; suqiu never wants a download, nor a cache copy of a local folder. */
function forbidDownloads(): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useFSCache = false;
  env.useBrowserCache = false;
}

async function loadFromFolder(folder: ModelFolder, options: EmbeddingModelOptions) {
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(folder.dir, { local_files_only: true });
    const model = await AutoModel.from_pretrained(folder.dir, {
      local_files_only: true,
      device: 'cpu',
      dtype: folder.modelFile === 'model_quantized.onnx' ? 'q8' : 'fp32',
      session_options: options.threads ? { intraOpNumThreads: options.threads } : {},
    });
    return { tokenizer, model };
  } catch (cause) {
    throw new EmbeddingModelError('MODEL_INVALID', folder.dir, `the embedding model in ${folder.dir} does not load: ${String(cause)}`, {
      cause,
    });
  }
}
