/**
 * What a message becomes before weighting: groups of string terms. Each group is weighted and
 * normalised on its own (like a feature union), so long bodies do not drown the dense opening words.
 *
 * - `char`: character 1..n-grams of Han runs (robust to typos, new place names, no segmentation errors);
 * - `word`: jieba words and adjacent word pairs (phrases such as 社保 缴费 that char grams split);
 * - `lead`: character 1..n-grams of the opening characters, which for suqiu's messages is the subject
 *   line or the first sentence — the densest statement of what the citizen wants.
 */
import { segmentWords } from './segmenter.js';

export const TERM_GROUPS = ['char', 'word', 'lead'] as const;
export type TermGroup = (typeof TERM_GROUPS)[number];

export interface TermOptions {
  /** Longest character n-gram. @defaultValue 3 */
  charMaxN: number;
  /** Jieba words (unigrams). */
  words: boolean;
  /** Adjacent word pairs as well. */
  wordBigrams: boolean;
  /** Characters at the start of the text that also feed the `lead` group; 0 turns it off. */
  leadChars: number;
  /** Longer texts are cut: the request is stated early, and the tail of a 3,000-character letter is mostly story. */
  maxChars: number;
  /** Jieba reads only this many opening characters (0: all); segmenting is most of the classify time. */
  wordMaxChars?: number;
}

const SEGMENT = /\p{Script=Han}+|[a-z]+|[0-9]+/gu;
const HAN_START = /^\p{Script=Han}/u;
// Without the u flag the class matches UTF-16 code units, so it finds surrogate pairs.
const ASTRAL = /[\ud800-\udfff]/;
const WORDLIKE = /[\p{Script=Han}a-z]/u;

/** Terms per group of an already normalised text (see `normalizeText`), in `TERM_GROUPS` order. */
export function termsOf(normalized: string, options: TermOptions): string[][] {
  const text = normalized.length > options.maxChars ? normalized.slice(0, options.maxChars) : normalized;
  const char = charGrams(text, options.charMaxN);
  const wordMax = options.wordMaxChars ?? 0;
  const wordText = wordMax > 0 && text.length > wordMax ? text.slice(0, wordMax) : text;
  const word = options.words ? wordTerms(wordText, options.wordBigrams) : [];
  const lead = options.leadChars > 0 ? charGrams(text.slice(0, options.leadChars), options.charMaxN) : [];
  return [char, word, lead];
}

function charGrams(text: string, maxN: number): string[] {
  const grams: string[] = [];
  for (const match of text.matchAll(SEGMENT)) {
    const segment = match[0];
    if (!HAN_START.test(segment)) {
      // House numbers and phone digits carry no topic: all numbers are one token.
      grams.push(/^[0-9]/.test(segment) ? '#' : segment);
      continue;
    }
    // Rare characters outside the BMP are two UTF-16 units: only then pay for splitting into code points.
    if (ASTRAL.test(segment)) {
      const chars = Array.from(segment);
      for (let n = 1; n <= maxN; n += 1) for (let i = 0; i + n <= chars.length; i += 1) grams.push(chars.slice(i, i + n).join(''));
      continue;
    }
    for (let n = 1; n <= maxN; n += 1) for (let i = 0; i + n <= segment.length; i += 1) grams.push(segment.slice(i, i + n));
  }
  return grams;
}

export function wordTerms(text: string, bigrams: boolean): string[] {
  const words = segmentWords(text).filter((word) => WORDLIKE.test(word));
  if (!bigrams) return words;
  const pairs: string[] = [];
  for (let i = 0; i + 1 < words.length; i += 1) pairs.push(`${words[i]} ${words[i + 1]}`);
  return words.concat(pairs);
}
