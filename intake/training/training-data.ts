/**
 * What models learn from: the seed catalogue's examples, the agents' decisions (every confirmed
 * ticket) and files admins import. Labels must be live categories: a retired category is not learned.
 * Agents' decisions also carry request type, urgency and department, which the auxiliary models learn.
 */
import type { Database } from '../../core/db/database.js';
import { InvalidDataError } from '../../core/errors/index.js';
import { parseDataset, type DatasetFormat } from '../../nlu/dataset.js';
import type { RequestTypeCode, UrgencyCode } from '../../nlu/index.js';
import type { Catalogue } from '../../router/catalogue.js';

export const TRAINING_SOURCES = ['SEED', 'REVIEW', 'IMPORT'] as const;
export type TrainingSourceName = (typeof TRAINING_SOURCES)[number];

export interface StoredExample {
  id: string;
  text: string;
  label: string;
  /** The agent's decision, on examples that carry one (REVIEW rows); the auxiliary models learn from these. */
  requestType?: RequestTypeCode;
  urgency?: UrgencyCode;
  /** Only when that department is still active: a closed unit is not learned. */
  departmentCode?: string;
}

export async function collectExamples(
  db: Database,
  sources: readonly TrainingSourceName[],
  catalogue: Catalogue,
): Promise<StoredExample[]> {
  const rows = await db.prisma.trainingExample.findMany({
    where: { source: { in: [...sources] } },
    // A stable order: the same data trains the same model.
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, text: true, categoryCode: true, requestType: true, urgency: true, departmentCode: true },
  });
  return rows
    .filter((row) => catalogue.get(row.categoryCode) !== undefined)
    .map((row) => ({
      id: row.id,
      text: row.text,
      label: row.categoryCode,
      ...(row.requestType ? { requestType: row.requestType } : {}),
      ...(row.urgency ? { urgency: row.urgency } : {}),
      ...(row.departmentCode && catalogue.department(row.departmentCode) ? { departmentCode: row.departmentCode } : {}),
    }));
}

/**
 * A JSONL or CSV file of labelled texts, all or nothing: every line is checked (text present, label
 * a live category's code or exact name) before one row is written.
 */
export async function importExamples(
  deps: { db: Database; catalogue: { current(): Catalogue } },
  content: string,
  format: DatasetFormat,
  actor: { userId?: string },
) {
  const parsed = parseDataset(content, format);
  if (!parsed.ok)
    throw new InvalidDataError(`the ${format.toUpperCase()} file has problems; nothing was imported`, { details: parsed.error });
  const resolve = labelResolver(deps.catalogue.current());
  const problems: { line: number; message: string }[] = [];
  const rows = parsed.value.flatMap((row) => {
    const code = resolve(row.label);
    if (typeof code !== 'string') {
      problems.push({ line: row.line, message: code.problem });
      return [];
    }
    return [{ text: row.text, categoryCode: code, source: 'IMPORT' as const, createdById: actor.userId }];
  });
  if (problems.length > 0) {
    throw new InvalidDataError('some labels are not live categories; nothing was imported', { details: problems.slice(0, 20) });
  }
  await deps.db.prisma.trainingExample.createMany({ data: rows });
  const perCategory: Record<string, number> = {};
  for (const row of rows) perCategory[row.categoryCode] = (perCategory[row.categoryCode] ?? 0) + 1;
  return { imported: rows.length, perCategory };
}

/** A label is a category code, or the exact name of exactly one live category. */
function labelResolver(catalogue: Catalogue): (label: string) => string | { problem: string } {
  const byName = new Map<string, string[]>();
  for (const category of catalogue.listCategories()) byName.set(category.name, [...(byName.get(category.name) ?? []), category.code]);
  return (label) => {
    if (catalogue.get(label)) return label;
    const codes = byName.get(label) ?? [];
    if (codes.length === 1) return codes[0]!;
    if (codes.length > 1) return { problem: `"${label}" names several categories (${codes.join(', ')}); use the code` };
    return { problem: `"${label}" is neither the code nor the name of a live category` };
  };
}
