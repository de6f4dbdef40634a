/**
 * Department, request type and urgency: how well they work on real citizen messages.
 *
 *   npx tsx bench/nlu-aux.bench.ts [<dir with replies.jsonl, train.jsonl, unlabeled.jsonl>] [--rules]
 *
 * --rules skips the department cross-validation (about a minute on two cores).
 *
 * Department: the answering unit is read from the government's reply (nlu/department/extract.ts),
 * then a classifier learns it from the message alone; 5-fold cross-validated against a majority-class
 * and a character n-gram nearest-centroid baseline. Request type and urgency: the keyword rules on
 * messages labelled by hand (test/unit/nlu/aux/fixtures/hand-labelled.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { HAND_LABELLED, TIPDM_LABELLED } from '../test/unit/nlu/aux/fixtures/hand-labelled.js';
import { departmentExamples, placeUnitKind, type DepartmentExample } from '../nlu/department/labelled-set.js';
import { answeringUnit } from '../nlu/department/extract.js';
import { crossValidate, heldOut, type HeldOutRanking, type LabelScore } from '../nlu/department/text-classifier.js';
import { jurisdictionsOf } from '../nlu/department/unit-names.js';
import { fitTemperature } from '../nlu/calibration.js';
import { evaluate } from '../nlu/evaluation.js';
import { TfidfVectorizer } from '../nlu/linear/tfidf.js';
import { trainRequestType } from '../nlu/request-type/index.js';
import { scoreRequestType, type RequestTypeCode } from '../nlu/rules/request-type.js';
import { scoreUrgency, type UrgencyCode } from '../nlu/rules/urgency.js';
import { trainUrgency } from '../nlu/urgency/index.js';
import { charNgrams } from '../nlu/text/features.js';
import { normalizeText } from '../nlu/text/normalize.js';
import { DEFAULT_TIPDM } from './tipdm.js';

const args = process.argv.slice(2);
const dir = args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_TIPDM;
const MIN_EXAMPLES = 5;
const FOLDS = 5;

interface Row {
  id: string;
  title?: string;
  detail?: string;
  reply?: string;
}

const readRows = (file: string): Row[] =>
  readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);

const replies = readRows('replies.jsonl').filter((row): row is Row & { reply: string } => typeof row.reply === 'string');

extraction();
if (!args.includes('--rules')) for (const weakest of ['acted', 'mentioned'] as const) departments(weakest);
rules();

function extraction(): void {
  const byEvidence: Record<string, number> = {};
  for (const row of replies) {
    const unit = answeringUnit(row.reply, `${row.title ?? ''} ${row.detail ?? ''}`);
    byEvidence[unit?.evidence ?? 'none'] = (byEvidence[unit?.evidence ?? 'none'] ?? 0) + 1;
  }
  console.log(`\n== department extraction: ${replies.length} replies`);
  console.table(byEvidence);
}

function departments(weakest: 'acted' | 'mentioned'): void {
  const all = departmentExamples(replies, { weakestEvidence: weakest });
  const counts = tally(all.map((example) => example.label));
  const kept = all.filter((example) => counts.get(example.label)! >= MIN_EXAMPLES);
  console.log(
    `\n== department, evidence ≥ ${weakest}: ${all.length} labelled messages (${share(all.length, replies.length)} of replies), ${counts.size} distinct units`,
  );
  console.log(`   units with ≥ ${MIN_EXAMPLES} examples: ${new Set(kept.map((e) => e.label)).size}, covering ${kept.length} messages`);
  console.log(
    '   most frequent:',
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([label, n]) => `${label} ${n}`)
      .join(', '),
  );
  console.log(
    '   kinds:',
    new Set(all.map((e) => e.kind)).size,
    'distinct, e.g.',
    [...tally(all.map((e) => e.kind)).entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, n]) => `${k} ${n}`)
      .join(', '),
  );
  console.log('   sample:');
  for (const example of all.filter((_, i) => i % Math.ceil(all.length / 8) === 0))
    console.log(`     [${example.evidence}] ${example.label} ← ${example.text.slice(0, 40)}…`);
  const started = performance.now();
  const model = crossValidate(kept, {}, FOLDS);
  const seconds = (performance.now() - started) / 1000;
  const rows = {
    majority: summarise(majority(kept)),
    'char-ngram centroid': summarise(centroid(kept)),
    'tf-idf + logistic regression': { ...summarise(calibrated(model)), seconds: round(seconds) },
    'kind classifier + message place': summarise(calibrated(kindPlusPlace(kept))),
  };
  console.table(rows);
  const kindCounts = tally(all.map((example) => example.kind));
  const kinds = all
    .filter((example) => kindCounts.get(example.kind)! >= MIN_EXAMPLES)
    .map((example) => ({ ...example, label: example.kind }));
  console.log(
    `   unit kinds with ≥ ${MIN_EXAMPLES} examples: ${new Set(kinds.map((e) => e.label)).size}, covering ${kinds.length} messages`,
  );
  console.table({
    majority: summarise(majority(kinds)),
    'char-ngram centroid': summarise(centroid(kinds)),
    'tf-idf + logistic regression': summarise(calibrated(crossValidate(kinds, {}, FOLDS))),
  });
}

/** The kind (e.g. "{区县}教育局") is learnt from every city; the place comes from the message's own words. */
function kindPlusPlace(examples: DepartmentExample[]): HeldOutRanking[] {
  const byKind = crossValidate(
    examples.map((example) => ({ text: example.text, label: example.kind })),
    {},
    FOLDS,
  );
  // crossValidate keeps each label's order of appearance, so the i-th ranking of a kind is its i-th example.
  const taken = new Map<string, number>();
  const foldOrder = examples.map((example) => {
    const n = taken.get(example.kind) ?? 0;
    taken.set(example.kind, n + 1);
    return { example, fold: n % FOLDS };
  });
  const ordered = [...Array(FOLDS).keys()].flatMap((fold) =>
    foldOrder.filter((entry) => entry.fold === fold).map((entry) => entry.example),
  );
  return byKind.map((ranking, i) => {
    const example = ordered[i]!;
    const where = { province: '西地省', ...jurisdictionsOf(example.text) };
    const merged = new Map<string, number>();
    for (const { label, score } of ranking.ranked) {
      const unit = placeUnitKind(label, where);
      merged.set(unit, (merged.get(unit) ?? 0) + score);
    }
    return {
      text: example.text,
      label: example.label,
      ranked: [...merged.entries()].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score),
    };
  });
}

