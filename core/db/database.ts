/**
 * Opens the database: PostgreSQL through @prisma/adapter-pg when a URL is given, otherwise embedded
 * PGlite in a data folder. Both get the same migrations at open, so the rest of suqiu cannot tell them apart.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

import { PrismaClient, type Prisma } from './generated/client.js';
import { migrate, type SqlRunner } from './migrate.js';
import { acquirePgliteLock } from './pglite-lock.js';

export type Tx = Prisma.TransactionClient;

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly prisma: PrismaClient;
  /** An interactive transaction with waits sized for the backend (PGlite runs one transaction at a time). */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; absent means embedded PGlite. */
  url?: string;
  /** Folder of the embedded database (ignored with a URL); `memory://` for a throw-away one. */
  pgliteDir?: string;
  /** Apply pending migrations while opening (default true). */
  migrate?: boolean;
  /**
   * An idle pooled connection failed (PostgreSQL restarted, or an administrator ended the session).
   * The pool drops that connection and opens a new one for the next query; this only reports it.
   */
  onConnectionError?: (error: Error) => void;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.migrate ?? true, options.onConnectionError) : openPglite(options);
}

async function openPostgres(url: string, runMigrations: boolean, onConnectionError?: (error: Error) => void): Promise<Database> {
  if (runMigrations) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migrate(pgRunner(client));
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Without a listener, node-postgres rethrows an idle connection's error and the process dies.
  pool.on('error', (error) => onConnectionError?.(error));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return wrap('postgres', prisma, { maxWait: 5_000, timeout: 15_000 }, async () => {
    await prisma.$disconnect();
    await pool.end();
  });
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const dir = options.pgliteDir ?? 'memory://';
  const inMemory = dir.startsWith('memory://');
  if (!inMemory) mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const unlock = inMemory ? () => undefined : acquirePgliteLock(path.resolve(dir));
  let lite: PGlite;
  try {
    lite = await PGlite.create(dir);
  } catch (error) {
    unlock();
    throw error;
  }
  try {
    if (options.migrate ?? true) await migrate(pgliteRunner(lite));
  } catch (error) {
    await lite.close();
    unlock();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  // Transactions queue behind each other on the single PGlite connection, so waiting is normal here.
  return wrap('pglite', prisma, { maxWait: 60_000, timeout: 60_000 }, async () => {
    await prisma.$disconnect();
    // An open PGlite left at exit can make the folder unopenable (STACK.md): always close it.
    await lite.close();
    unlock();
  });
}

function wrap(
  kind: Database['kind'],
  prisma: PrismaClient,
  txOptions: { maxWait: number; timeout: number },
  close: () => Promise<void>,
): Database {
  let closing: Promise<void> | undefined;
  return {
    kind,
    prisma,
    transaction: (fn) => prisma.$transaction(fn, txOptions),
    ping: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
    close: () => (closing ??= close()),
  };
}

export function pgRunner(client: pg.Client): SqlRunner {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
  };
}

export function pgliteRunner(lite: PGlite): SqlRunner {
  return {
    exec: async (sql) => {
      await lite.exec(sql);
    },
    query: async <R>(sql: string, params: unknown[] = []) => (await lite.query<R>(sql, params)).rows,
  };
}
