import { Prisma } from './generated/client.js';

/** The database refused a duplicate (a unique index): the caller decides what a duplicate means. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * A plain JSON copy for Json columns: Buffers dropped, Dates as ISO strings, and U+0000 removed from
 * strings, which PostgreSQL's jsonb refuses (a vendor payload carrying one would never store).
 */
export function toJson(value: unknown): Prisma.InputJsonValue {
  const json = JSON.stringify(value ?? null, (_key, v: unknown) =>
    Buffer.isBuffer(v) ? undefined : typeof v === 'string' ? v.replaceAll('\u0000', '') : v,
  );
  return JSON.parse(json) as Prisma.InputJsonValue;
}
