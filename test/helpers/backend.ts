/**
 * A fresh suqiu for one test file, on the backend the vitest project names: a copy of the seeded
 * PGlite template (embedded), or a new PostgreSQL database from the template plus a private Redis
 * key prefix (services). Real parts in both cases; nothing is mocked.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Redis } from 'ioredis';
import { inject } from 'vitest';

import { loadConfig, type Config } from '../../core/config.js';
import { openDatabase, type Database } from '../../core/db/database.js';
import { startRuntime, type Runtime, type RuntimeOptions } from '../../core/runtime.js';
import { TEST_REDIS_URL, adminQuery, databaseUrl } from './services.js';

export type Backend = 'embedded' | 'services';

export const backend: Backend = process.env.SUQIU_TEST_BACKEND === 'services' ? 'services' : 'embedded';
export const BOOTSTRAP_TOKEN = 'test-bootstrap-token-0123456789';

/** Storage for one test: a data folder, and on services a database and a Redis prefix. */
export interface TestStorage {
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  queuePrefix: string;
  env(overrides?: Record<string, string>): Record<string, string>;
  config(overrides?: Record<string, string>): Config;
  /** Opens the test's database directly (not while an embedded runtime holds it). */
  openDb(): Promise<Database>;
  destroy(): Promise<void>;
}

export async function createStorage(options: { redisUrl?: string } = {}): Promise<TestStorage> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'suqiu-test-'));
  const id = randomBytes(5).toString('hex');
  const queuePrefix = `suqiu-test-${id}`;
  let dbUrl: string | undefined;
  let dbName: string | undefined;
  if (backend === 'services') {
    dbName = `suqiu_t_${id}`;
    await adminQuery(`CREATE DATABASE ${dbName} TEMPLATE ${inject('pgTemplate')}`);
    dbUrl = databaseUrl(dbName);
  } else {
    await cp(inject('pgliteTemplate'), path.join(dataDir, 'db'), { recursive: true });
  }
  const redisUrl = options.redisUrl ?? (backend === 'services' ? TEST_REDIS_URL : undefined);
  const env = (overrides: Record<string, string> = {}) => ({
    SUQIU_DATA_DIR: dataDir,
    ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    SUQIU_QUEUE_PREFIX: queuePrefix,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.SUQIU_TEST_LOG_LEVEL ?? 'silent',
    SUQIU_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN,
    SUQIU_RECOVERY_INTERVAL_MS: '500',
    SUQIU_RECOVERY_GRACE_MS: '300',
    SUQIU_QUEUE_LOCK_MS: '3000',
    SUQIU_SHUTDOWN_TIMEOUT_MS: '20000',
    ...overrides,
  });
  return {
    dataDir,
    databaseUrl: dbUrl,
    redisUrl,
    queuePrefix,
    env,
    config: (overrides) => loadConfig(env(overrides)),
    openDb: () => openDatabase({ url: dbUrl, pgliteDir: path.join(dataDir, 'db') }),
    destroy: async () => {
      if (redisUrl) await deleteKeys(redisUrl, `${queuePrefix}:*`).catch(() => undefined);
      if (dbName) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  storage: TestStorage;
  runtime: Runtime;
  url: string;
  db: Database;
  /** Stops the runtime and removes its storage. */
  close(): Promise<void>;
  /** Stops the runtime only (the storage stays for a restart). */
  stop(): Promise<void>;
}

export async function startTestApp(
  options: { storage?: TestStorage; env?: Record<string, string>; runtime?: Partial<RuntimeOptions> } = {},
): Promise<TestApp> {
  const storage = options.storage ?? (await createStorage());
  const runtime = await startRuntime({ config: storage.config(options.env), ...options.runtime });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await runtime.close();
  };
  return {
    storage,
    runtime,
    url: runtime.http?.url ?? '',
    db: runtime.db,
    stop,
    close: async () => {
      await stop();
      await storage.destroy();
    },
  };
}

async function deleteKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
