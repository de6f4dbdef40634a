/**
 * Sentence embeddings on real citizen messages: load time, texts per second, memory, and how often
 * a message's nearest neighbour (cosine, leave-one-out) has its first-level label — a cheap sign of
 * whether the vectors are worth using for similar-ticket search and as classifier features.
 *
 *   npx tsx bench/embeddings.bench.ts --model <model folder> [--quantized] [--pooling auto|mean|cls]
 *     [--max-length 256] [--batch-size 16] [--threads N] [--limit 918] [--data <dir with train.jsonl>]
 *
 * Without --model it runs on the tiny generated test model (random character vectors): the figures
 * then show suqiu's own overhead around the runtime, not what a real model costs or is worth.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { loadTransformersEmbedder, VectorIndex } from '../nlu/embeddings/index.js';
import { makeTinyModel } from '../test/helpers/tiny-model.js';
import { DEFAULT_TIPDM, readLabelled } from './tipdm.js';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string' },
    quantized: { type: 'boolean', default: false },
    pooling: { type: 'string', default: 'auto' },
    'max-length': { type: 'string', default: '256' },
    'batch-size': { type: 'string', default: '16' },
    threads: { type: 'string' },
    limit: { type: 'string' },
    data: { type: 'string', default: DEFAULT_TIPDM },
  },
});

const rows = readLabelled(path.join(args.data, 'train.jsonl')).slice(0, args.limit ? Number(args.limit) : undefined);
const texts = rows.map((row) => row.text);
const tiny = args.model ? undefined : makeTinyModel({ characters: [...new Set(texts.join(''))].join(''), variants: ['fp32', 'quantized'] });
if (tiny) console.log(`no --model: running on the tiny generated test model (${tiny.vocabulary.length} tokens, random weights)`);

const rssBefore = process.memoryUsage().rss;
const importStarted = performance.now();
await import('../nlu/embeddings/transformers.embedder.js'); // what the first load pays once, apart
const importMs = performance.now() - importStarted;
const rssImported = process.memoryUsage().rss;
const loadStarted = performance.now();
const embedder = await loadTransformersEmbedder({
  dir: args.model ?? tiny!.dir,
  quantized: args.quantized,
  pooling: args.pooling as 'auto' | 'mean' | 'cls',
  maxLength: Number(args['max-length']),
  batchSize: Number(args['batch-size']),
  threads: args.threads ? Number(args.threads) : undefined,
});
const loadMs = performance.now() - loadStarted;
const rssLoaded = process.memoryUsage().rss;

await embedder.embed(texts.slice(0, 8)); // warm-up: the first runs allocate the runtime's buffers
const embedStarted = performance.now();
const vectors = await embedder.embed(texts);
const embedMs = performance.now() - embedStarted;

const index = new VectorIndex<number>(embedder.dimension);
vectors.forEach((vector, i) => index.upsert(i, vector));
const searchStarted = performance.now();
let sameLabel = 0;
for (const [i, vector] of vectors.entries()) {
  const [nearest] = index.search(vector, 1, { filter: (id) => id !== i });
  if (nearest && rows[nearest.id]!.label === rows[i]!.label) sameLabel += 1;
}
const searchMs = performance.now() - searchStarted;

const figures = {
  model: tiny ? 'tiny generated test model' : embedder.modelId,
  dimension: embedder.dimension,
  messages: texts.length,
  meanCharacters: Math.round(texts.reduce((n, text) => n + text.length, 0) / texts.length),
  importSeconds: round(importMs / 1000),
  loadSeconds: round(loadMs / 1000),
  textsPerSecond: round(texts.length / (embedMs / 1000)),
  msPerText: round(embedMs / texts.length),
  rssBeforeImportMiB: mib(rssBefore),
  rssAfterImportMiB: mib(rssImported),
  rssAfterLoadMiB: mib(rssLoaded),
  maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  nearestNeighbourSameLabel: round(sameLabel / texts.length),
  searchMsPerQuery: round(searchMs / texts.length),
  // Other work on the machine slows every figure above; this says how busy it was.
  loadAverage: round(loadavg()[0]!),
};
console.table(figures);
console.log(JSON.stringify(figures));

await embedder.dispose();
if (tiny) rmSync(tiny.dir, { recursive: true, force: true });

function mib(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
