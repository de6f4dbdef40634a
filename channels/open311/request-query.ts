/**
 * The parameters of `GET requests` (DOMAIN.md §11.6): service_request_id overrides everything else;
 * otherwise service_code, a date range of at most 90 days (default: the last 90 days) and status,
 * with the common page/page_size extension. Anything malformed is refused (400), not ignored.
 */
import { err, ok, type Result } from '../../core/result.js';
import type { ParseError } from '../types.js';
import type { Open311Status } from './service-requests.js';

const DAY_MS = 86_400_000;
export const MAX_SPAN_DAYS = 90;
export const DEFAULT_LIMIT = 1_000;
const MAX_LIST = 100;

export type RequestQuery =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'search'; serviceCodes?: string[]; from: Date; to: Date; statuses?: Open311Status[]; page: number; pageSize: number };

type Query = Readonly<Record<string, string | undefined>>;

export function parseRequestQuery(query: Query, now: Date): Result<RequestQuery, ParseError> {
  const ids = list(query.service_request_id);
  if (ids) {
    if (ids.length > MAX_LIST) return invalid('service_request_id', `at most ${MAX_LIST} ids`);
    return ok({ kind: 'ids', ids });
  }
  const serviceCodes = list(query.service_code);
  if (serviceCodes && serviceCodes.length > MAX_LIST) return invalid('service_code', `at most ${MAX_LIST} codes`);
  const statuses = list(query.status);
  const unknown = statuses?.find((status) => status !== 'open' && status !== 'closed');
  if (unknown !== undefined) return invalid('status', `"${unknown}" is not open or closed`);
  const range = dateRange(query.start_date, query.end_date, now);
  if (!range.ok) return range;
  const page = positiveInt(query.page, 'page', 1, Number.MAX_SAFE_INTEGER);
  if (!page.ok) return page;
  const pageSize = positiveInt(query.page_size, 'page_size', DEFAULT_LIMIT, DEFAULT_LIMIT);
  if (!pageSize.ok) return pageSize;
  return ok({
    kind: 'search',
    serviceCodes,
    ...range.value,
    statuses: statuses as Open311Status[] | undefined,
    page: page.value,
    pageSize: pageSize.value,
  });
}

/** A comma list; empty items are dropped, and an empty list equals an absent parameter. */
function list(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

export function dateRange(start: string | undefined, end: string | undefined, now: Date): Result<{ from: Date; to: Date }, ParseError> {
  const from = start?.trim() ? parseIsoDateTime(start.trim()) : undefined;
  if (from === null) return invalid('start_date', 'must be an ISO-8601 date and time with a timezone, e.g. 2026-11-01T00:00:00+08:00');
  const to = end?.trim() ? parseIsoDateTime(end.trim()) : undefined;
  if (to === null) return invalid('end_date', 'must be an ISO-8601 date and time with a timezone, e.g. 2026-11-21T23:59:59+08:00');
  const span = MAX_SPAN_DAYS * DAY_MS;
  if (from && to) {
    if (to < from) return invalid('end_date', 'must not be before start_date');
    if (to.getTime() - from.getTime() > span) return invalid('end_date', `the range may span at most ${MAX_SPAN_DAYS} days`);
    return ok({ from, to });
  }
  if (from) return ok({ from, to: new Date(from.getTime() + span) });
  if (to) return ok({ from: new Date(to.getTime() - span), to });
  return ok({ from: new Date(now.getTime() - span), to: now });
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An instant from W3C/ISO-8601 text with a timezone. Stricter than `Date.parse`, which accepts
 * 2026-02-30 (as 2 March) and guesses a timezone when there is none.
 */
export function parseIsoDateTime(text: string): Date | null {
  const match = ISO.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
    number | undefined,
  ];
  const fraction = Number(`0.${match[7] ?? '0'}`);
  const zone = match[8]!;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const [hours, minutes] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
    if (hours > 14 || minutes > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(fraction * 1000) - offsetMinutes * 60_000;
  return new Date(utc);
}

function positiveInt(value: string | undefined, name: string, fallback: number, max: number): Result<number, ParseError> {
  if (!value?.trim()) return ok(fallback);
  if (!/^\d{1,16}$/.test(value.trim())) return invalid(name, 'must be a positive whole number');
  const number = Number(value.trim());
  if (number < 1 || number > max) return invalid(name, `must be between 1 and ${max}`);
  return ok(number);
}

function invalid(path: string, message: string): Result<never, ParseError> {
  return err({ message: `${path}: ${message}`, issues: [{ path, message }] });
}
