/**
 * First-start data: suqiu's default category tree, the demo city's departments, the category →
 * department mapping and the catalogue's example texts as SEED training examples. Runs only on an
 * empty catalogue, so a jurisdiction's own edits are never overwritten.
 */
import { createHash } from 'node:crypto';

import type { Database, Tx } from '../../core/db/database.js';
import { DEFAULT_CATEGORIES } from './catalogue/categories.js';
import { DEMO_DEPARTMENTS } from './catalogue/departments.js';
import type { SeedCategory, SeedDepartment } from './catalogue/types.js';

export interface SeedCatalogue {
  categories: readonly SeedCategory[];
  departments: readonly SeedDepartment[];
}

export const DEFAULT_CATALOGUE: SeedCatalogue = { categories: DEFAULT_CATEGORIES, departments: DEMO_DEPARTMENTS };

export function flattenCategories(
  categories: readonly SeedCategory[],
  parent?: SeedCategory,
): { category: SeedCategory; parent?: SeedCategory; level: number }[] {
  return categories.flatMap((category) => [
    { category, parent, level: parent ? parent.code.split('.').length + 1 : 1 },
    ...flattenCategories(category.children ?? [], category),
  ]);
}

/** Texts that teach the model each category: its examples, its description and its keywords. */
export function seedTrainingTexts(catalogue: SeedCatalogue): { text: string; label: string }[] {
  return flattenCategories(catalogue.categories).flatMap(({ category }) => [
    ...category.examples.map((text) => ({ text, label: category.code })),
    { text: `${category.name} ${category.description}`, label: category.code },
    { text: category.keywords.join(' '), label: category.code },
  ]);
}

/** Identifies the seed data, so the seed model's version changes only when the data does. */
export function catalogueFingerprint(catalogue: SeedCatalogue): string {
  return createHash('sha256').update(JSON.stringify(catalogue)).digest('hex').slice(0, 12);
}

/** Returns false when a catalogue already exists (nothing is changed then). */
export async function seedCatalogue(db: Database, catalogue: SeedCatalogue = DEFAULT_CATALOGUE): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Serialise concurrent first starts (web and worker processes) on one lock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('suqiu_seed'))`;
    if ((await tx.category.count()) > 0) return false;
    const departmentIds = await insertDepartments(tx, catalogue.departments);
    await insertCategories(tx, catalogue.categories, departmentIds);
    await tx.trainingExample.createMany({
      data: seedTrainingTexts(catalogue).map(({ text, label }) => ({ text, categoryCode: label, source: 'SEED' as const })),
    });
    return true;
  });
}

async function insertDepartments(tx: Tx, departments: readonly SeedDepartment[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const pending = [...departments];
  // Parents first: repeat passes until every department whose parent exists is inserted.
  while (pending.length > 0) {
    const ready = pending.filter((d) => !d.parent || ids.has(d.parent));
    if (ready.length === 0) throw new Error(`departments with unknown parents: ${pending.map((d) => d.code).join(', ')}`);
    for (const d of ready) {
      const row = await tx.department.create({
        data: { code: d.code, name: d.name, nameEn: d.nameEn, level: d.level, parentId: d.parent ? ids.get(d.parent) : undefined },
        select: { id: true },
      });
      ids.set(d.code, row.id);
      pending.splice(pending.indexOf(d), 1);
    }
  }
  return ids;
}

async function insertCategories(tx: Tx, categories: readonly SeedCategory[], departmentIds: Map<string, string>): Promise<void> {
  const ids = new Map<string, string>();
  for (const [index, { category, parent, level }] of flattenCategories(categories).entries()) {
    const row = await tx.category.create({
      data: {
        code: category.code,
        name: category.name,
        nameEn: category.nameEn,
        level,
        parentId: parent ? ids.get(parent.code) : undefined,
        description: category.description,
        keywords: category.keywords,
        sortOrder: index,
      },
      select: { id: true },
    });
    ids.set(category.code, row.id);
    const links = category.departments.map((code, rank) => {
      const departmentId = departmentIds.get(code);
      if (!departmentId) throw new Error(`category ${category.code} names unknown department ${code}`);
      return { categoryId: row.id, departmentId, rank };
    });
    if (links.length > 0) await tx.categoryDepartment.createMany({ data: links });
  }
}
