/** The TipDM unlabelled messages (text = title + ' ' + detail), read like bench/tipdm.ts reads the labelled ones. */
import { readFileSync } from 'node:fs';
import { priorsFromTree, type TreeRow } from '../../nlu/category/priors.js';

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

/** Prior examples from the TipDM category tree (see nlu/category/priors.ts). */
export function readTaxonomyPriors(file: string): { text: string; label: string }[] {
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TreeRow);
  return priorsFromTree(rows);
}