function majority(examples: DepartmentExample[]): HeldOutRanking[] {
  const order = [...tally(examples.map((e) => e.label)).entries()].sort((a, b) => b[1] - a[1]);
  const ranked = order.map(([label, n]) => ({ label, score: n / examples.length }));
  return examples.map((example) => ({ text: example.text, label: example.label, ranked }));
}

/** Cosine to each label's mean TF-IDF row, cross-validated with the same folds. */
function centroid(examples: DepartmentExample[]): HeldOutRanking[] {
  const seen = new Map<string, number>();
  const foldOf = examples.map((e) => {
    const n = seen.get(e.label) ?? 0;
    seen.set(e.label, n + 1);
    return n % FOLDS;
  });
  const out: HeldOutRanking[] = [];
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const train = examples.filter((_, i) => foldOf[i] !== fold);
    const docs = train.map((e) => charNgrams(normalizeText(e.text), 3));
    const vectorizer = TfidfVectorizer.fit(docs, { minDf: 2, maxFeatures: 50_000 });
    const centroids = new Map<string, Map<number, number>>();
    train.forEach((e, i) => {
      const row = vectorizer.transform(docs[i]!);
      const c = centroids.get(e.label) ?? new Map<number, number>();
      row.indices.forEach((f, k) => c.set(f, (c.get(f) ?? 0) + row.values[k]!));
      centroids.set(e.label, c);
    });
    const norms = new Map([...centroids].map(([label, c]) => [label, Math.sqrt([...c.values()].reduce((s, v) => s + v * v, 0))]));
    for (const e of examples.filter((_, i) => foldOf[i] === fold)) {
      const row = vectorizer.transform(charNgrams(normalizeText(e.text), 3));
      const ranked: LabelScore[] = [...centroids].map(([label, c]) => {
        let dot = 0;
        row.indices.forEach((f, k) => (dot += (c.get(f) ?? 0) * row.values[k]!));
        return { label, score: dot / (norms.get(label) || 1) };
      });
      out.push({ text: e.text, label: e.label, ranked: ranked.sort((a, b) => b.score - a.score) });
    }
  }
  return out;
}

/**
 * Cross-fitted temperature: each fold's predictions are scaled by the temperature fitted on the
 * other folds' predictions, so the calibration figure is not measured on its own fitting data.
 */
