/**
 * Clusters of reports about one thing, for hot-spot alerts: reports are linked when the duplicate
 * rule holds between them (with the time limit widened to the window), and linked reports are
 * grouped by union-find. Each cluster names a representative (the member most similar to the
 * others), the places most members mention, and when the reports came in.
 */
import type { Prepared } from './prepared.js';

export interface ClusterOptions {
  from: Date;
  to: Date;
  /** Smallest cluster returned. @defaultValue 2 */
  minSize?: number;
  /** Longest gap between two linked reports. @defaultValue the whole window */
  linkGapHours?: number;
}

export interface ReportCluster {
  ids: string[];
  size: number;
  representative: { id: string; text: string };
  /** Place names mentioned by at least half of the members (areas when no spot is that common). */
  places: string[];
  from: Date;
  to: Date;
  /** Mean text similarity over the links that formed the cluster. */
  cohesion: number;
  /** Category codes of the members, most frequent first. */
  categories: { code: string; count: number }[];
}

export interface ClusterLinks {
  neighbours(entry: Prepared): Prepared[];
  /** The link strength (text score) when two reports belong together, else undefined. */
  linked(a: Prepared, b: Prepared): number | undefined;
}

interface Edge {
  a: number;
  b: number;
  score: number;
}

export function clusterReports(members: Prepared[], options: ClusterOptions, links: ClusterLinks): ReportCluster[] {
  const position = new Map(members.map((entry, i) => [entry.report.id, i]));
  const edges: Edge[] = [];
  members.forEach((entry, a) => {
    for (const other of links.neighbours(entry)) {
      const b = position.get(other.report.id);
      if (b === undefined || b <= a) continue;
      const score = links.linked(entry, other);
      if (score !== undefined) edges.push({ a, b, score });
    }
  });
  const groups = groupByUnionFind(members.length, edges);
  return [...groups.values()]
    .filter((group) => group.length >= (options.minSize ?? 2))
    .map((group) => summarise(group, members, edges))
    .sort((x, y) => y.size - x.size || x.from.getTime() - y.from.getTime());
}

function groupByUnionFind(n: number, edges: Edge[]): Map<number, number[]> {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const { a, b } of edges) parent[find(a)] = find(b);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i += 1) {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  return groups;
}

function summarise(group: number[], members: Prepared[], edges: Edge[]): ReportCluster {
  const inGroup = new Set(group);
  const own = edges.filter((edge) => inGroup.has(edge.a));
  const strength = new Map<number, number>();
  for (const { a, b, score } of own) {
    strength.set(a, (strength.get(a) ?? 0) + score);
    strength.set(b, (strength.get(b) ?? 0) + score);
  }
  const reports = group.map((i) => members[i]!);
  const best = group.reduce((x, y) => ((strength.get(y) ?? 0) > (strength.get(x) ?? 0) ? y : x));
  const times = reports.map((entry) => entry.at);
  return {
    ids: reports.map((entry) => entry.report.id),
    size: group.length,
    representative: { id: members[best]!.report.id, text: members[best]!.report.text },
    places: commonPlaces(reports),
    from: new Date(Math.min(...times)),
    to: new Date(Math.max(...times)),
    cohesion: own.reduce((sum, edge) => sum + edge.score, 0) / Math.max(1, own.length),
    categories: countCodes(reports.map((entry) => entry.report.categoryCode)),
  };
}

function commonPlaces(reports: Prepared[]): string[] {
  const half = reports.length / 2;
  const frequent = (names: string[][]): string[] =>
    countCodes(names.flat())
      .filter(({ count }) => count >= half)
      .map(({ code }) => code);
  const spots = frequent(reports.map((entry) => entry.places.spots));
  return spots.length > 0 ? spots : frequent(reports.map((entry) => entry.places.areas));
}

function countCodes(codes: (string | undefined)[]): { code: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const code of codes) if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts.entries()].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
}
