/**
 * The terms a question is compared on: Han characters and character pairs within runs of content
 * words, jieba words, Latin words (lightly stemmed) and numbers (12345 is a topic here). Question words
 * and particles (怎么, 吗, how, do …) break the runs and keep only a small weight, so what a citizen
 * asks about carries the score, not how they ask. Personal data is masked first and its tags dropped:
 * a phone number says nothing about the question.
 */
import { segmentWords } from '../category/segmenter.js';
import { normalizeText } from '../text/normalize.js';
import { prepareText } from '../text/prepare.js';
import { EN_QUESTION_WORDS, ZH_QUESTION_WORDS } from './question-words.js';

/**
 * Relative weights of the kinds of term before TF-IDF. Single characters match loosely (证 is in 居住证
 * and 身份证) and count a quarter; question words a tenth. Measured on test/fixtures/knowledge: a quarter
 * rather than a half for single characters lowered the highest complaint score (0.24 → 0.23) and raised
 * answer precision at equal recall; the question-word weight (0, 0.1 or 0.3) changed nothing there.
 */
export const TERM_WEIGHTS = { word: 1, bigram: 1, unigram: 0.25, question: 0.1 } as const;

/** Distinct terms with their weights (kind weight × sublinear term frequency), in first-seen order. */
export interface WeightedTerms {
  readonly terms: string[];
  readonly weights: Float32Array;
  /** Occurrences and kind weight per term, parallel to `terms`, so that bags can be merged (`mergeTerms`). */
  readonly counts: Uint32Array;
  readonly kinds: Float32Array;
  /**
   * Distinct content words (not question words), sorted. One alone names a topic (公积金, 医保), not a
   * question about it; two questions with the same ones ask the same (居住证怎么办理 / 请问怎么办理居住证).
   */
  readonly content: readonly string[];
}

const PII_TAG = /<[a-z]+>/g;
const HAN = /^\p{Script=Han}+$/u;
const LATIN = /^[a-z]+$/;
const DIGITS = /^[0-9]+$/;

export function knowledgeTerms(text: string): WeightedTerms {
  const normalized = normalizeText(prepareText(text).normalized).replace(PII_TAG, ' ');
  const counts = new Map<string, { count: number; weight: number }>();
  const add = (term: string, weight: number) => {
    const seen = counts.get(term);
    if (seen) seen.count += 1;
    else counts.set(term, { count: 1, weight });
  };
  let run = '';
  const content = new Set<string>();
  const flush = () => {
    const chars = Array.from(run);
    chars.forEach((char, i) => {
      add(char, TERM_WEIGHTS.unigram);
      if (i + 1 < chars.length) add(char + chars[i + 1]!, TERM_WEIGHTS.bigram);
    });
    run = '';
  };
  for (const token of segmentWords(normalized)) {
    if (HAN.test(token)) {
      if (ZH_QUESTION_WORDS.has(token)) {
        flush();
        add(`q:${token}`, TERM_WEIGHTS.question);
      } else {
        run += token;
        content.add(token);
        if (token.length > 1) add(`w:${token}`, TERM_WEIGHTS.word);
      }
      continue;
    }
    flush();
    if (LATIN.test(token)) {
      if (EN_QUESTION_WORDS.has(token)) add(`q:${token}`, TERM_WEIGHTS.question);
      else {
        add(`e:${stem(token)}`, TERM_WEIGHTS.word);
        content.add(stem(token));
      }
    } else if (DIGITS.test(token)) {
      add(`n:${token}`, TERM_WEIGHTS.word);
      content.add(token);
    }
  }
  flush();
  return weighted(counts, content);
}

/** One bag for several texts, as if they were one text (without word pairs across their borders). */
export function mergeTerms(bags: readonly WeightedTerms[]): WeightedTerms {
  const counts = new Map<string, { count: number; weight: number }>();
  for (const bag of bags) {
    bag.terms.forEach((term, k) => {
      const seen = counts.get(term);
      if (seen) seen.count += bag.counts[k]!;
      else counts.set(term, { count: bag.counts[k]!, weight: bag.kinds[k]! });
    });
  }
  return weighted(counts, new Set(bags.flatMap((bag) => bag.content)));
}

function weighted(counts: Map<string, { count: number; weight: number }>, content: ReadonlySet<string>): WeightedTerms {
  // Plain loops: TypedArray.from with a map function is many times slower, and this runs for every text.
  const bag = {
    terms: new Array<string>(counts.size),
    weights: new Float32Array(counts.size),
    counts: new Uint32Array(counts.size),
    kinds: new Float32Array(counts.size),
    content: [...content].sort(),
  };
  let k = 0;
  for (const [term, { count, weight }] of counts) {
    bag.terms[k] = term;
    bag.weights[k] = weight * (1 + Math.log(count));
    bag.counts[k] = count;
    bag.kinds[k] = weight;
    k += 1;
  }
  return bag;
}

/** Plural, -ing and -ed endings only: enough for "permits" / "permit", "renewing" / "renew". */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}
