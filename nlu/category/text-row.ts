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

/**
 * Open-addressing table from up to three BMP code units to a feature index. Keys are the code units
 * themselves (0 for a shorter n-gram's missing units; Han code units are never 0), so a lookup is small
 * integer arithmetic with no string or heap number allocated.
 */
class GramTable {
  private readonly mask: number;
  private readonly a: Uint16Array;
  private readonly b: Uint16Array;
  private readonly c: Uint16Array;
  private readonly value: Int32Array;

  constructor(entries: number) {
    let capacity = 16;
    while (capacity < entries * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.a = new Uint16Array(capacity);
    this.b = new Uint16Array(capacity);
    this.c = new Uint16Array(capacity);
    this.value = new Int32Array(capacity).fill(-1);
  }

  public set(a: number, b: number, c: number, feature: number): void {
    let slot = hash(a, b, c) & this.mask;
    while (this.value[slot] !== -1 && !(this.a[slot] === a && this.b[slot] === b && this.c[slot] === c)) slot = (slot + 1) & this.mask;
    this.a[slot] = a;
    this.b[slot] = b;
    this.c[slot] = c;
    this.value[slot] = feature;
  }

  /** The feature index, or −1. */
  public get(a: number, b: number, c: number): number {
    let slot = hash(a, b, c) & this.mask;
    for (;;) {
      const feature = this.value[slot]!;
      if (feature === -1 || (this.a[slot] === a && this.b[slot] === b && this.c[slot] === c)) return feature;
      slot = (slot + 1) & this.mask;
    }
  }
}

function hash(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 13);
}

export class TextRowBuilder {
  private readonly packed: GramTable[];
  private readonly fast: boolean;

  constructor(
    private readonly vectorizer: GroupedTfidf,
    private readonly options: TermOptions,
  ) {
    this.fast = options.charMaxN <= PACKED_MAX_N;
    const { terms, groups } = vectorizer.toState();
    const packable = terms.map((key, i) => {
      const term = key.slice(1);
      if (groups[i] === WORD_GROUP || term.length > PACKED_MAX_N || ASTRAL.test(term)) return false;
      return [...term].every((ch) => CLASS_OF[ch.charCodeAt(0)] === HAN);
    });
    this.packed = [0, 1, 2].map((group) => new GramTable(packable.filter((ok, i) => ok && groups[i] === group).length));
    terms.forEach((key, i) => {
      if (!packable[i]) return;
      this.packed[groups[i]!]!.set(key.charCodeAt(1), key.length > 2 ? key.charCodeAt(2) : 0, key.length > 3 ? key.charCodeAt(3) : 0, i);
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
        for (let i = start; i < stop; i += 1) {
          const a = text.charCodeAt(i);
          let feature = packed.get(a, 0, 0);
          if (feature !== -1) counter.add(feature);
          if (maxN < 2 || i + 2 > stop) continue;
          const b = text.charCodeAt(i + 1);
          feature = packed.get(a, b, 0);
          if (feature !== -1) counter.add(feature);
          if (maxN < 3 || i + 3 > stop) continue;
          feature = packed.get(a, b, text.charCodeAt(i + 2));
          if (feature !== -1) counter.add(feature);
        }
      } else {
        const feature = this.vectorizer.lookup(group, kind === DIGIT ? '#' : text.slice(start, stop));
        if (feature !== undefined) counter.add(feature);
      }
      start = stop;
    }
  }
}
