/**
 * How fast and how precise message preparation is on real citizen messages (the 7,079 unlabelled TipDM
 * messages, already anonymised by the organisers, so nearly every finding here is a false positive to
 * look at): messages per second, findings per kind, how many messages simplification changes, and 20
 * findings in context. The context is printed masked, with every other digit shown as `#`.
 *
 *   npx tsx bench/text.bench.ts [path/to/unlabeled.jsonl]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { normalizeForModels } from '../nlu/text/model-text.js';
import { detectPii } from '../nlu/text/pii/detect.js';
import { PII_KINDS, type PiiFinding } from '../nlu/text/pii/types.js';
import { prepareText } from '../nlu/text/prepare.js';
import { toSimplified } from '../nlu/text/simplify.js';
import { DEFAULT_TIPDM } from './tipdm.js';

const file = process.argv[2] ?? path.join(DEFAULT_TIPDM, 'unlabeled.jsonl');
const texts = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const row = JSON.parse(line) as { title?: string; detail?: string; text?: string };
    return row.text ?? `${row.title ?? ''} ${row.detail ?? ''}`;
  });
const chars = texts.reduce((sum, text) => sum + text.length, 0);

const coldStart = performance.now();
toSimplified('這');
const converterBuildMs = performance.now() - coldStart;

/** Best of a few passes, after one warm-up pass: the figure a busy worker sees. */
function perSecond(run: (text: string) => unknown, passes = 3): number {
  for (const text of texts) run(text);
  let best = Infinity;
  for (let pass = 0; pass < passes; pass += 1) {
    const started = performance.now();
    for (const text of texts) run(text);
    best = Math.min(best, performance.now() - started);
  }
  return Math.round(texts.length / (best / 1000));
}

const prepared = texts.map((text) => prepareText(text));
const counts = Object.fromEntries(PII_KINDS.map((kind) => [kind, 0]));
for (const { findings } of prepared) for (const item of findings) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
const simplifiedChanged = texts.filter((text) => toSimplified(text.normalize('NFKC')) !== text.normalize('NFKC')).length;

const figures = {
  file,
  messages: texts.length,
  meanChars: Math.round(chars / texts.length),
  converterBuildMs: Math.round(converterBuildMs),
  prepareMessagesPerSecond: perSecond((text) => prepareText(text)),
  prepareMegacharsPerSecond: Math.round((perSecond((text) => prepareText(text)) * chars) / texts.length / 1e4) / 100,
  detectMessagesPerSecond: perSecond((text) => detectPii(text)),
  normalizeMessagesPerSecond: perSecond((text) => normalizeForModels(text)),
  messagesWithFindings: prepared.filter(({ findings }) => findings.length > 0).length,
  findings: counts,
  messagesChangedBySimplification: simplifiedChanged,
};
console.log(JSON.stringify(figures, null, 2));

/** The message masked, every digit outside a finding shown as `#`, cut to `radius` characters around `target`. */
function context(text: string, findings: readonly PiiFinding[], target: PiiFinding, radius = 14): string {
  let out = '';
  let cursor = 0;
  let marked = [0, 0];
  for (const item of findings) {
    out += text.slice(cursor, item.start).replace(/[0-9０-９]/g, '#');
    if (item === target) marked = [out.length, out.length + item.masked.length];
    out += item === target ? item.masked : item.tag;
    cursor = item.end;
  }
  out += text.slice(cursor).replace(/[0-9０-９]/g, '#');
  const [from = 0, to = 0] = marked;
  const line = `${out.slice(Math.max(0, from - radius), from)}【${out.slice(from, to)}】${out.slice(to, to + radius)}`;
  return line.replace(/\s+/g, ' ');
}

/** Up to 20 findings, taken round-robin over kinds so rare kinds are seen too. */
const byKind = new Map(PII_KINDS.map((kind) => [kind, [] as string[]]));
prepared.forEach(({ findings }, index) => {
  for (const item of findings) byKind.get(item.kind)?.push(`${item.kind.padEnd(8)} ${context(texts[index]!, findings, item)}`);
});
const sample: string[] = [];
for (let round = 0; sample.length < 20 && [...byKind.values()].some((lines) => lines.length > round); round += 1) {
  for (const lines of byKind.values()) if (lines[round] !== undefined && sample.length < 20) sample.push(lines[round]!);
}
console.log(`\nsample of ${sample.length} findings (masked):`);
for (const line of sample) console.log(`  ${line}`);
