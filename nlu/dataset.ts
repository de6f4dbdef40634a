/**
 * Labelled training files, as admins bring them: JSON Lines or CSV with a header. A row's text is
 * `text`, or `title` + ' ' + `detail`; its label is `label` (a category code or name, resolved by the
 * caller). Optional `requestType`, `urgency` and `department` (an old system's decisions) are passed on
 * as given, for the caller to resolve. Pure: a whole file is checked and every bad line reported, so
 * nothing is imported half-way.
 */
import { err, ok, type Result } from '../core/result.js';

export interface DatasetRow {
  /** 1-based line (JSONL) or record (CSV, header excluded) number, for messages. */
  line: number;
  text: string;
  label: string;
  /** As written in the file (a code or a name); absent when the row has none. */
  requestType?: string;
  urgency?: string;
  department?: string;
}

export interface DatasetIssue {
  line: number;
  message: string;
}

export type DatasetFormat = 'jsonl' | 'csv';

/** One record of a file before its fields are checked: a JSONL line's value, or a CSV row by lower-cased column name. */
export interface DatasetRecord {
  line: number;
  value: unknown;
}

/** More issues than this are summarised: an admin fixes the pattern, not each line. */
const MAX_ISSUES = 20;

export function parseDataset(content: string, format: DatasetFormat): Result<DatasetRow[], DatasetIssue[]> {
  const records = parseRecords(content, format, ['label']);
  if (!records.ok) return records;
  const rows: DatasetRow[] = [];
  const issues: DatasetIssue[] = [];
  for (const { line, value } of records.value) {
    const row = rowOf(value);
    if (typeof row === 'string') issues.push({ line, message: row });
    else rows.push({ line, ...row });
  }
  if (rows.length === 0 && issues.length === 0) issues.push({ line: 0, message: 'the file has no rows' });
  if (issues.length > 0) return err(summariseIssues(issues));
  return ok(rows);
}

/**
 * The records of a JSONL or CSV file (BOM, blank lines, quoted CSV fields handled), every unreadable
 * line reported; `requiredColumns` are CSV header names the file must have. For other importers
 * (knowledge entries) that check their own fields.
 */
export function parseRecords(
  content: string,
  format: DatasetFormat,
  requiredColumns: readonly string[] = [],
): Result<DatasetRecord[], DatasetIssue[]> {
  return format === 'jsonl' ? jsonlRecords(content) : csvRecords(content, requiredColumns);
}

function rowOf(value: unknown): Omit<DatasetRow, 'line'> | string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'expected an object with text (or title and detail) and label';
  const record = value as Record<string, unknown>;
  const field = (name: string) => (typeof record[name] === 'string' ? record[name].trim() : '');
  const text = field('text') || [field('title'), field('detail')].filter(Boolean).join(' ');
  if (!text) return 'no text: give "text", or "title" and/or "detail"';
  const label = typeof record.label === 'number' ? String(record.label) : field('label');
  if (!label) return 'no label';
  // CSV column names arrive lower-cased.
  const requestType = field('requestType') || field('requesttype');
  const urgency = field('urgency');
  const department = field('department') || field('departmentCode') || field('departmentcode');
  return { text, label, ...(requestType ? { requestType } : {}), ...(urgency ? { urgency } : {}), ...(department ? { department } : {}) };
}

function jsonlRecords(content: string): Result<DatasetRecord[], DatasetIssue[]> {
  const records: DatasetRecord[] = [];
  const issues: DatasetIssue[] = [];
  content.split(/\r?\n/).forEach((raw, index) => {
    const text = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!text.trim()) return;
    try {
      records.push({ line: index + 1, value: JSON.parse(text) as unknown });
    } catch {
      issues.push({ line: index + 1, message: 'not valid JSON' });
    }
  });
  return issues.length > 0 ? err(summariseIssues(issues)) : ok(records);
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. The first record names the columns. */
function csvRecords(content: string, requiredColumns: readonly string[]): Result<DatasetRecord[], DatasetIssue[]> {
  const table = parseCsv(content.replace(/^\uFEFF/, ''));
  if (!table.ok) return table;
  const [header, ...body] = table.value;
  if (!header) return ok([]);
  const names = header.map((name) => name.trim().toLowerCase());
  const missing = requiredColumns.find((name) => !names.includes(name));
  if (missing) return err([{ line: 1, message: `the header has no "${missing}" column` }]);
  const records: DatasetRecord[] = [];
  const issues: DatasetIssue[] = [];
  body.forEach((cells, index) => {
    if (cells.length === 1 && cells[0]!.trim() === '') return;
    if (cells.length !== names.length) {
      issues.push({ line: index + 1, message: `${cells.length} fields where the header has ${names.length}` });
      return;
    }
    records.push({ line: index + 1, value: Object.fromEntries(names.map((name, i) => [name, cells[i]])) });
  });
  return issues.length > 0 ? err(summariseIssues(issues)) : ok(records);
}

function parseCsv(content: string): Result<string[][], DatasetIssue[]> {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let record = 1;
  for (let i = 0; i < content.length; i += 1) {
    const char = content[i]!;
    if (quoted) {
      if (char === '"' && content[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
      continue;
    }
    if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && content[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      record += 1;
    } else cell += char;
  }
  if (quoted) return err([{ line: Math.max(record - 1, 1), message: 'a quoted field is not closed' }]);
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return ok(rows);
}

/** The first MAX_ISSUES issues, then a count of the rest. */
export function summariseIssues(issues: DatasetIssue[]): DatasetIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  return [
    ...issues.slice(0, MAX_ISSUES),
    { line: issues[MAX_ISSUES]!.line, message: `and ${issues.length - MAX_ISSUES} more lines with problems` },
  ];
}
