/** Variants compared by bench/nlu/quick.ts (outer CV only). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { answeringUnit } from '../../nlu/department/index.js';
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

/** Units whose name tells the label (the rest, e.g. 公安局 or a 街道办事处, answer for several). */
const UNIT_LABELS: [RegExp, string][] = [
  [/教育|教体/, '教育文体'],
  [/交通运输|公路局/, '交通运输'],
  [/人力资源|社保|社会保险|劳动保障|医保|医疗保障/, '劳动和社会保障'],
  [/住房和城乡建设|住建|自然资源和规划|城市管理|城管|房产|住房保障|公积金|不动产|市政|规建|房屋交易/, '城乡建设'],
  [/生态环境|环保|环境保护/, '环境保护'],
  [/卫生健康|卫健|卫生计生|卫计/, '卫生计生'],
  [/市场监督|市场和质量|工商|商务|旅游/, '商贸旅游'],
];

/** The replied messages labelled through the unit that answered them (549 of 2,814), plus the tree. */
function repliedExamples(): { docs: string[]; labels: string[] } {
  const docs: string[] = [];
  const labels: string[] = [];
  for (const line of readFileSync(path.join(DEFAULT_TIPDM, 'replies.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { title: string; detail: string; reply: string };
    const unit = answeringUnit(row.reply);
    const label = unit && UNIT_LABELS.find(([pattern]) => pattern.test(unit.name))?.[1];
    if (!label) continue;
    docs.push(`${row.title} ${row.detail}`);
    labels.push(label);
  }
  const fromTree = taxonomyExamples(1)();
  return { docs: [...fromTree.docs, ...docs], labels: [...fromTree.labels, ...labels] };
}

const tree = taxonomyExamples(1);
const W0 = { wordMaxChars: 0 };
const W100 = { wordMaxChars: 100 };

/**
 * Round 1 starts from the previous defaults (jieba on the whole text, no tree priors); round 2 from
 * tree priors with words on the first 100 characters; round 3 picks how much text jieba reads.
 * The defaults that came out: tree priors, jieba on the first 300 characters (options.ts).
 * Round 4 replaces the SVM by NB-SVM (nb-svm.ts) and re-checks the feature choices under it.
 */
export const QUICK_VARIANTS: Record<string, QuickVariant> = {
  'v1 defaults (words on whole text)': { options: { terms: W0 } },
  'v1 + prepareText.normalized': { options: { terms: W0 }, prepare: (t) => prepareText(t).normalized },
  'v1 + lsa 100 w0.5': { options: { terms: W0, lsa: { dimensions: 100, weight: 0.5 } } },
  'v1 + taxonomy examples x1': { options: { terms: W0 }, extra: tree },
  'v1 + taxonomy examples x3': { options: { terms: W0 }, extra: taxonomyExamples(3) },
  'v1 + C 0.15': { options: { terms: W0, svmC: 0.15 } },
  'v1 + word block first 200 chars': { options: { terms: { wordMaxChars: 200 } } },
  'v1 + word block first 100 chars': { options: { terms: W100 } },
  'v1 + lead 50': { options: { terms: { ...W0, leadChars: 50 } } },
  'v2 taxonomy + words 100': { options: { terms: W100 }, extra: tree },
  'v2 + prepareText.normalized': { options: { terms: W100 }, extra: tree, prepare: (t) => prepareText(t).normalized },
  'v2 + C 0.5': { options: { terms: W100, svmC: 0.5 }, extra: tree },
  'v2 + classBalance 0.5': { options: { terms: W100, classBalance: 0.5 }, extra: tree },
  'v2 + classBalance 0': { options: { terms: W100, classBalance: 0 }, extra: tree },
  'v2 + block weights 1/0.7/0.5': { options: { terms: W100, vectorizer: { groupWeights: [1, 0.7, 0.5] } }, extra: tree },
  'v3 taxonomy + words whole text': { options: { terms: W0 }, extra: tree },
  'v3 taxonomy + words 200': { options: { terms: { wordMaxChars: 200 } }, extra: tree },
  'v3 taxonomy + words 300 (defaults)': { options: {}, extra: tree },
  'v3 + prepareText.normalized': { options: {}, extra: tree, prepare: (t) => prepareText(t).normalized },
  'v3 + lsa 50 w0.3': { options: { lsa: { dimensions: 50, weight: 0.3 } }, extra: tree },
  'v4 svm (previous defaults)': { options: { members: ['svm'] }, extra: tree },
  'v4 nbsvm (defaults)': { options: {}, extra: tree },
  'v4 + nbsvm alpha 1 C 0.5': { options: { nbsvm: { alpha: 1, c: 0.5 } }, extra: tree },
  'v4 + svm ensemble': { options: { members: ['nbsvm', 'svm'] }, extra: tree },
  'v4 + char 1-4': { options: { terms: { charMaxN: 4 } }, extra: tree },
  'v4 + char 1-2': { options: { terms: { charMaxN: 2 } }, extra: tree },
  'v4 + word bigrams': { options: { terms: { wordBigrams: true } }, extra: tree },
  'v4 + lead 50': { options: { terms: { leadChars: 50 } }, extra: tree },
  'v4 + minDf 1': { options: { vectorizer: { minDf: 1 } }, extra: tree },
  'v4 + block weights 1/1/0.5': { options: { vectorizer: { groupWeights: [1, 1, 0.5] } }, extra: tree },
  'v4 + block weights 1/0.5/1': { options: { vectorizer: { groupWeights: [1, 0.5, 1] } }, extra: tree },
  'v4 + no class balance': { options: { classBalance: 0 }, extra: tree },
  'v4 + truncate at 600 chars': { options: { terms: { maxChars: 600 } }, extra: tree },
  'v4 + lead 50 + word bigrams': { options: { terms: { leadChars: 50, wordBigrams: true } }, extra: tree },
  'v4 + lead 40 + word bigrams': { options: { terms: { leadChars: 40, wordBigrams: true } }, extra: tree },
  'v4 + lead 50 + word bigrams + svm': { options: { terms: { leadChars: 50, wordBigrams: true }, members: ['nbsvm', 'svm'] }, extra: tree },
  'v4 + replies labelled by the answering unit': { options: {}, extra: repliedExamples },
  'v4 + idf from unlabelled': { options: { vectorizer: { idfFromUnlabeled: true } }, extra: tree },
  'v4 + self-training 20 %, weight 0.3': { options: { selfTraining: { share: 0.2, weight: 0.3, rounds: 1 } }, extra: tree },
};
