/**
 * TF-IDF cosine between a citizen's question and every way an entry is asked: its question, each
 * alternate, and all of them together (a citizen often mixes the words of two alternates: "外地户口办居住证
 * 要带什么"). An entry scores what its best variant scores. Document frequencies are counted per entry,
 * so an entry that repeats a word in its alternates does not make that word look common. Postings are
 * flat typed arrays and a search adds up only the postings of the query's terms. Immutable once built:
 * a changed knowledge base is a new index.
 */
import { decideBand } from './thresholds.js';
import { knowledgeTerms, mergeTerms, type WeightedTerms } from './terms.js';
import type { KnowledgeDoc, KnowledgeMatch, KnowledgeSearchOptions, KnowledgeSearchResult } from './types.js';

interface EntryMeta {
  id: string;
  question: string;
  language: string;
  /** The question's content words: entries with the same are one question asked twice (see `search`). */
  key: string;
}

type Ranked = KnowledgeMatch & { key: string };

interface Variant {
  entry: number;
  ids: number[];
  weights: Float32Array;
}

export class KnowledgeIndex {
  private constructor(
    private readonly entries: readonly EntryMeta[],
    private readonly vocabulary: ReadonlyMap<string, number>,
    private readonly idf: Float32Array,
    /** The idf of a term no entry has: the rarest possible. */
    private readonly unseenIdf: number,
    /** Variant → entry index. */
    private readonly variantEntry: Int32Array,
    /** Postings of term t: variants `postVariant[postStart[t] .. postStart[t+1])` with their normalised weights. */
    private readonly postStart: Int32Array,
    private readonly postVariant: Int32Array,
    private readonly postWeight: Float32Array,
  ) {}

  /**
   * `options.termCache` keeps each text's terms between builds (text → terms): a knowledge base that
   * rebuilds after every edit then only analyses the texts that changed. Results do not depend on it.
   */
  public static build(docs: readonly KnowledgeDoc[], options: { termCache?: Map<string, WeightedTerms> } = {}): KnowledgeIndex {
    const cache = options.termCache;
    const terms = (text: string): WeightedTerms => {
      let bag = cache?.get(text);
      if (!bag) {
        bag = knowledgeTerms(text);
        cache?.set(text, bag);
      }
      return bag;
    };
    const vocabulary = new Map<string, number>();
    const df: number[] = [];
    const variants: Variant[] = [];
    const intern = (term: string): number => {
      let id = vocabulary.get(term);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(term, id);
        df.push(0);
      }
      return id;
    };
    docs.forEach((doc, entry) => {
      const texts = [...new Set([doc.question, ...doc.alternates].map((text) => text.trim()).filter(Boolean))];
      const bags = texts.map((text) => terms(text));
      if (bags.length > 1) bags.push(mergeTerms(bags));
      const inEntry = new Set<number>();
      for (const bag of bags) {
        if (bag.terms.length === 0) continue;
        const ids = bag.terms.map(intern);
        for (const id of ids) inEntry.add(id);
        variants.push({ entry, ids, weights: bag.weights });
      }
      for (const id of inEntry) df[id]! += 1;
    });
    const n = docs.length;
    const idf = Float32Array.from(df, (count) => Math.log((1 + n) / (1 + count)) + 1);
    const postings = invert(variants, idf, vocabulary.size);
    const keyOf = (doc: KnowledgeDoc) => `${doc.language}:${terms(doc.question.trim()).content.join(' ') || `#${doc.id}`}`;
    return new KnowledgeIndex(
      docs.map((doc) => ({ id: doc.id, question: doc.question, language: doc.language, key: keyOf(doc) })),
      vocabulary,
      idf,
      Math.log(1 + n) + 1,
      Int32Array.from(variants, (variant) => variant.entry),
      postings.start,
      postings.variant,
      postings.weight,
    );
  }

  public get size(): number {
    return this.entries.length;
  }

  /** Every entry that shares a term with the text, best first (equal scores by id, so results are reproducible). */
  public score(text: string, language?: string): KnowledgeMatch[] {
    return this.rank(text, language).ranked.map(withoutKey);
  }

  /**
   * What the bot does with the text: answer, offer the closest entries, or nothing (see `thresholds.ts`).
   * Entries asking the same question (the same content words: an admin's entry and an agent's saved
   * answer to it) are one candidate, the better-scoring one: they are not rivals that make the bot
   * unsure, and a citizen must not be offered the same question twice.
   */
  public search(text: string, options: KnowledgeSearchOptions = {}): KnowledgeSearchResult {
    const { ranked, contentWords } = this.rank(text, options.language);
    const seen = new Set<string>();
    const distinct: KnowledgeMatch[] = [];
    for (const match of ranked) {
      if (seen.has(match.key)) continue;
      seen.add(match.key);
      distinct.push(withoutKey(match));
    }
    return decideBand(distinct, { contentWords, limit: options.limit ?? 3 });
  }

  private rank(text: string, language: string | undefined): { ranked: Ranked[]; contentWords: number } {
    const bag = knowledgeTerms(text);
    const known: [number, number][] = [];
    let norm = 0;
    bag.terms.forEach((term, k) => {
      const id = this.vocabulary.get(term);
      // Words no entry uses still count in the norm: a long story with one shared word is not a match.
      const w = bag.weights[k]! * (id === undefined ? this.unseenIdf : this.idf[id]!);
      norm += w * w;
      if (id !== undefined) known.push([id, w]);
    });
    if (known.length === 0) return { ranked: [], contentWords: bag.content.length };
    const scale = 1 / Math.sqrt(norm);
    const variantScore = new Float32Array(this.variantEntry.length);
    for (const [id, w] of known) {
      const end = this.postStart[id + 1]!;
      for (let at = this.postStart[id]!; at < end; at += 1) variantScore[this.postVariant[at]!]! += w * scale * this.postWeight[at]!;
    }
    const entryScore = new Float32Array(this.entries.length);
    variantScore.forEach((score, v) => {
      const entry = this.variantEntry[v]!;
      if (score > entryScore[entry]!) entryScore[entry] = score;
    });
    const ranked: Ranked[] = [];
    entryScore.forEach((score, e) => {
      const entry = this.entries[e]!;
      if (score <= 0 || (language !== undefined && entry.language !== language)) return;
      // Rounded so that float noise cannot reorder equal entries or move a score across a threshold.
      ranked.push({ id: entry.id, question: entry.question, key: entry.key, score: Math.min(1, Math.round(score * 10_000) / 10_000) });
    });
    ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { ranked, contentWords: bag.content.length };
  }
}

function withoutKey({ id, question, score }: Ranked): KnowledgeMatch {
  return { id, question, score };
}

/** Term → (variant, L2-normalised TF-IDF weight) lists, laid out flat: counting pass, prefix sums, fill. */
function invert(variants: readonly Variant[], idf: Float32Array, terms: number) {
  const start = new Int32Array(terms + 1);
  for (const variant of variants) for (const id of variant.ids) start[id + 1]! += 1;
  for (let t = 0; t < terms; t += 1) start[t + 1]! += start[t]!;
  const next = start.slice(0, terms);
  const variant = new Int32Array(start[terms]!);
  const weight = new Float32Array(variant.length);
  variants.forEach((v, index) => {
    const weights = v.ids.map((id, k) => v.weights[k]! * idf[id]!);
    const scale = 1 / Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0));
    v.ids.forEach((id, k) => {
      const at = next[id]!;
      next[id] = at + 1;
      variant[at] = index;
      weight[at] = weights[k]! * scale;
    });
  });
  return { start, variant, weight };
}