function calibrated(rankings: HeldOutRanking[]): HeldOutRanking[] {
  const size = Math.ceil(rankings.length / FOLDS);
  const temperatures = [...Array(FOLDS).keys()].map((fold) =>
    fitTemperature(heldOut(rankings.filter((_, j) => Math.floor(j / size) !== fold))),
  );
  return rankings.map((ranking, i) => {
    const temperature = temperatures[Math.floor(i / size)]!;
    const logits = ranking.ranked.map((entry) => Math.log(Math.max(entry.score, 1e-12)) / temperature);
    const max = Math.max(...logits);
    const sum = logits.reduce((s, v) => s + Math.exp(v - max), 0);
    return {
      text: ranking.text,
      label: ranking.label,
      ranked: ranking.ranked.map((entry, k) => ({ label: entry.label, score: Math.exp(logits[k]! - max) / sum })),
    };
  });
}

function summarise(rankings: HeldOutRanking[]) {
  const evaluation = evaluate(rankings.map(({ label, ranked }) => ({ label, predicted: ranked[0]!.label, score: ranked[0]!.score })));
  const top3 = rankings.filter(({ label, ranked }) => ranked.slice(0, 3).some((entry) => entry.label === label)).length / rankings.length;
  return {
    n: rankings.length,
    macroF1: round(evaluation.macroF1),
    top1: round(evaluation.accuracy),
    top3: round(top3),
    ece: round(evaluation.ece),
  };
}

function rules(): void {
  const texts = new Map(
    readRows('train.jsonl')
      .concat(readRows('unlabeled.jsonl'), replies)
      .map((row) => [row.id, `${row.title ?? ''} ${row.detail ?? ''}`]),
  );
  const sets = {
    'written for suqiu': HAND_LABELLED,
    'TipDM messages (labels by hand, text read from the data)': TIPDM_LABELLED.flatMap((entry) => {
      const text = texts.get(entry.id);
      return text ? [{ ...entry, text }] : [];
    }),
  };
  for (const [name, set] of Object.entries(sets)) {
    const type = evaluate(set.map((e) => ({ label: e.type, ...top(scoreRequestType(normalizeText(e.text))) })));
    const urgency = evaluate(set.map((e) => ({ label: e.urgency, ...top(scoreUrgency(normalizeText(e.text))) })));
    console.log(`\n== rules on ${set.length} hand-labelled messages, ${name}`);
    console.table({
      requestType: { accuracy: round(type.accuracy), macroF1: round(type.macroF1), ece: round(type.ece) },
      urgency: { accuracy: round(urgency.accuracy), macroF1: round(urgency.macroF1), ece: round(urgency.ece) },
    });
    console.log('   request type confusion (rows = hand label):', JSON.stringify(type.confusion));
    console.log('   urgency confusion (rows = hand label):', JSON.stringify(urgency.confusion));
  }
  handover(Object.values(sets).flat());
}

/**
 * What happens once labels exist: 5-fold cross-validation of the rule-prior classifiers trained on the
 * hand-labelled messages (rules as features, safety override for urgency), against the rules alone.
 */
function handover(set: { text: string; type: RequestTypeCode; urgency: UrgencyCode }[]): void {
  const results = { type: { rules: 0, trained: 0, modelFolds: 0 }, urgency: { rules: 0, trained: 0, modelFolds: 0 } };
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const train = set.filter((_, i) => i % FOLDS !== fold);
    const test = set.filter((_, i) => i % FOLDS === fold);
    const type = trainRequestType(train.map((e) => ({ text: e.text, label: e.type })));
    const urgency = trainUrgency(train.map((e) => ({ text: e.text, label: e.urgency })));
    results.type.modelFolds += type.trained ? 1 : 0;
    results.urgency.modelFolds += urgency.trained ? 1 : 0;
    for (const e of test) {
      const normalized = normalizeText(e.text);
      results.type.trained += type.classify(normalized).scores[0]!.value === e.type ? 1 : 0;
      results.type.rules += scoreRequestType(normalized)[0]!.value === e.type ? 1 : 0;
      results.urgency.trained += urgency.classify(normalized).scores[0]!.value === e.urgency ? 1 : 0;
      results.urgency.rules += scoreUrgency(normalized)[0]!.value === e.urgency ? 1 : 0;
    }
  }
  console.log(`\n== rules → trained model, 5-fold CV accuracy on all ${set.length} hand-labelled messages`);
  console.table({
    requestType: {
      rules: round(results.type.rules / set.length),
      trained: round(results.type.trained / set.length),
      foldsWhereModelTookOver: results.type.modelFolds,
    },
    urgency: {
      rules: round(results.urgency.rules / set.length),
      trained: round(results.urgency.trained / set.length),
      foldsWhereModelTookOver: results.urgency.modelFolds,
    },
  });
}

function top(scores: { value: string; score: number }[]): { predicted: string; score: number } {
  return { predicted: scores[0]!.value, score: scores[0]!.score };
}

function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function share(part: number, whole: number): string {
  return `${Math.round((100 * part) / whole)} %`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
