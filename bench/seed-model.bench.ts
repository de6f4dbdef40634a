/**
 * How good suqiu's out-of-the-box suggestions are: the seed model (trained only on suqiu's own
 * catalogue texts) on real citizen messages it never saw, first-level category, with calibration.
 *
 *   npm run bench:seed-model [-- <dir with train.jsonl>]
 */
import path from 'node:path';

import { ModelClassifier } from '../nlu/index.js';
import { trainCategoryModel } from '../nlu/train.js';
import { DEFAULT_CATALOGUE, flattenCategories, seedTrainingTexts } from '../prisma/seed/seed.js';
import { Catalogue } from '../router/catalogue.js';
import { DEFAULT_TIPDM, TIPDM_TO_SUQIU, readLabelled } from './tipdm.js';

const dir = process.argv[2] ?? DEFAULT_TIPDM;
const rows = readLabelled(path.join(dir, 'train.jsonl'));
const taxonomy = new Catalogue(
  flattenCategories(DEFAULT_CATALOGUE.categories).map(({ category, parent, level }) => ({
    code: category.code,
    name: category.name,
    level,
    parentCode: parent?.code,
    departmentCodes: category.departments,
  })),
  [],
);

const started = performance.now();
const model = trainCategoryModel(seedTrainingTexts(DEFAULT_CATALOGUE), { version: 'bench' });
const trainMs = performance.now() - started;
const classifier = new ModelClassifier(model);

const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, correct: 0 }));
let correct = 0;
let leafTop = 0;
const t0 = performance.now();
for (const row of rows) {
  const result = classifier.classify(row.text, taxonomy);
  const [group] = result.groups;
  const hit = group?.code === TIPDM_TO_SUQIU[row.label];
  if (hit) correct += 1;
  if (result.categories[0]?.path[0] === TIPDM_TO_SUQIU[row.label]) leafTop += 1;
  const bin = bins[Math.min(9, Math.floor((group?.score ?? 0) * 10))]!;
  bin.n += 1;
  bin.confidence += group?.score ?? 0;
  if (hit) bin.correct += 1;
}
const perMessageMs = (performance.now() - t0) / rows.length;
const ece = bins.reduce((sum, b) => sum + (b.n ? (b.n / rows.length) * Math.abs(b.confidence / b.n - b.correct / b.n) : 0), 0);

const figures = {
  messages: rows.length,
  firstLevelAccuracy: round(correct / rows.length),
  firstLevelOfTopLeaf: round(leafTop / rows.length),
  expectedCalibrationError: round(ece),
  temperature: round((model.metrics as { crossValidation?: { temperature: number } }).crossValidation?.temperature ?? 1),
  seedCrossValidationAccuracy: round((model.metrics as { crossValidation?: { accuracy: number } }).crossValidation?.accuracy ?? 0),
  trainSeconds: round(trainMs / 1000),
  classifyMsPerMessage: round(perMessageMs),
  artefactKiB: Math.round(model.toArtefact().length / 1024),
};
console.table(figures);
console.log('reliability (mean confidence → accuracy, count):');
for (const [i, b] of bins.entries())
  if (b.n) console.log(`  ${i / 10}–${(i + 1) / 10}: ${round(b.confidence / b.n)} → ${round(b.correct / b.n)} (${b.n})`);
console.log(JSON.stringify(figures));

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
