/**
 * Small keyword rule sets for fields that have no trained model yet. Each rule adds its weight to
 * a value when one of its patterns matches; scores are normalised into a distribution so they read
 * like a model's output, and a default value keeps a floor when nothing matches.
 */
export interface KeywordRule<V extends string> {
  value: V;
  weight: number;
  patterns: RegExp[];
}

export interface RuleScore<V extends string> {
  value: V;
  score: number;
}

export function scoreRules<V extends string>(text: string, rules: KeywordRule<V>[], fallback: V, floor = 1): RuleScore<V>[] {
  const totals = new Map<V, number>([[fallback, floor]]);
  for (const rule of rules) {
    const hits = rule.patterns.filter((pattern) => pattern.test(text)).length;
    if (hits > 0) totals.set(rule.value, (totals.get(rule.value) ?? 0) + rule.weight * hits);
  }
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals.entries()].map(([value, total]) => ({ value, score: total / sum })).sort((a, b) => b.score - a.score);
}
