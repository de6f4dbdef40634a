/**
 * Applies prisma/migrations at start (STACK.md: Prisma 7's CLI cannot migrate offline). The same
 * runner serves PostgreSQL and PGlite: each pending migration.sql runs in its own transaction and is
 * recorded with its checksum; an edited, already-applied migration stops the start.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The smallest surface both drivers offer: run a script, run a parameterised query. */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationError extends Error {}

/** Returns the names of the migrations it applied. */
export async function migrate(runner: SqlRunner, migrations = readMigrations()): Promise<string[]> {
  // Several processes (web, workers) may start together against one PostgreSQL: one migrates, the others wait.
  await runner.query("SELECT pg_advisory_lock(hashtext('suqiu_migrations'))");
  try {
    return await applyPending(runner, migrations);
  } finally {
    await runner.query("SELECT pg_advisory_unlock(hashtext('suqiu_migrations'))");
  }
}

async function applyPending(runner: SqlRunner, migrations: Migration[]): Promise<string[]> {
  await runner.exec(`CREATE TABLE IF NOT EXISTS "_suqiu_migrations" (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const rows = await runner.query<{ name: string; checksum: string }>('SELECT name, checksum FROM "_suqiu_migrations"');
  const applied = new Map(rows.map((row) => [row.name, row.checksum]));
  const done: string[] = [];
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum === migration.checksum) continue;
    if (checksum !== undefined) {
      throw new MigrationError(`Migration ${migration.name} was changed after it was applied; add a new one instead.`);
    }
    if (!/^[0-9]{14}_[a-z0-9_]+$/.test(migration.name)) {
      throw new MigrationError(`Migration folder name ${migration.name} is not <timestamp>_<snake_case>.`);
    }
    const record = `INSERT INTO "_suqiu_migrations" (name, checksum) VALUES ('${migration.name}', '${migration.checksum}')`;
    try {
      await runner.exec(`BEGIN;\n${migration.sql}\n;\n${record};\nCOMMIT;`);
    } catch (error) {
      await runner.exec('ROLLBACK').catch(() => undefined);
      throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
    }
    done.push(migration.name);
  }
  return done;
}
