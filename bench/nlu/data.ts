/** The TipDM unlabelled messages (text = title + ' ' + detail), read like bench/tipdm.ts reads the labelled ones. */
import { readFileSync } from 'node:fs';

export function readUnlabeledTexts(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { title?: string; detail?: string; text?: string };
      return row.text ?? `${row.title ?? ''} ${row.detail ?? ''}`;
    });
}

export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1));
  return { mean, sd };
}

export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Prior examples from the TipDM category tree: one per level-2 category, its name and its level-3
 * names as the text, labelled with its level-1 category (the level the labelled messages use).
 */
export function readTaxonomyPriors(file: string): { text: string; label: string }[] {
  const byLevel2 = new Map<string, { label: string; names: string[] }>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { level1: string; level2: string; level3: string };
    const entry = byLevel2.get(`${row.level1}/${row.level2}`) ?? { label: row.level1, names: [row.level2] };
    entry.names.push(row.level3);
    byLevel2.set(`${row.level1}/${row.level2}`, entry);
  }
  return [...byLevel2.values()].map(({ label, names }) => ({ text: names.join(' '), label }));
}
