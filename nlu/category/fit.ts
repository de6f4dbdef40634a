/**
 * One fit of the whole pipeline on labelled rows (plus unlabelled messages): vocabulary and idf, every
 * member, and optional self-training — the confidently predicted unlabelled messages join the training
 * set with a lower weight and the members are trained again. Calibration happens outside (train.ts).
 */
import { appendEmbedding, type EmbeddingBlock } from './embedding-block.js';
import { decisionInto, type LinearWeights } from './linear-svm.js';
import { appendLsa, fitLsa, type LsaProjection } from './lsa.js';
import { trainMember } from './members.js';
import type { TrainOptions } from './options.js';
import type { SparseVector } from '../linear/sparse.js';
import { GroupedTfidf } from './vectorizer.js';

export interface FittedPipeline {
  vectorizer: GroupedTfidf;
  members: LinearWeights[];
  lsa?: LsaProjection;
  embedding?: EmbeddingBlock;
}

/** Labelled rows' embedding vectors (`undefined`: a zero block) and the block they fill. */
export interface DenseInput {
  block: EmbeddingBlock;
  vectors: readonly (Float32Array | undefined)[];
}

/**
 * The feature row the members score: TF-IDF, plus the LSA block, plus the embedding block (after
 * LSA) when the pipeline has them.
 */
export function pipelineRow(
  pipeline: Pick<FittedPipeline, 'vectorizer' | 'lsa' | 'embedding'>,
  doc: string[][],
  vector?: Float32Array,
): SparseVector {
  const tfidf = pipeline.vectorizer.transform(doc);
  const row = pipeline.lsa ? appendLsa(tfidf, pipeline.lsa) : tfidf;
  return withEmbedding(pipeline, row, vector);
}

/** Appends the embedding block (a zero block without a vector); rows of a pipeline without one pass unchanged. */
export function withEmbedding(
  pipeline: Pick<FittedPipeline, 'vectorizer' | 'lsa' | 'embedding'>,
  row: SparseVector,
  vector: Float32Array | undefined,
): SparseVector {
  if (!pipeline.embedding) return row;
  return appendEmbedding(row, pipeline.vectorizer.size + (pipeline.lsa?.dimensions ?? 0), pipeline.embedding, vector);
}

/** Summed raw decision values of all members (for ranking; calibration happens in train.ts). */
export function pipelineDecision(pipeline: FittedPipeline, doc: string[][], out: Float64Array, vector?: Float32Array): void {
  const row = pipelineRow(pipeline, doc, vector);
  const one = new Float64Array(out.length);
  out.fill(0);
  for (const member of pipeline.members) {
    decisionInto(member, row, one);
    for (let c = 0; c < out.length; c += 1) out[c]! += one[c]!;
  }
}

/**
 * `docs[d][g]`: terms of document d in group g (see terms.ts). With `dense`, every labelled row gets its
 * embedding block; unlabelled messages have no vectors, so self-training's pool rows get a zero block.
 */
export function fitPipeline(
  docs: readonly string[][][],
  labels: readonly number[],
  classes: number,
  unlabeled: readonly string[][][],
  options: TrainOptions,
  dense?: DenseInput,
): FittedPipeline {
  const { vectorizer: v } = options;
  const vectorizer = GroupedTfidf.fit(v.idfFromUnlabeled ? [...docs, ...unlabeled] : [...docs], {
    minDf: v.minDf,
    maxFeatures: v.maxFeatures,
    groupWeights: v.groupWeights,
  });
  const tfidf = docs.map((doc) => vectorizer.transform(doc));
  const { share, weight, rounds } = options.selfTraining;
  const poolTfidf = share > 0 || options.lsa.dimensions > 0 ? unlabeled.map((doc) => vectorizer.transform(doc)) : [];
  const lsa =
    options.lsa.dimensions > 0 ? fitLsa([...tfidf, ...poolTfidf], vectorizer.size, { ...options.lsa, seed: options.seed }) : undefined;
  const embedding = dense?.block;
  const shape = { vectorizer, lsa, embedding };
  const denseFrom = embedding ? vectorizer.size + (lsa?.dimensions ?? 0) : undefined;
  const features = vectorizer.size + (lsa?.dimensions ?? 0) + (embedding?.dimensions ?? 0);
  const rows = (lsa ? tfidf.map((row) => appendLsa(row, lsa)) : tfidf).map((row, i) => withEmbedding(shape, row, dense?.vectors[i]));
  const train = (extraRows = rows, extraLabels = labels, weights?: number[]) =>
    options.members.map((kind) => trainMember(kind, extraRows, extraLabels, classes, features, options, weights, denseFrom));
  let members = train();
  if (share > 0 && unlabeled.length > 0) {
    const pool = lsa ? poolTfidf.map((row) => appendLsa(row, lsa)) : poolTfidf;
    for (let round = 0; round < rounds; round += 1) {
      const chosen = mostConfident(members, pool, classes, Math.round(share * pool.length));
      members = train(
        [...rows, ...chosen.map((c) => pool[c.index]!)],
        [...labels, ...chosen.map((c) => c.label)],
        [...rows.map(() => 1), ...chosen.map(() => weight)],
      );
    }
  }
  return { vectorizer, members, ...(lsa ? { lsa } : {}), ...(embedding ? { embedding } : {}) };
}

/** Unlabelled rows ranked by the margin between the best and second-best summed decision values. */
function mostConfident(members: LinearWeights[], pool: ReturnType<GroupedTfidf['transform']>[], classes: number, count: number) {
  const sum = new Float64Array(classes);
  const one = new Float64Array(classes);
  const scored = pool.map((row, index) => {
    sum.fill(0);
    for (const member of members) {
      decisionInto(member, row, one);
      for (let c = 0; c < classes; c += 1) sum[c]! += one[c]!;
    }
    let best = 0;
    for (let c = 1; c < classes; c += 1) if (sum[c]! > sum[best]!) best = c;
    let second = -Infinity;
    for (let c = 0; c < classes; c += 1) if (c !== best) second = Math.max(second, sum[c]!);
    return { index, label: best, margin: sum[best]! - second };
  });
  return scored.sort((a, b) => b.margin - a.margin).slice(0, count);
}
