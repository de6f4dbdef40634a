/** zod at the boundaries, with one way of telling the caller what was wrong. */
import type { z } from 'zod';

import { InvalidDataError } from './errors/index.js';
import { err, ok, type Result } from './result.js';

export interface Issue {
  path: string;
  message: string;
}

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || 'body', message: issue.message }));
}

export function describeIssues(error: z.ZodError): string {
  return issuesOf(error)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join('; ');
}

/** For parsing edges that return a Result (channel payloads): `invalid <what>: path: reason; …`. */
export function parseResult<T>(schema: z.ZodType<T>, value: unknown, what: string): Result<T, { message: string; issues: Issue[] }> {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? ok(parsed.data)
    : err({ message: `invalid ${what}: ${describeIssues(parsed.error)}`, issues: issuesOf(parsed.error) });
}

/** For use cases: the value, or an InvalidDataError (HTTP 400) naming every problem. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = parseResult(schema, value, what);
  if (!parsed.ok) throw new InvalidDataError(parsed.error.message, { details: parsed.error.issues });
  return parsed.value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a record (and must not reach a uuid cast in SQL). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
