/**
 * A tiny BERT-shaped embedding model that a test writes into a temporary folder, so the real
 * transformers.js loading path (tokenizer.json → WordPiece, onnx/model.onnx → onnxruntime-node) runs
 * without network and without shipping weights.
 *
 * The graph: token vectors = Gather(word embeddings, input_ids) + Gather(type embeddings,
 * token_type_ids); context = the attention-masked mean of the token vectors; last_hidden_state =
 * token vectors + context. Like attention, the context ignores padding, so a text's hidden states do
 * not depend on how much padding its batch adds — but the padded positions themselves carry a large
 * [PAD] vector, so pooling that forgets the mask gives different vectors (the tests rely on that).
 * Word vectors are pseudo-random per token, seeded by the token itself: texts that share characters
 * share vectors and end up closer than texts that do not.
 *
 * The ONNX protobuf is written by hand: only the few messages and fields a graph needs (field
 * numbers from onnx/onnx.proto).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { seededRandom } from '../../nlu/random.js';

export interface TinyModelOptions {
  /** Hidden size. @defaultValue 48 */
  dimension?: number;
  /** Characters of the vocabulary besides the special tokens. @defaultValue {@link DEFAULT_CHARACTERS} */
  characters?: string;
  /** Which ONNX files to write under `onnx/`. @defaultValue ['fp32'] */
  variants?: ('fp32' | 'quantized')[];
  /** `model_max_length` in tokenizer_config.json. @defaultValue 512 */
  modelMaxLength?: number;
  /** Writes a sentence-transformers `1_Pooling/config.json` asking for this pooling. */
  sentenceTransformersPooling?: 'mean' | 'cls';
}

export interface TinyModel {
  dir: string;
  vocabulary: string[];
  dimension: number;
}

/** Characters of everyday 12345 messages (noise, parking, wages, buses, schools…). */
export const DEFAULT_CHARACTERS =
  '小区楼下噪音扰民晚上施工工地停车位收费物业管理公交车站晚点线路学校学生老师教育拖欠工资农民工社保医院看病医保' +
  '道路积水路灯不亮垃圾清运环境污染油烟餐馆饭店烧烤排放河水臭味政府部门投诉举报咨询建议请求尽快处理解决问题谢谢' +
  '我们你他的了是在有和这那个一二三四五六七八九十年月日市区县街镇村号栋单元室门口电梯供水供电燃气暖气费用价格' +
  '0123456789abcdefghijklmnopqrstuvwxyz';

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

export function makeTinyModel(options: TinyModelOptions = {}): TinyModel {
  const dir = mkdtempSync(path.join(tmpdir(), 'suqiu-tiny-model-'));
  return writeTinyModel(dir, options);
}

export function writeTinyModel(dir: string, options: TinyModelOptions = {}): TinyModel {
  const dimension = options.dimension ?? 48;
  const vocabulary = [...SPECIALS, ...new Set(Array.from((options.characters ?? DEFAULT_CHARACTERS).toLowerCase()))];
  const weights = wordEmbeddings(vocabulary, dimension);
  mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  for (const variant of options.variants ?? ['fp32']) {
    const file = variant === 'fp32' ? 'model.onnx' : 'model_quantized.onnx';
    writeFileSync(path.join(dir, 'onnx', file), encodeModel(vocabulary.length, dimension, weights, variant === 'quantized'));
  }
  writeJson(dir, 'tokenizer.json', tokenizerJson(vocabulary));
  writeJson(dir, 'tokenizer_config.json', {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    tokenize_chinese_chars: true,
    model_max_length: options.modelMaxLength ?? 512,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  });
  writeJson(dir, 'config.json', {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: dimension,
    vocab_size: vocabulary.length,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: dimension,
    pad_token_id: 0,
  });
  if (options.sentenceTransformersPooling) {
    mkdirSync(path.join(dir, '1_Pooling'), { recursive: true });
    writeJson(dir, '1_Pooling/config.json', {
      word_embedding_dimension: dimension,
      pooling_mode_cls_token: options.sentenceTransformersPooling === 'cls',
      pooling_mode_mean_tokens: options.sentenceTransformersPooling === 'mean',
      pooling_mode_max_tokens: false,
    });
  }
  return { dir, vocabulary, dimension };
}

function writeJson(dir: string, file: string, value: unknown): void {
  writeFileSync(path.join(dir, file), JSON.stringify(value, null, 1));
}

