/**
 * An in-memory nearest-neighbour index by cosine similarity, exact (a scan): for similar-ticket
 * search over the open tickets of one hotline, tens of thousands of vectors scan in milliseconds,
 * which an approximate index would not beat by enough to pay for its recall loss and complexity.
 */
import { l2Normalize } from './similarity.js';

export interface Neighbour<K> {
  id: K;
  /** Cosine similarity in [-1, 1]. */
  score: number;
}

export interface SearchOptions<K> {
  /** Leave out results below this similarity. */
  minScore?: number;
  /** Keep only the ids this accepts (e.g. not the ticket being looked at, same district). */
  filter?: (id: K) => boolean;
}

export class VectorIndex<K = string> {
  private readonly ids: K[] = [];
  private readonly rows = new Map<K, number>();
  /** Row-major, one unit vector per row, capacity doubling as rows are added. */
  private data: Float32Array;

  constructor(public readonly dimension: number) {
    if (!Number.isInteger(dimension) || dimension < 1) throw new RangeError(`dimension must be a positive integer, got ${dimension}`);
    this.data = new Float32Array(dimension * 64);
  }

  public get size(): number {
    return this.ids.length;
  }

  public has(id: K): boolean {
    return this.rows.has(id);
  }

  /** Adds a vector, or replaces the one stored under `id`. Stored normalised, so scores are cosines. */
  public upsert(id: K, vector: Float32Array): void {
    this.checkDimension(vector);
    let row = this.rows.get(id);
    if (row === undefined) {
      row = this.ids.length;
      this.grow(row + 1);
      this.ids.push(id);
      this.rows.set(id, row);
    }
    this.data.set(l2Normalize(vector), row * this.dimension);
  }

  /** The last row moves into the freed one, so the data stays dense. */
  public remove(id: K): boolean {
    const row = this.rows.get(id);
    if (row === undefined) return false;
    const last = this.ids.length - 1;
    if (row !== last) {
      const moved = this.ids[last]!;
      this.data.copyWithin(row * this.dimension, last * this.dimension, (last + 1) * this.dimension);
      this.ids[row] = moved;
      this.rows.set(moved, row);
    }
    this.ids.pop();
    this.rows.delete(id);
    return true;
  }

  /** The `k` most similar stored vectors, most similar first. */
  public search(query: Float32Array, k: number, options: SearchOptions<K> = {}): Neighbour<K>[] {
    this.checkDimension(query);
    const unit = l2Normalize(query);
    const minScore = options.minScore ?? -Infinity;
    const best: Neighbour<K>[] = [];
    for (let row = 0; row < this.ids.length && k > 0; row += 1) {
      const score = this.scoreRow(unit, row);
      if (score < minScore || (best.length === k && score <= best[k - 1]!.score)) continue;
      const id = this.ids[row]!;
      if (options.filter && !options.filter(id)) continue;
      insertSorted(best, { id, score }, k);
    }
    return best;
  }

  /** The dot product in place: a subarray per row would allocate on every comparison of a scan. */
  private scoreRow(unit: Float32Array, row: number): number {
    const { data, dimension } = this;
    const offset = row * dimension;
    let sum = 0;
    for (let d = 0; d < dimension; d += 1) sum += unit[d]! * data[offset + d]!;
    return sum;
  }

  private grow(rows: number): void {
    if (rows * this.dimension <= this.data.length) return;
    const bigger = new Float32Array(Math.max(rows, (this.data.length / this.dimension) * 2) * this.dimension);
    bigger.set(this.data);
    this.data = bigger;
  }

  private checkDimension(vector: Float32Array): void {
    if (vector.length !== this.dimension) throw new RangeError(`expected a vector of dimension ${this.dimension}, got ${vector.length}`);
  }
}

/** Keeps `best` sorted by descending score and at most `k` long. */
function insertSorted<K>(best: Neighbour<K>[], item: Neighbour<K>, k: number): void {
  let at = best.length;
  while (at > 0 && best[at - 1]!.score < item.score) at -= 1;
  best.splice(at, 0, item);
  if (best.length > k) best.pop();
}
