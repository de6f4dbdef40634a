/**
 * Knowledge entries from a JSON Lines or CSV file, all or nothing: every line is checked before one
 * row is written, and every bad line is reported with its number. An entry with the same question and
 * language as a stored one updates it, so importing the same file twice changes nothing.
 *
 * Fields: `question`, `answer`, optional `alternates` (a JSON array, or in CSV one cell with the
 * phrasings separated by `|`), `language` (zh or en, default zh), `categoryCode`, `active` (default true).
 */
import type { Database } from '../../core/db/database.js';
import { InvalidDataError } from '../../core/errors/index.js';
import { describeIssues } from '../../core/validation.js';
import { parseRecords, summariseIssues, type DatasetFormat, type DatasetIssue } from '../../nlu/dataset.js';
import { distinctAlternates, unknownCategories } from './entries.js';
import { KNOWLEDGE_FIELDS, knowledgeImportRowSchema, type KnowledgeEntryInput } from './schemas.js';

export interface KnowledgeImport {
  created: number;
  updated: number;
  /** Rows identical to the stored entry: nothing was written for them. */
  unchanged: number;
}

type Row = KnowledgeEntryInput & { line: number };

export async function importKnowledge(db: Database, content: string, format: DatasetFormat, userId?: string): Promise<KnowledgeImport> {
  const rows = await checkedRows(db, content, format);
  return db.transaction(async (tx) => {
    // Two imports at once would both miss each other's new questions and store them twice.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('knowledge-import'))`;
    const stored = await tx.knowledgeEntry.findMany({
      where: { question: { in: [...new Set(rows.map((row) => row.question))] } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, question: true, language: true, alternates: true, answer: true, categoryCode: true, active: true },
    });
    const byKey = new Map<string, (typeof stored)[number]>();
    // Two stored entries with one question (typed twice through the API): the older one is the one updated.
    for (const entry of stored) if (!byKey.has(keyOf(entry))) byKey.set(keyOf(entry), entry);
    const result: KnowledgeImport = { created: 0, updated: 0, unchanged: 0 };
    const fresh: Row[] = [];
    for (const row of rows) {
      const entry = byKey.get(keyOf(row));
      if (!entry) {
        fresh.push(row);
        continue;
      }
      const data = { alternates: row.alternates, answer: row.answer, categoryCode: row.categoryCode ?? null, active: row.active };
      if (sameEntry(entry, data)) {
        result.unchanged += 1;
        continue;
      }
      await tx.knowledgeEntry.update({ where: { id: entry.id }, data });
      result.updated += 1;
    }
    if (fresh.length > 0) {
      await tx.knowledgeEntry.createMany({
        data: fresh.map(({ line: _line, ...row }) => ({
          ...row,
          categoryCode: row.categoryCode ?? null,
          source: 'IMPORT' as const,
          createdById: userId,
        })),
      });
    }
    result.created = fresh.length;
    return result;
  });
}

async function checkedRows(db: Database, content: string, format: DatasetFormat): Promise<Row[]> {
  const records = parseRecords(content, format, ['question', 'answer']);
  if (!records.ok) throw refused(format, records.error);
  const issues: DatasetIssue[] = [];
  const rows: Row[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, value } of records.value) {
    const parsed = knowledgeImportRowSchema.safeParse(format === 'csv' ? fromCsv(value) : value);
    if (!parsed.success) {
      issues.push({ line, message: describeIssues(parsed.error) });
      continue;
    }
    const row = { ...parsed.data, alternates: distinctAlternates(parsed.data.question, parsed.data.alternates), line };
    const earlier = firstLine.get(keyOf(row));
    if (earlier !== undefined) issues.push({ line, message: `the same question as line ${earlier}` });
    else firstLine.set(keyOf(row), line);
    rows.push(row);
  }
  if (rows.length === 0 && issues.length === 0) issues.push({ line: 0, message: 'the file has no rows' });
  const unknown = await unknownCategories(
    db.prisma,
    rows.flatMap((row) => (row.categoryCode ? [row.categoryCode] : [])),
  );
  for (const row of rows) {
    if (row.categoryCode && unknown.has(row.categoryCode)) {
      issues.push({ line: row.line, message: `categoryCode: "${row.categoryCode}" is not the code of a live category` });
    }
  }
  if (issues.length > 0)
    throw refused(
      format,
      issues.sort((a, b) => a.line - b.line),
    );
  return rows;
}

/**
 * A CSV row is all text: an empty cell is an absent field, `a|b` a list, true/false/1/0/yes/no a flag.
 * Headers are matched without case; an unknown header is left as it is, for the schema to name.
 */
function fromCsv(value: unknown): unknown {
  const fields: [string, unknown][] = [];
  for (const [header, cell] of Object.entries(value as Record<string, string>)) {
    if (cell.trim() === '') continue;
    const name = KNOWLEDGE_FIELDS.get(header) ?? header;
    if (name === 'alternates') fields.push([name, cell.split('|')]);
    else if (name === 'active') fields.push([name, FLAGS[cell.trim().toLowerCase()] ?? cell]);
    else fields.push([name, cell]);
  }
  return Object.fromEntries(fields);
}

const FLAGS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false };

function keyOf(entry: { question: string; language: string }): string {
  return `${entry.language}\u0000${entry.question}`;
}

function sameEntry(
  stored: { alternates: string[]; answer: string; categoryCode: string | null; active: boolean },
  row: { alternates: string[]; answer: string; categoryCode: string | null; active: boolean },
): boolean {
  return (
    stored.answer === row.answer &&
    stored.categoryCode === row.categoryCode &&
    stored.active === row.active &&
    stored.alternates.length === row.alternates.length &&
    stored.alternates.every((text, i) => text === row.alternates[i])
  );
}

function refused(format: DatasetFormat, issues: DatasetIssue[]): InvalidDataError {
  return new InvalidDataError(`the ${format.toUpperCase()} file has problems; nothing was imported`, { details: summariseIssues(issues) });
}
