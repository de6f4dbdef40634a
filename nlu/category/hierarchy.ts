/**
 * Labels are plain strings; an optional parent map turns them into a tree (L1 → L2 → L3). The model
 * predicts the finest labels it was trained on, and a parent's probability is the sum of its
 * children's, so "城乡建设 0.9" can be routed even when no single leaf under it is sure.
 */
export type ParentMap = Readonly<Record<string, string>>;

export interface LevelScore {
  label: string;
  score: number;
  /** Labels from the root down to this one. */
  path: string[];
}

export function pathOf(label: string, parents: ParentMap): string[] {
  const path = [label];
  const seen = new Set(path);
  for (let parent = parents[label]; parent !== undefined && !seen.has(parent); parent = parents[parent]) {
    // A cycle in a hand-edited tree must not hang classification: stop at the first repeat.
    seen.add(parent);
    path.unshift(parent);
  }
  return path;
}

/** Scores of every ancestor (and the labels themselves), each the sum over its descendants, best first per level. */
export function rollUp(scores: readonly { label: string; score: number }[], parents: ParentMap): LevelScore[][] {
  const byLevel: Map<string, LevelScore>[] = [];
  for (const { label, score } of scores) {
    const path = pathOf(label, parents);
    path.forEach((node, depth) => {
      const level = (byLevel[depth] ??= new Map());
      const entry = level.get(node) ?? { label: node, score: 0, path: path.slice(0, depth + 1) };
      entry.score += score;
      level.set(node, entry);
    });
  }
  return byLevel.map((level) => [...level.values()].sort((a, b) => b.score - a.score));
}
