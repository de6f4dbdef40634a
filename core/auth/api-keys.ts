/** API keys of the API channel: shown once at creation, stored as SHA-256, scoped to a source system. */
import { z } from 'zod';

import type { Database } from '../db/database.js';
import { NotFoundError } from '../errors/index.js';
import { hashToken, randomToken } from './tokens.js';
import { parseOrThrow } from '../validation.js';

export const newApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    source: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, _ and - only')
      .optional()
      .describe('The system this key belongs to; external ids are unique per source. Defaults to the name.'),
  })
  .strict();

export interface CreatedApiKey {
  id: string;
  name: string;
  source: string;
  prefix: string;
  key: string;
}

export async function createApiKey(db: Database, input: unknown, createdById?: string): Promise<CreatedApiKey> {
  const request = parseOrThrow(newApiKeySchema, input, 'API key request');
  const source = request.source ?? slug(request.name);
  const key = randomToken('sqk');
  const prefix = key.slice(0, 10);
  const row = await db.prisma.apiKey.create({
    data: { name: request.name, source, prefix, keyHash: hashToken(key), createdById },
  });
  return { id: row.id, name: row.name, source, prefix, key };
}

export async function resolveApiKey(db: Database, key: string): Promise<{ id: string; source: string } | undefined> {
  const row = await db.prisma.apiKey.findUnique({ where: { keyHash: hashToken(key) } });
  if (!row || row.revokedAt) return undefined;
  await db.prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { id: row.id, source: row.source };
}

/**
 * Valid keys are remembered for a short time, so the acknowledgement path of a busy calling system
 * does not pay a database read per message. A revoked key stops working within `ttlMs` everywhere
 * (immediately in the process that revoked it); unknown keys are never cached.
 */
export class ApiKeyResolver {
  private readonly cache = new Map<string, { key: { id: string; source: string }; until: number }>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 30_000,
  ) {}

  public async resolve(key: string, now = Date.now()): Promise<{ id: string; source: string } | undefined> {
    const hash = hashToken(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.key;
    const resolved = await resolveApiKey(this.db, key);
    if (resolved) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, { key: resolved, until: now + this.ttlMs });
    } else this.cache.delete(hash);
    return resolved;
  }

  public forget(id: string): void {
    for (const [hash, entry] of this.cache) if (entry.key.id === id) this.cache.delete(hash);
  }
}

export async function revokeApiKey(db: Database, id: string): Promise<void> {
  const result = await db.prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (result.count === 0) throw new NotFoundError(`API key ${id} does not exist or is already revoked`);
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'default'
  );
}
