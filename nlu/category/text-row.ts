/**
 * The classify hot path: normalised text → TF-IDF row without building the term strings of terms.ts.
 * Character n-grams (n ≤ 3) of Han runs are looked up by a number packed from their UTF-16 code units,
 * so no substring is allocated or hashed; words, Latin runs and numbers go through the string maps.
 * It yields exactly the row `vectorizer.transform(termsOf(text, options))` does (a test checks), and
 * falls back to that path for what it does not cover (n-grams over 3, astral characters).
 */
import type { SparseVector } from '../linear/sparse.js';
import type { TermOptions } from './options.js';
import { termsOf, wordTerms } from './terms.js';
import type { FeatureCounter, GroupedTfidf } from './vectorizer.js';

const HAN = 1;
const LATIN = 2;
const DIGIT = 3;
const PACKED_MAX_N = 3;
const CHAR_GROUP = 0;
const WORD_GROUP = 1;
const LEAD_GROUP = 2;

// Code-unit classes of the BMP, from the same definitions terms.ts uses (Script=Han, a-z, 0-9).
const CLASS_OF = (() => {
  const table = new Uint8Array(0x10000);
  const han = /\p{Script=Han}/u;
  for (let c = 0; c < 0x10000; c += 1) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (c >= 0x61 && c <= 0x7a) table[c] = LATIN;
    else if (c >= 0x30 && c <= 0x39) table[c] = DIGIT;
    else if (han.test(String.fromCharCode(c))) table[c] = HAN;
  }
  return table;
})();
const ASTRAL = /[\ud800-\udfff]/;

/** Unique per n-gram of up to three BMP code units (Han code units are all above 0). */
function pack(text: string, start: number, n: number): number {
  let key = 0;
  for (let i = 0; i < n; i += 1) key = key * 0x10000 + text.charCodeAt(start + i);
  return key;
}

export class TextRowBuilder {
  private readonly packed: Map<number, number>[];
  private readonly fast: boolean;

  constructor(
    private readonly vectorizer: GroupedTfidf,
    private readonly options: TermOptions,
  ) {
    this.fast = options.charMaxN <= PACKED_MAX_N;
    const { terms, groups } = vectorizer.toState();
    this.packed = [new Map(), new Map(), new Map()];
    terms.forEach((key, i) => {
      const group = groups[i]!;
      const term = key.slice(1);
      if (group === WORD_GROUP || term.length > PACKED_MAX_N || ASTRAL.test(term)) return;
      if (![...term].every((ch) => CLASS_OF[ch.charCodeAt(0)] === HAN)) return;
      this.packed[group]!.set(pack(term, 0, term.length), i);
    });
  }

  public row(normalized: string): SparseVector {
    const { options, vectorizer } = this;
    const text = normalized.length > options.maxChars ? normalized.slice(0, options.maxChars) : normalized;
    if (!this.fast || ASTRAL.test(text)) return vectorizer.transform(termsOf(normalized, options));
    const counter = vectorizer.counter();
    if (vectorizer.uses(CHAR_GROUP)) this.countCharGrams(text, text.length, CHAR_GROUP, counter);
    if (options.words && vectorizer.uses(WORD_GROUP)) {
      const wordText = options.wordMaxChars > 0 && text.length > options.wordMaxChars ? text.slice(0, options.wordMaxChars) : text;
      for (const word of wordTerms(wordText, options.wordBigrams)) {
        const i = vectorizer.lookup(WORD_GROUP, word);
        if (i !== undefined) counter.add(i);
      }
    }
    if (options.leadChars > 0 && vectorizer.uses(LEAD_GROUP)) {
      this.countCharGrams(text, Math.min(options.leadChars, text.length), LEAD_GROUP, counter);
    }
    return counter.finish();
  }

  /** Han runs → packed 1..n-grams; Latin runs → the run; digit runs → '#' (as terms.ts does). */
  private countCharGrams(text: string, end: number, group: number, counter: FeatureCounter): void {
    const packed = this.packed[group]!;
    const maxN = this.options.charMaxN;
    let start = 0;
    while (start < end) {
      const kind = CLASS_OF[text.charCodeAt(start)]!;
      let stop = start + 1;
      if (kind === 0) {
        start = stop;
        continue;
      }
      while (stop < end && CLASS_OF[text.charCodeAt(stop)] === kind) stop += 1;
      if (kind === HAN) {
        for (let n = 1; n <= maxN; n += 1) {
          for (let i = start; i + n <= stop; i += 1) {
            const feature = packed.get(pack(text, i, n));
            if (feature !== undefined) counter.add(feature);
          }
        }
      } else {
        const feature = this.vectorizer.lookup(group, kind === DIGIT ? '#' : text.slice(start, stop));
        if (feature !== undefined) counter.add(feature);
      }
      start = stop;
    }
  }
}
