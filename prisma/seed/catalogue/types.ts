/**
 * Shapes of suqiu's built-in demo catalogue: the default category tree (DOMAIN.md §5), the demo
 * city's departments and the category → department mapping (a first 派单目录).
 *
 * A jurisdiction replaces all of this with its own data; nothing in the code depends on these codes.
 */

export type DepartmentLevel = 'CITY' | 'DISTRICT' | 'STREET';

export interface SeedDepartment {
  /** Stable code, upper-case ASCII with `-` separators, e.g. `CITY-HOUSING`, `D01-S02`. */
  code: string;
  /** Chinese name as citizens and agents see it, e.g. `市住房和城乡建设局`. */
  name: string;
  nameEn: string;
  level: DepartmentLevel;
  /** Code of the parent department; absent for city-level units. */
  parent?: string;
}

export interface SeedCategory {
  /** `URBAN` for a first-level category, `URBAN.SANITATION` for a second-level one. */
  code: string;
  name: string;
  nameEn: string;
  /** One sentence in Chinese: what belongs here (shown to agents, used as training text). */
  description: string;
  /** Words citizens use for this kind of problem; used as weak training signal. */
  keywords: string[];
  /** Department codes responsible; the first is the default lead unit. */
  departments: string[];
  /** Original, realistic citizen messages in Chinese (written for suqiu, not copied from any data set). */
  examples: string[];
  children?: SeedCategory[];
}
