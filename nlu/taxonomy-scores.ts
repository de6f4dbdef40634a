/** Scores of a model's labels placed in the live category tree: shared by every category classifier. */
import type { CategoryScore, Taxonomy } from './types.js';

/** A label the live tree no longer has is dropped (undefined); otherwise its path from the first level. */
export function toCategoryScore(code: string, score: number, taxonomy: Taxonomy): CategoryScore | undefined {
  const entry = taxonomy.get(code);
  if (!entry) return undefined;
  const path = [code];
  // The guard against a cycle: a tree edited by hand must not hang the worker.
  for (let parent = entry.parentCode; parent && !path.includes(parent); parent = taxonomy.get(parent)?.parentCode) path.unshift(parent);
  return { code, name: entry.name, level: entry.level, score, path };
}

/** First-level categories with the summed probability of their descendants, best first. */
export function groupByFirstLevel(scores: readonly CategoryScore[], taxonomy: Taxonomy, limit = 3): CategoryScore[] {
  const sums = new Map<string, number>();
  for (const entry of scores) sums.set(entry.path[0]!, (sums.get(entry.path[0]!) ?? 0) + entry.score);
  return [...sums.entries()]
    .map(([code, score]) => ({ code, name: taxonomy.get(code)?.name ?? code, level: 1, score, path: [code] }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
