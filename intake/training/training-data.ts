/**
 * What models learn from: the seed catalogue's examples, the agents' decisions (every confirmed
 * ticket) and files admins import. Labels must be live categories: a retired category is not learned.
 * Agents' decisions also carry request type, urgency and department, which the auxiliary models learn.
 */
import type { Database } from '../../core/db/database.js';
import { InvalidDataError } from '../../core/errors/index.js';
import { parseDataset, type DatasetFormat } from '../../nlu/dataset.js';
import { REQUEST_TYPES, URGENCIES, type RequestTypeCode, type UrgencyCode } from '../../nlu/index.js';
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

/** The names hotline staff use, beside the codes (DOMAIN.md §2). */
const REQUEST_TYPE_NAMES: Record<string, RequestTypeCode> = {
  咨询: 'CONSULT',
  求助: 'HELP',
  投诉: 'COMPLAINT',
  举报: 'REPORT',
  建议: 'SUGGEST',
  表扬: 'PRAISE',
  其他: 'OTHER',
};
const URGENCY_NAMES: Record<string, UrgencyCode> = {
  特急: 'EXTRA_URGENT',
  紧急: 'URGENT',
  较急: 'PRIORITY',
  一般: 'NORMAL',
  复杂疑难: 'COMPLEX',
};

/**
 * Imports labelled texts as IMPORT examples: the category always, and request type, urgency and lead
 * unit where the file has them (an old system's decisions teach the auxiliary models from day one).
 * All or nothing: every line with a problem is named and nothing is stored.
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
  const catalogue = deps.catalogue.current();
  const resolve = labelResolver(catalogue);
  const department = departmentResolver(catalogue);
  const problems: { line: number; message: string }[] = [];
  const rows = parsed.value.flatMap((row) => {
    const code = resolve(row.label);
    const requestType =
      row.requestType === undefined ? undefined : oneOf(row.requestType, REQUEST_TYPES, REQUEST_TYPE_NAMES, 'a request type');
    const urgency = row.urgency === undefined ? undefined : oneOf(row.urgency, URGENCIES, URGENCY_NAMES, 'an urgency');
    const unit = row.department === undefined ? undefined : department(row.department);
    const found = [code, requestType, urgency, unit].filter((value) => typeof value === 'object') as { problem: string }[];
    if (found.length > 0) {
      for (const { problem } of found) problems.push({ line: row.line, message: problem });
      return [];
    }
    return [
      {
        text: row.text,
        categoryCode: code as string,
        ...(requestType ? { requestType: requestType as RequestTypeCode } : {}),
        ...(urgency ? { urgency: urgency as UrgencyCode } : {}),
        ...(unit ? { departmentCode: unit as string } : {}),
        source: 'IMPORT' as const,
        createdById: actor.userId,
      },
    ];
  });
  if (problems.length > 0) {
    throw new InvalidDataError('some lines have labels that are not live categories, departments or known values; nothing was imported', {
      details: problems.slice(0, 20),
    });
  }
  await deps.db.prisma.trainingExample.createMany({ data: rows });
  const perCategory: Record<string, number> = {};
  for (const row of rows) perCategory[row.categoryCode] = (perCategory[row.categoryCode] ?? 0) + 1;
  return {
    imported: rows.length,
    perCategory,
    withRequestType: rows.filter((row) => row.requestType).length,
    withUrgency: rows.filter((row) => row.urgency).length,
    withDepartment: rows.filter((row) => row.departmentCode).length,
  };
}

/** A code (any case) or its Chinese name. */
function oneOf<T extends string>(value: string, codes: readonly T[], names: Record<string, T>, what: string): T | { problem: string } {
  const upper = value.toUpperCase() as T;
  if (codes.includes(upper)) return upper;
  return names[value] ?? { problem: `"${value}" is not ${what} (${codes.join(', ')} or ${Object.keys(names).join(' ')})` };
}

/** A live unit's code, or the exact name of exactly one. */
const departmentResolver = (catalogue: Catalogue) =>
  codeOrName(catalogue.listDepartments(), (code) => catalogue.department(code) !== undefined, ['department', 'departments']);

/** A label is a category code, or the exact name of exactly one live category. */
const labelResolver = (catalogue: Catalogue) =>
  codeOrName(catalogue.listCategories(), (code) => catalogue.get(code) !== undefined, ['category', 'categories']);

function codeOrName(
  items: readonly { code: string; name: string }[],
  isCode: (value: string) => boolean,
  [one, many]: [string, string],
): (value: string) => string | { problem: string } {
  const byName = new Map<string, string[]>();
  for (const item of items) byName.set(item.name, [...(byName.get(item.name) ?? []), item.code]);
  return (value) => {
    if (isCode(value)) return value;
    const codes = byName.get(value) ?? [];
    if (codes.length === 1) return codes[0]!;
    if (codes.length > 1) return { problem: `"${value}" names several ${many} (${codes.join(', ')}); use the code` };
    return { problem: `"${value}" is neither the code nor the name of a live ${one}` };
  };
}
