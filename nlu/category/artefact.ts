/**
 * The model directory: `manifest.json` (format, version, labels, options, metrics, thresholds,
 * calibration, and a SHA-256 per binary file) beside little-endian binary arrays. The loader checks the
 * manifest with zod and every file's size and hash, so a truncated copy fails with a message naming the
 * file instead of classifying with garbage.
 *
 * Format versions: 1 had no LSA block and segmented whole texts; 2 may add `lsa.f32` (feature-major
 * projection) and the `wordMaxChars` option. A version-1 directory still loads and classifies exactly
 * as before (its missing options are pinned to the version-1 behaviour, not to today's defaults).
 * A version-2 manifest may also name an embedding block `{ modelId, dimensions, weight }`: its weights
 * are the last `dimensions` features of every member file (no file of its own; the vectors come from
 * the embedder at classify time). Manifests without it load as models without a block.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import { CategoryModelFormatError } from './errors.js';
import type { LsaProjection } from './lsa.js';
import { memberKindSchema, trainOptionsSchema } from './options.js';
import { CategoryClassifierModel } from './model.js';
import { GroupedTfidf } from './vectorizer.js';

export const MODEL_FORMAT = 'suqiu.category-classifier';
export const MODEL_FORMAT_VERSION = 2;

const fileSchema = z.object({ name: z.string().regex(/^[a-z0-9.-]+$/), bytes: z.number().int().min(0), sha256: z.string().length(64) });
const thresholdSchema = z.object({ auto: z.number().nullable(), suggest: z.number().nullable() });

const manifestSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.union([z.literal(1), z.literal(MODEL_FORMAT_VERSION)]),
  version: z.string().min(1),
  createdAt: z.string(),
  labels: z.array(z.string().min(1)).min(2),
  parents: z.record(z.string(), z.string()),
  options: trainOptionsSchema,
  features: z.number().int().min(1),
  groupWeights: z.array(z.number()),
  calibration: z.object({ method: z.literal('temperature'), temperatures: z.array(z.number().positive()) }),
  members: z.array(z.object({ kind: memberKindSchema, bias: z.array(z.number()), weightsFile: z.string() })).min(1),
  thresholds: z.record(z.string(), thresholdSchema),
  metrics: z.record(z.string(), z.unknown()),
  files: z.object({
    vocabulary: fileSchema,
    idf: fileSchema,
    groups: fileSchema,
    weights: z.array(fileSchema),
    lsa: fileSchema.optional(),
  }),
  lsa: z.object({ dimensions: z.number().int().min(1), weight: z.number().min(0) }).optional(),
  embedding: z.object({ modelId: z.string().min(1), dimensions: z.number().int().min(1), weight: z.number().min(0) }).optional(),
});

export type CategoryManifest = z.infer<typeof manifestSchema>;

/** Writes the model into `dir` (created if needed); returns the total size in bytes. */
export function saveCategoryModel(model: CategoryClassifierModel, dir: string): number {
  mkdirSync(dir, { recursive: true });
  const { parts } = model;
  const state = parts.vectorizer.toState();
  const write = (name: string, bytes: Uint8Array) => {
    writeFileSync(path.join(dir, name), bytes);
    return { name, bytes: bytes.byteLength, sha256: sha256(bytes) };
  };
  const vocabulary = write('vocabulary.txt', Buffer.from(state.terms.join('\n'), 'utf8'));
  const idf = write('idf.f32', bytesOf(state.idf));
  const groups = write('groups.u8', state.groups);
  const weights = parts.members.map((member, i) => write(`member-${i}.f32`, bytesOf(member.weights.weights)));
  const lsa = parts.lsa ? write('lsa.f32', bytesOf(parts.lsa.matrix)) : undefined;
  const manifest: CategoryManifest = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    version: parts.version,
    createdAt: parts.createdAt,
    labels: parts.labels,
    parents: { ...parts.parents },
    options: parts.options,
    features: parts.vectorizer.size,
    groupWeights: state.groupWeights,
    calibration: { method: 'temperature', temperatures: parts.members.map((m) => m.temperature) },
    members: parts.members.map((m, i) => ({ kind: m.kind, bias: Array.from(m.weights.bias), weightsFile: weights[i]!.name })),
    thresholds: parts.thresholds,
    metrics: parts.metrics,
    files: { vocabulary, idf, groups, weights, ...(lsa ? { lsa } : {}) },
    ...(parts.lsa ? { lsa: { dimensions: parts.lsa.dimensions, weight: parts.lsa.weight } } : {}),
    ...(parts.embedding ? { embedding: { ...parts.embedding } } : {}),
  };
  const json = JSON.stringify(manifest, null, 2);
  writeFileSync(path.join(dir, 'manifest.json'), json);
  return [vocabulary, idf, groups, ...weights, ...(lsa ? [lsa] : [])].reduce((sum, f) => sum + f.bytes, Buffer.byteLength(json));
}

