/**
 * Fast comparison of feature/model variants: outer stratified k-fold only (no inner calibration CV —
 * temperature scaling does not change the argmax of a single member), term lists computed once per
 * text and reused by every fold and seed. Prints macro-F1 mean ± sd per variant beside the baseline.
 *
 *   npx tsx bench/nlu/quick.ts [--data <dir>] [--seeds 42,1,2] [--only name,name]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { evaluate } from '../../nlu/evaluation.js';
import { normalizeText } from '../../nlu/text/normalize.js';
import { fitPipeline, pipelineDecision } from '../../nlu/category/fit.js';
import { resolveTrainOptions } from '../../nlu/category/options.js';
import { stratifiedFolds } from '../../nlu/category/train.js';
import { termsOf } from '../../nlu/category/terms.js';
import { baselinePredict } from './baseline.js';
import { meanAndSd, readUnlabeledTexts, round } from './data.js';
import { QUICK_VARIANTS } from './variants.js';
import { DEFAULT_TIPDM, readLabelled } from '../tipdm.js';

const { values: args } = parseArgs({ options: { data: { type: 'string' }, seeds: { type: 'string' }, only: { type: 'string' } } });
const dir = args.data ?? DEFAULT_TIPDM;
const seeds = (args.seeds ?? '42').split(',').map(Number);
const only = args.only?.split(',');
const rows = readLabelled(path.join(dir, 'train.jsonl'));
const unlabeledTexts = readUnlabeledTexts(path.join(dir, 'unlabeled.jsonl'));
const labels = [...new Set(rows.map((r) => r.label))].sort();
const y = rows.map((r) => labels.indexOf(r.label));

const table: Record<string, unknown>[] = [];
for (const seed of seeds) {
  const foldOf = stratifiedFolds(y, 5, seed);
  const f1 = [0, 1, 2, 3, 4].map((fold) => {
    const predicted = baselinePredict(
      rows.filter((_, i) => foldOf[i] !== fold),
      rows.filter((_, i) => foldOf[i] === fold),
    );
    const test = rows.filter((_, i) => foldOf[i] === fold);
    return evaluate(test.map((r, i) => ({ label: r.label, predicted: predicted[i]!, score: 1 }))).macroF1;
  });
  const s = meanAndSd(f1);
  table.push({ variant: 'baseline', seed, macroF1: round(s.mean), sd: round(s.sd) });
}
console.table(table);

for (const [name, variant] of Object.entries(QUICK_VARIANTS)) {
  if (only && !only.includes(name)) continue;
  const options = resolveTrainOptions(variant.options);
  const prepare = variant.prepare ?? normalizeText;
  const docs = rows.map((r) => termsOf(prepare(r.text), options.terms));
  const needsPool = options.selfTraining.share > 0 || options.vectorizer.idfFromUnlabeled || options.lsa.dimensions > 0;
  const poolDocs = needsPool ? unlabeledTexts.map((t) => termsOf(prepare(t), options.terms)) : [];
  // Tree examples of categories the labelled set does not have would be rows with label -1 (train.ts drops them too).
  const given = variant.extra?.(options) ?? { docs: [], labels: [] };
  const known = given.labels.map((label) => labels.includes(label));
  const extra = { docs: given.docs.filter((_, i) => known[i]), labels: given.labels.filter((_, i) => known[i]) };
  const started = process.cpuUsage();
  for (const seed of seeds) {
    const foldOf = stratifiedFolds(y, 5, seed);
    const f1 = [0, 1, 2, 3, 4].map((fold) => {
      const train = rows.map((_, i) => i).filter((i) => foldOf[i] !== fold);
      const test = rows.map((_, i) => i).filter((i) => foldOf[i] === fold);
      const testTexts = new Set(test.map((i) => rows[i]!.text.trim()));
      const pool = poolDocs.filter((_, j) => !testTexts.has(unlabeledTexts[j]!.trim()));
      const fitted = fitPipeline(
        [...train.map((i) => docs[i]!), ...extra.docs.map((d) => termsOf(prepare(d), options.terms))],
        [...train.map((i) => y[i]!), ...extra.labels.map((l) => labels.indexOf(l))],
        labels.length,
        pool,
        options,
      );
      const out = new Float64Array(labels.length);
      return evaluate(
        test.map((i) => {
          pipelineDecision(fitted, docs[i]!, out);
          let best = 0;
          for (let c = 1; c < out.length; c += 1) if (out[c]! > out[best]!) best = c;
          return { label: rows[i]!.label, predicted: labels[best]!, score: 1 };
        }),
      ).macroF1;
    });
    const s = meanAndSd(f1);
    console.log(JSON.stringify({ variant: name, seed, macroF1: round(s.mean), sd: round(s.sd), folds: f1.map((v) => round(v, 3)) }));
  }
  console.log(JSON.stringify({ variant: name, cpuSeconds: round(cpuMs(process.cpuUsage(started)) / 1000, 1) }));
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
