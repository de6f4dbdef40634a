/** Variants compared by bench/nlu/quick.ts (outer CV only). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { prepareText } from '../../nlu/text/index.js';
import type { TrainOptions } from '../../nlu/category/options.js';
import { DEFAULT_TIPDM } from '../tipdm.js';

export interface QuickVariant {
  options: unknown;
  /** Text → normalised text fed to termsOf (default normalizeText). */
  prepare?: (text: string) => string;
  /** Extra labelled pseudo-examples added to every fold's training rows. */
  extra?: (options: TrainOptions) => { docs: string[]; labels: string[] };
}

/** One pseudo-example per level-2 name under each level-1 label: "level2 level3 level3 …". */
function taxonomyExamples(repeat: number): () => { docs: string[]; labels: string[] } {
  return () => {
    const byL2 = new Map<string, { l1: string; names: string[] }>();
    for (const line of readFileSync(path.join(DEFAULT_TIPDM, 'taxonomy.jsonl'), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const t = JSON.parse(line) as { level1: string; level2: string; level3: string };
      const entry = byL2.get(t.level2) ?? { l1: t.level1, names: [t.level2] };
      entry.names.push(t.level3);
      byL2.set(t.level2, entry);
    }
    const docs: string[] = [];
    const labels: string[] = [];
    for (const { l1, names } of byL2.values()) {
      for (let r = 0; r < repeat; r += 1) {
        docs.push(names.join(' '));
        labels.push(l1);
      }
    }
    return { docs, labels };
  };
}

export const QUICK_VARIANTS: Record<string, QuickVariant> = {
  defaults: { options: {} },
  'prepareText.normalized': { options: {}, prepare: (t) => prepareText(t).normalized },
  'lsa 100 w0.5': { options: { lsa: { dimensions: 100, weight: 0.5 } } },
  'lsa 100 w1': { options: { lsa: { dimensions: 100, weight: 1 } } },
  'lsa 200 w0.7': { options: { lsa: { dimensions: 200, weight: 0.7 } } },
  'taxonomy examples x1': { options: {}, extra: taxonomyExamples(1) },
  'taxonomy examples x3': { options: {}, extra: taxonomyExamples(3) },
  'C 0.15': { options: { svmC: 0.15 } },
  'word block first 200 chars': { options: { terms: { wordMaxChars: 200 } } },
  'word block first 100 chars': { options: { terms: { wordMaxChars: 100 } } },
  'lead 50': { options: { terms: { leadChars: 50 } } },
};