export function loadCategoryModel(dir: string): CategoryClassifierModel {
  const manifest = readManifest(dir);
  const { files } = manifest;
  const terms = readChecked(dir, files.vocabulary).toString('utf8').split('\n');
  const idf = new Float32Array(toArrayBuffer(readChecked(dir, files.idf)));
  const groups = new Uint8Array(readChecked(dir, files.groups));
  const classes = manifest.labels.length;
  const lsa = readLsa(dir, manifest);
  const memberFeatures = manifest.features + (lsa?.dimensions ?? 0) + (manifest.embedding?.dimensions ?? 0);
  if (terms.length !== manifest.features || idf.length !== manifest.features || groups.length !== manifest.features) {
    throw new CategoryModelFormatError(`model ${dir}: vocabulary, idf and groups do not have ${manifest.features} entries`);
  }
  const members = manifest.members.map((member, i) => {
    const file = files.weights.find((f) => f.name === member.weightsFile);
    if (!file) throw new CategoryModelFormatError(`model ${dir}: manifest lists no file ${member.weightsFile}`);
    const weights = new Float32Array(toArrayBuffer(readChecked(dir, file)));
    if (weights.length !== classes * memberFeatures || member.bias.length !== classes) {
      throw new CategoryModelFormatError(`model ${dir}: ${file.name} does not hold ${classes} × ${memberFeatures} weights`);
    }
    const temperature = manifest.calibration.temperatures[i];
    if (temperature === undefined) throw new CategoryModelFormatError(`model ${dir}: no temperature for member ${i}`);
    return {
      kind: member.kind,
      temperature,
      weights: { classes, features: memberFeatures, weights, bias: Float32Array.from(member.bias) },
    };
  });
  return new CategoryClassifierModel({
    version: manifest.version,
    createdAt: manifest.createdAt,
    labels: manifest.labels,
    parents: manifest.parents,
    options: manifest.options,
    vectorizer: GroupedTfidf.fromState({ terms, idf, groups, groupWeights: manifest.groupWeights }),
    members,
    ...(lsa ? { lsa } : {}),
    ...(manifest.embedding ? { embedding: manifest.embedding } : {}),
    thresholds: manifest.thresholds,
    metrics: manifest.metrics,
  });
}

function readLsa(dir: string, manifest: CategoryManifest): LsaProjection | undefined {
  if (!manifest.lsa) return undefined;
  if (!manifest.files.lsa) throw new CategoryModelFormatError(`model ${dir}: manifest has an LSA block but lists no lsa file`);
  const matrix = new Float32Array(toArrayBuffer(readChecked(dir, manifest.files.lsa)));
  if (matrix.length !== manifest.features * manifest.lsa.dimensions) {
    throw new CategoryModelFormatError(
      `model ${dir}: ${manifest.files.lsa.name} does not hold ${manifest.features} × ${manifest.lsa.dimensions} values`,
    );
  }
  return { dimensions: manifest.lsa.dimensions, weight: manifest.lsa.weight, features: manifest.features, matrix };
}

function readManifest(dir: string): CategoryManifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : 'is not valid JSON';
    throw new CategoryModelFormatError(`model ${dir}: manifest.json ${reason}`, { cause: error });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new CategoryModelFormatError(`model ${dir}: manifest.json is invalid: ${z.prettifyError(parsed.error)}`);
  if (parsed.data.formatVersion === 1) {
    // Version 1 predates these options: zod would fill in today's defaults, which would change its features.
    const { options } = parsed.data;
    return {
      ...parsed.data,
      options: { ...options, terms: { ...options.terms, wordMaxChars: 0 }, lsa: { ...options.lsa, dimensions: 0 } },
    };
  }
  return parsed.data;
}

function readChecked(dir: string, file: z.infer<typeof fileSchema>): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(dir, file.name));
  } catch (error) {
    throw new CategoryModelFormatError(`model ${dir}: ${file.name} is missing or unreadable`, { cause: error });
  }
  if (bytes.byteLength !== file.bytes || sha256(bytes) !== file.sha256) {
    throw new CategoryModelFormatError(`model ${dir}: ${file.name} is corrupt (size or SHA-256 differs from the manifest)`);
  }
  return bytes;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// Float32 files are little-endian, which is what every platform Node runs on uses natively.
function bytesOf(array: Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