/** Row-major [vocabulary, dimension]. [CLS]/[SEP] are small so that shared special tokens do not make every pair similar. */
function wordEmbeddings(vocabulary: string[], dimension: number): Float32Array {
  const weights = new Float32Array(vocabulary.length * dimension);
  vocabulary.forEach((token, row) => {
    const random = seededRandom(fnv1a(token));
    const scale = token === '[CLS]' || token === '[SEP]' ? 0.1 : 1;
    for (let col = 0; col < dimension; col += 1) {
      // [PAD] is large and constant: if padding ever leaks into a pooled vector, the vector moves.
      weights[row * dimension + col] = token === '[PAD]' ? 5 : scale * (random() * 2 - 1);
    }
  });
  return weights;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

function tokenizerJson(vocabulary: string[]): unknown {
  const id = (token: string) => vocabulary.indexOf(token);
  const special = (token: string) => ({ SpecialToken: { id: token, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((token) => ({
      id: id(token),
      content: token,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
      pair: [
        special('[CLS]'),
        { Sequence: { id: 'A', type_id: 0 } },
        special('[SEP]'),
        { Sequence: { id: 'B', type_id: 1 } },
        special('[SEP]'),
      ],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((token) => [token, { id: token, ids: [id(token)], tokens: [token] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocabulary.map((token, index) => [token, index])),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// ONNX graph

const FLOAT = 1;
const UINT8 = 2;
const INT64 = 7;

function encodeModel(vocabularySize: number, dimension: number, weights: Float32Array, quantized: boolean): Uint8Array {
  const initializers = [
    tensor('type_embeddings', FLOAT, [2, dimension], new Uint8Array(new Float32Array(2 * dimension).buffer)),
    tensor('axes_last', INT64, [1], int64s([-1])),
    tensor('axes_sequence', INT64, [1], int64s([1])),
  ];
  const nodes: Uint8Array[] = [];
  if (quantized) {
    // The same weights as uint8 with one scale and zero point, dequantised in the graph — how
    // exporters quantise embedding tables.
    const { values, scale, zeroPoint } = quantize(weights);
    initializers.push(
      tensor('word_embeddings_quantized', UINT8, [vocabularySize, dimension], values),
      tensor('word_embeddings_scale', FLOAT, [], new Uint8Array(new Float32Array([scale]).buffer)),
      tensor('word_embeddings_zero_point', UINT8, [], new Uint8Array([zeroPoint])),
    );
    nodes.push(
      node('DequantizeLinear', ['word_embeddings_quantized', 'word_embeddings_scale', 'word_embeddings_zero_point'], ['word_embeddings']),
    );
  } else {
    initializers.push(tensor('word_embeddings', FLOAT, [vocabularySize, dimension], new Uint8Array(weights.buffer.slice(0))));
  }
  nodes.push(
    node('Gather', ['word_embeddings', 'input_ids'], ['words']),
    node('Gather', ['type_embeddings', 'token_type_ids'], ['types']),
    node('Add', ['words', 'types'], ['tokens']),
    node('Cast', ['attention_mask'], ['mask'], [intAttribute('to', FLOAT)]),
    node('Unsqueeze', ['mask', 'axes_last'], ['mask3']),
    node('Mul', ['tokens', 'mask3'], ['masked']),
    node('ReduceSum', ['masked', 'axes_sequence'], ['summed'], [intAttribute('keepdims', 1)]),
    node('ReduceSum', ['mask3', 'axes_sequence'], ['count'], [intAttribute('keepdims', 1)]),
    node('Div', ['summed', 'count'], ['context']),
    node('Add', ['tokens', 'context'], ['last_hidden_state']),
  );
  const inputs = ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => valueInfo(name, INT64, ['batch', 'sequence']));
  const graph = concat(
    ...nodes.map((n) => message(1, n)),
    string(2, 'tiny-bert'),
    ...initializers.map((t) => message(5, t)),
    ...inputs.map((v) => message(11, v)),
    message(12, valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', dimension])),
  );
  const opset = concat(string(1, ''), varintField(2, 13));
  return concat(varintField(1, 8), string(2, 'suqiu-test'), message(7, graph), message(8, opset));
}

function quantize(weights: Float32Array): { values: Uint8Array; scale: number; zeroPoint: number } {
  const min = weights.reduce((a, b) => Math.min(a, b), 0);
  const max = weights.reduce((a, b) => Math.max(a, b), 0);
  const scale = (max - min) / 255;
  const zeroPoint = Math.round(-min / scale);
  const values = Uint8Array.from(weights, (w) => Math.min(255, Math.max(0, Math.round(w / scale) + zeroPoint)));
  return { values, scale, zeroPoint };
}

function node(opType: string, inputs: string[], outputs: string[], attributes: Uint8Array[] = []): Uint8Array {
  return concat(
    ...inputs.map((name) => string(1, name)),
    ...outputs.map((name) => string(2, name)),
    string(3, `${opType}_${outputs[0]}`),
    string(4, opType),
    ...attributes.map((a) => message(5, a)),
  );
}

/** AttributeProto with type INT (2). */
function intAttribute(name: string, value: number): Uint8Array {
  return concat(string(1, name), varintField(3, value), varintField(20, 2));
}

/** TensorProto: dims (1), data_type (2), name (8), raw_data (9, little-endian). */
function tensor(name: string, dataType: number, dims: number[], raw: Uint8Array): Uint8Array {
  return concat(...dims.map((d) => varintField(1, d)), varintField(2, dataType), string(8, name), bytesField(9, raw));
}

/** ValueInfoProto → TypeProto.tensor_type → elem_type and TensorShapeProto (dim_value or dim_param). */
function valueInfo(name: string, elemType: number, dims: (number | string)[]): Uint8Array {
  const shape = concat(...dims.map((d) => message(1, typeof d === 'number' ? varintField(1, d) : string(2, d))));
  const tensorType = concat(varintField(1, elemType), message(2, shape));
  return concat(string(1, name), message(2, message(1, tensorType)));
}

function int64s(values: number[]): Uint8Array {
  return new Uint8Array(BigInt64Array.from(values, (v) => BigInt(v)).buffer);
}

// ---------------------------------------------------------------------------------------------
// Protobuf wire format: varint (type 0) and length-delimited (type 2) fields are all ONNX needs here.

function varint(value: number | bigint): Uint8Array {
  let rest = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    out.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
  return Uint8Array.from(out);
}

function varintField(field: number, value: number): Uint8Array {
  return concat(varint(field << 3), varint(value));
}

function bytesField(field: number, bytes: Uint8Array): Uint8Array {
  return concat(varint((field << 3) | 2), varint(bytes.length), bytes);
}

function string(field: number, text: string): Uint8Array {
  return bytesField(field, new TextEncoder().encode(text));
}

function message(field: number, body: Uint8Array): Uint8Array {
  return bytesField(field, body);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
