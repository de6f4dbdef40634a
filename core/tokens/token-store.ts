/**
 * Vendor access tokens shared by every process (DOMAIN.md §11.1: WeChat invalidates the previous
 * access_token on each fetch, so one central refresher must own it). Tokens live in the database;
 * a refresh runs under an advisory lock, so concurrent workers wait for one fetch instead of
 * invalidating each other's tokens.
 */
import type { Database } from '../db/database.js';

export interface FreshToken {
  value: string;
  /** Seconds the vendor says the token lives. */
  expiresInSeconds: number;
}

export interface TokenStore {
  /** A valid token: cached if it has more than `refreshBeforeMs` left, otherwise fetched once for everyone. */
  get(key: string, fetchToken: () => Promise<FreshToken>, refreshBeforeMs?: number): Promise<string>;
  /** Drops a token the vendor rejected (expired early, revoked), unless it was already replaced. */
  invalidate(key: string, value: string): Promise<void>;
}

export class DatabaseTokenStore implements TokenStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  public async get(key: string, fetchToken: () => Promise<FreshToken>, refreshBeforeMs = 5 * 60_000): Promise<string> {
    const fresh = (row: { value: string; expiresAt: Date } | null) =>
      row && row.expiresAt.getTime() - refreshBeforeMs > this.now().getTime();
    const cached = await this.db.prisma.vendorToken.findUnique({ where: { key } });
    if (fresh(cached)) return cached!.value;
    return this.db.transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`vendor-token:${key}`}))`;
      // Another process may have refreshed while this one waited for the lock.
      const current = await tx.vendorToken.findUnique({ where: { key } });
      if (fresh(current)) return current!.value;
      const token = await fetchToken();
      const expiresAt = new Date(this.now().getTime() + token.expiresInSeconds * 1000);
      await tx.vendorToken.upsert({
        where: { key },
        create: { key, value: token.value, expiresAt },
        update: { value: token.value, expiresAt },
      });
      return token.value;
    });
  }

  public async invalidate(key: string, value: string): Promise<void> {
    await this.db.prisma.vendorToken.deleteMany({ where: { key, value } });
  }
}

/** For adapters under test: the same contract in memory. */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, { value: string; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<string>>();

  public async get(key: string, fetchToken: () => Promise<FreshToken>, refreshBeforeMs = 5 * 60_000): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt - refreshBeforeMs > Date.now()) return cached.value;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = fetchToken().then((token) => {
        this.tokens.set(key, { value: token.value, expiresAt: Date.now() + token.expiresInSeconds * 1000 });
        return token.value;
      });
      this.pending.set(key, pending);
      void pending.finally(() => this.pending.delete(key)).catch(() => undefined);
    }
    return pending;
  }

  public invalidate(key: string, value: string): Promise<void> {
    if (this.tokens.get(key)?.value === value) this.tokens.delete(key);
    return Promise.resolve();
  }
}
