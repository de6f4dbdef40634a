/**
 * An inverted TF-IDF index over the reports currently held, with IDF learned from those reports.
 *
 * IDF moves as reports come and go. Re-weighting every document on every change would make an
 * insert cost the whole index, so IDF is a snapshot of document frequencies, re-taken when the
 * number of documents has drifted by `refreshRatio`; between snapshots documents and queries are
 * weighted by the same snapshot, so scores are exact cosines under that IDF (terms unseen at the
 * snapshot get the highest IDF). Removal marks a document dead; its postings go at the next snapshot.
 * Terms get dense integer ids so document frequencies and the snapshot are flat typed arrays; the
 * vocabulary (characters and character pairs) is bounded, so it is never shrunk.
 */
import type { TermBag } from './terms.js';

/** An L2-normalised sparse vector with ascending term ids. */
export interface WeightedTerms {
  ids: Uint32Array;
  weights: Float32Array;
}

export interface TfidfDoc {
  readonly key: string;
  /** Sorted term ids and their sublinear term frequencies. */
  readonly ids: Uint32Array;
  readonly tf: Float32Array;
  /** TF-IDF weights under the current snapshot, parallel to `ids`. */
  weights: Float32Array;
  alive: boolean;
}

const POSITIONS = 2 ** 20;

export class TfidfIndex {
  private readonly docs = new Map<string, TfidfDoc>();
  private readonly vocabulary = new Map<string, number>();
  private df = new Int32Array(1024);
  private postings: TfidfDoc[][] = [];
  private snapshotDf = new Int32Array(0);
  private snapshotN = 0;
  private dead = 0;

  constructor(private readonly refreshRatio: number) {}

  public get size(): number {
    return this.docs.size;
  }

  /** Adds (or replaces) a document; `deferRefresh` for bulk loads, which call `refresh()` once at the end. */
  public add(key: string, bag: TermBag, deferRefresh = false): TfidfDoc {
    this.remove(key);
    const { ids, tf } = this.sortedIds(bag);
    const doc: TfidfDoc = { key, ids, tf, weights: new Float32Array(0), alive: true };
    this.docs.set(key, doc);
    for (const id of ids) {
      this.df[id]! += 1;
      this.postings[id]!.push(doc);
    }
    doc.weights = this.weights(doc.ids, doc.tf);
    if (!deferRefresh) this.refreshIfDrifted();
    return doc;
  }

  public remove(key: string): boolean {
    const doc = this.docs.get(key);
    if (!doc) return false;
    doc.alive = false;
    this.dead += 1;
    this.docs.delete(key);
    for (const id of doc.ids) this.df[id]! -= 1;
    this.refreshIfDrifted();
    return true;
  }

  /**
   * Weights a bag that is not in the index (a query). Terms the index has never seen still count
   * in the norm — they make the query less like everything — but cannot match, so they get no id.
   */
  public weigh(bag: TermBag): WeightedTerms {
    const known: [number, number][] = [];
    let norm = 0;
    bag.terms.forEach((term, k) => {
      const id = this.vocabulary.get(term);
      const w = bag.tf[k]! * this.idf(id ?? Number.MAX_SAFE_INTEGER);
      norm += w * w;
      if (id !== undefined) known.push([id, w]);
    });
    known.sort((a, b) => a[0] - b[0]);
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return { ids: Uint32Array.from(known, ([id]) => id), weights: Float32Array.from(known, ([, w]) => w * scale) };
  }

  /**
   * Documents sharing at least one of the query's `limit` highest-weighted terms that some live
   * document has. Rare terms carry the weight and have short postings; a document sharing only
   * common terms would score too low to matter.
   */
  public candidates(query: WeightedTerms, limit: number, accept: (doc: TfidfDoc) => boolean): TfidfDoc[] {
    const order = Array.from(query.ids.keys())
      .filter((k) => this.df[query.ids[k]!]! > 0)
      .sort((a, b) => query.weights[b]! - query.weights[a]!)
      .slice(0, limit);
    const found = new Set<TfidfDoc>();
    for (const k of order) {
      for (const doc of this.postings[query.ids[k]!]!) {
        if (doc.alive && !found.has(doc) && accept(doc)) found.add(doc);
      }
    }
    return [...found];
  }

  public refresh(): void {
    this.snapshotDf = this.df.slice(0, this.vocabulary.size);
    this.snapshotN = this.docs.size;
    for (const doc of this.docs.values()) doc.weights = this.weights(doc.ids, doc.tf);
    if (this.dead > 0) {
      this.postings = this.postings.map((list) => list.filter((doc) => doc.alive));
      this.dead = 0;
    }
  }

  /**
   * Interns the bag's terms and sorts them by id. Each (id, position) pair is packed into one
   * float64 (id · 2^20 + position, exact below 2^53) so a native typed-array sort does the work;
   * a report has far fewer than 2^20 distinct terms.
   */
  private sortedIds(bag: TermBag): { ids: Uint32Array; tf: Float32Array } {
    const packed = Float64Array.from(bag.terms, (term, k) => this.intern(term) * POSITIONS + k).sort();
    const ids = new Uint32Array(packed.length);
    const tf = new Float32Array(packed.length);
    packed.forEach((value, i) => {
      ids[i] = Math.floor(value / POSITIONS);
      tf[i] = bag.tf[value % POSITIONS]!;
    });
    return { ids, tf };
  }

  private intern(term: string): number {
    let id = this.vocabulary.get(term);
    if (id === undefined) {
      id = this.vocabulary.size;
      this.vocabulary.set(term, id);
      this.postings.push([]);
      if (id >= this.df.length) {
        const grown = new Int32Array(this.df.length * 2);
        grown.set(this.df);
        this.df = grown;
      }
    }
    return id;
  }

  private weights(ids: Uint32Array, tf: Float32Array): Float32Array {
    const weights = Float32Array.from(ids, (id, k) => tf[k]! * this.idf(id));
    let norm = 0;
    for (const w of weights) norm += w * w;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < weights.length; k += 1) weights[k]! *= scale;
    return weights;
  }

  private idf(id: number): number {
    const df = id < this.snapshotDf.length ? this.snapshotDf[id]! : 0;
    return Math.log((1 + this.snapshotN) / (1 + df)) + 1;
  }

  private refreshIfDrifted(): void {
    if (Math.abs(this.docs.size - this.snapshotN) > this.refreshRatio * this.snapshotN) this.refresh();
  }
}

/** Cosine of two L2-normalised sparse vectors with ascending ids (a merge, no allocation). */
export function sparseCosine(a: WeightedTerms, b: WeightedTerms): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) {
      dot += a.weights[i]! * b.weights[j]!;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return Math.min(1, Math.max(0, dot));
}
