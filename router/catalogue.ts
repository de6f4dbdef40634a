/**
 * The live taxonomy and the simplest 派单目录 (category → ranked handling units), loaded from the
 * database into memory. Pure lookups: the department suggestion for a ticket is derived from the
 * category scores, so a corrected category changes the suggested department with it.
 */
import type { Taxonomy, TaxonomyEntry } from '../nlu/types.js';

export interface CatalogueCategory extends TaxonomyEntry {
  /** Department codes, lead unit first. */
  departmentCodes: string[];
}

export interface CatalogueDepartment {
  code: string;
  name: string;
  level: 'CITY' | 'DISTRICT' | 'STREET';
  parentCode?: string;
}

export interface DepartmentScore {
  code: string;
  name: string;
  score: number;
}

export class Catalogue implements Taxonomy {
  private readonly categories: Map<string, CatalogueCategory>;
  private readonly departments: Map<string, CatalogueDepartment>;

  constructor(categories: CatalogueCategory[], departments: CatalogueDepartment[]) {
    this.categories = new Map(categories.map((category) => [category.code, category]));
    this.departments = new Map(departments.map((department) => [department.code, department]));
  }

  public get(code: string): CatalogueCategory | undefined {
    return this.categories.get(code);
  }

  public department(code: string): CatalogueDepartment | undefined {
    return this.departments.get(code);
  }

  /** The lead unit of a category: its own first unit, else the nearest ancestor's. */
  public leadDepartment(categoryCode: string): CatalogueDepartment | undefined {
    for (let category = this.categories.get(categoryCode); category; category = this.parent(category)) {
      const lead = category.departmentCodes.map((code) => this.departments.get(code)).find(Boolean);
      if (lead) return lead;
    }
    return undefined;
  }

  /** Each lead unit scores the summed probability of the categories it leads. */
  public suggestDepartments(scores: { code: string; score: number }[], limit = 3): DepartmentScore[] {
    const totals = new Map<string, DepartmentScore>();
    for (const { code, score } of scores) {
      const lead = this.leadDepartment(code);
      if (!lead) continue;
      const entry = totals.get(lead.code) ?? { code: lead.code, name: lead.name, score: 0 };
      entry.score += score;
      totals.set(lead.code, entry);
    }
    return [...totals.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  }

  public listCategories(): CatalogueCategory[] {
    return [...this.categories.values()];
  }

  public listDepartments(): CatalogueDepartment[] {
    return [...this.departments.values()];
  }

  private parent(category: CatalogueCategory): CatalogueCategory | undefined {
    return category.parentCode ? this.categories.get(category.parentCode) : undefined;
  }
}
