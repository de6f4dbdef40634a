/**
 * One ranked list of candidate departments from two opinions: the catalogue's (category scores →
 * lead units, router/catalogue.ts) and the text classifier's (trained on which unit handled past
 * tickets). Scores are a weighted average of the two probabilities; when the two disagree on the
 * first choice, both first choices stay in the list with each opinion's score, so the agent sees
 * the disagreement instead of a silent winner. Pure: labels are department codes, names come from
 * the live catalogue, and codes it does not know are dropped.
 */
export interface DepartmentOpinion {
  code: string;
  score: number;
}

export interface RankedDepartment {
  code: string;
  name: string;
  /** Weighted average of the two opinions. */
  score: number;
  /** Each opinion's own probability for this unit (0 when it did not name it). */
  byCatalogue: number;
  byText: number;
}

export interface DepartmentRanking {
  departments: RankedDepartment[];
  /** Both opinions put the same unit first (or only one opinion was given). */
  agree: boolean;
}

export interface RankingOptions {
  /** Weight of the text classifier; the catalogue gets the rest. @defaultValue 0.5 */
  textWeight: number;
  /** @defaultValue 3 */
  limit: number;
}

const DEFAULTS: RankingOptions = { textWeight: 0.5, limit: 3 };

export function rankDepartments(
  catalogue: readonly DepartmentOpinion[],
  text: readonly DepartmentOpinion[],
  nameOf: (code: string) => string | undefined,
  options: Partial<RankingOptions> = {},
): DepartmentRanking {
  const { limit } = { ...DEFAULTS, ...options };
  const live = (opinion: readonly DepartmentOpinion[]) => opinion.filter(({ code }) => nameOf(code) !== undefined);
  const fromCatalogue = live(catalogue);
  const fromText = live(text);
  // Without one opinion the other is the answer: no weight is spent on an empty list.
  const textWeight = fromText.length === 0 ? 0 : fromCatalogue.length === 0 ? 1 : { ...DEFAULTS, ...options }.textWeight;
  const byCatalogue = new Map(fromCatalogue.map(({ code, score }) => [code, score]));
  const byText = new Map(fromText.map(({ code, score }) => [code, score]));
  const ranked = [...new Set([...byCatalogue.keys(), ...byText.keys()])]
    .map((code) => {
      const c = byCatalogue.get(code) ?? 0;
      const t = byText.get(code) ?? 0;
      return { code, name: nameOf(code)!, score: (1 - textWeight) * c + textWeight * t, byCatalogue: c, byText: t };
    })
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  const firsts = [best(fromCatalogue), best(fromText)].filter((code): code is string => code !== undefined);
  const agree = new Set(firsts).size <= 1;
  const shown = ranked.slice(0, limit);
  for (const code of firsts) {
    if (!shown.some((entry) => entry.code === code)) shown.push(ranked.find((entry) => entry.code === code)!);
  }
  return { departments: shown, agree };
}

function best(opinion: readonly DepartmentOpinion[]): string | undefined {
  return [...opinion].sort((a, b) => b.score - a.score)[0]?.code;
}
