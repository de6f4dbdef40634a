/**
 * Recent tickets held in memory, for "what else was reported about this?" at intake: ranked similar
 * reports with their text, place and time components, a duplicate verdict per pair (并单 candidates),
 * and clusters of many reports about one thing (hot spots). Pure: no database, no clock — callers
 * pass the reports and the times, and evict what has left the window.
 */
import { type ClusterOptions, type ReportCluster, clusterReports } from './clusters.js';
import { type SimilarityOptions, type SimilarityOptionsInput, type VerdictOptions, resolveOptions } from './options.js';
import { matchPlaces } from './place-match.js';
import { type Places, extractPlaces } from './places.js';
import type { Prepared } from './prepared.js';
import { termBag } from './terms.js';
import { TfidfIndex, sparseCosine } from './tfidf-index.js';
import { type Report, type SimilarReport, type SimilarityComponents, parseReport } from './types.js';
import { decideVerdict } from './verdict.js';

export interface SimilarQueryOptions {
  /** How many results. @defaultValue 10 */
  k?: number;
  /** Only reports within this many days of the query, either side. @defaultValue 30 */
  windowDays?: number;
}

const HOUR = 3_600_000;

export class SimilarityIndex {
  private readonly options: SimilarityOptions;
  private readonly text: TfidfIndex;
  private readonly entries = new Map<string, Prepared>();

  constructor(options: SimilarityOptionsInput = {}) {
    this.options = resolveOptions(options);
    this.text = new TfidfIndex(this.options.idfRefreshRatio);
  }

  public get size(): number {
    return this.entries.size;
  }

  public has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Adds a report, replacing one with the same id. Throws `InvalidReportError` on a malformed report. */
  public add(input: Report): void {
    this.insert(input, false);
  }

  /** Loads many reports (e.g. the last 30 days at start-up), estimating IDF once at the end. */
  public addMany(inputs: Iterable<Report>): void {
    for (const input of inputs) this.insert(input, true);
    this.text.refresh();
  }

  public remove(id: string): boolean {
    this.text.remove(id);
    return this.entries.delete(id);
  }

  /** Drops every report received before `cutoff`; returns how many went. */
  public evictBefore(cutoff: Date): number {
    const old = [...this.entries.values()].filter((entry) => entry.at < cutoff.getTime());
    for (const entry of old) this.remove(entry.report.id);
    return old.length;
  }

  /** The `k` most similar reports to `query` (which need not be in the index), best first. */
  public similar(query: Report, { k = 10, windowDays = 30 }: SimilarQueryOptions = {}): SimilarReport[] {
    const prepared = this.prepare(query);
    const window = windowDays * 24 * HOUR;
    return this.neighbours(prepared, (other) => Math.abs(other.at - prepared.at) <= window)
      .map((other) => this.compare(prepared, other))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, k);
  }

  /** The reports in the window that are likely the same incident as `query`. */
  public duplicatesOf(query: Report, options: SimilarQueryOptions = {}): SimilarReport[] {
    return this.similar(query, { k: Number.MAX_SAFE_INTEGER, ...options }).filter((r) => r.verdict.kind === 'duplicate');
  }

  /** Similarity and verdict of two reports, weighted with the index's current IDF. */
  public compareReports(a: Report, b: Report): SimilarReport {
    return this.compare(this.prepare(a), this.prepare(b));
  }

  /** Groups of reports about one thing, received between `from` and `to`. */
  public clusters(options: ClusterOptions): ReportCluster[] {
    const from = options.from.getTime();
    const to = options.to.getTime();
    const members = [...this.entries.values()].filter((entry) => entry.at >= from && entry.at <= to);
    const verdict: VerdictOptions = {
      ...this.options.verdict,
      maxDuplicateGapHours: options.linkGapHours ?? (to - from) / HOUR,
    };
    return clusterReports(members, options, {
      // Shared rare n-grams only, even with vectors: a month of reports cannot be compared all against all.
      neighbours: (entry) => this.neighbours(entry, (other) => other.at >= from && other.at <= to, { byVector: false }),
      linked: (a, b) => {
        const components = this.components(a, b);
        const categories: [string | undefined, string | undefined] = [a.report.categoryCode, b.report.categoryCode];
        return decideVerdict({ components, categories }, verdict).kind === 'duplicate' ? components.text : undefined;
      },
    });
  }

  private insert(input: Report, deferRefresh: boolean): void {
    const report = parseReport(input);
    const places = extractPlaces(report.text, report.locationText);
    const doc = this.text.add(report.id, termBag(report.text, placeNames(places)), deferRefresh);
    this.entries.set(report.id, {
      report,
      at: report.at.getTime(),
      // The document's weights are re-computed when IDF is refreshed; keep a live view of them.
      get terms() {
        return { ids: doc.ids, weights: doc.weights };
      },
      places,
      vector: this.options.vectorOf?.(report),
    });
  }

  private prepare(input: Report): Prepared {
    const report = parseReport(input);
    const places = extractPlaces(report.text, report.locationText);
    return {
      report,
      at: report.at.getTime(),
      terms: this.text.weigh(termBag(report.text, placeNames(places))),
      places,
      vector: this.options.vectorOf?.(report),
    };
  }

  /**
   * Candidates sharing a rare n-gram with `query`; with external vectors (unless `byVector` is false),
   * every report in the window, as vectors find reports worded differently.
   */
  private neighbours(query: Prepared, accept: (other: Prepared) => boolean, { byVector = true } = {}): Prepared[] {
    const acceptOther = (other: Prepared | undefined): other is Prepared =>
      other !== undefined && other.report.id !== query.report.id && accept(other);
    if (query.vector && byVector) return [...this.entries.values()].filter(acceptOther);
    return this.text
      .candidates(query.terms, this.options.candidateTerms, (doc) => acceptOther(this.entries.get(doc.key)))
      .map((doc) => this.entries.get(doc.key)!);
  }

  private compare(query: Prepared, other: Prepared): SimilarReport {
    const components = this.components(query, other);
    const categories: [string | undefined, string | undefined] = [query.report.categoryCode, other.report.categoryCode];
    return {
      id: other.report.id,
      score: this.rankScore(components),
      components,
      verdict: decideVerdict({ components, categories }, this.options.verdict),
    };
  }

  private components(a: Prepared, b: Prepared): SimilarityComponents {
    const tfidf = sparseCosine(a.terms, b.terms);
    const vector = a.vector && b.vector?.length === a.vector.length ? denseCosine(a.vector, b.vector) : undefined;
    const w = this.options.vectorWeight;
    const timeGapHours = Math.abs(a.at - b.at) / HOUR;
    return {
      text: vector === undefined ? tfidf : (1 - w) * tfidf + w * vector,
      tfidf,
      ...(vector === undefined ? {} : { vector }),
      place: matchPlaces(
        { lat: a.report.lat, lng: a.report.lng, places: a.places },
        { lat: b.report.lat, lng: b.report.lng, places: b.places },
        this.options.place,
      ),
      timeGapHours,
      time: Math.exp(-timeGapHours / this.options.timeScaleHours),
    };
  }

  private rankScore({ text, place, time }: SimilarityComponents): number {
    const { weights } = this.options;
    const placeWeight = place.score === null ? 0 : weights.place;
    const total = weights.text + placeWeight + weights.time;
    return (weights.text * text + placeWeight * (place.score ?? 0) + weights.time * time) / total;
  }
}

function placeNames(places: Places): string[] {
  return [...places.spots, ...places.areas];
}

function denseCosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? Math.max(0, dot / Math.sqrt(na * nb)) : 0;
}
