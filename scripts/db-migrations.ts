/**
 * Writes and checks SQL migrations without Prisma's native schema engine (which cannot be
 * downloaded offline): Prisma's WebAssembly schema engine replays prisma/migrations into a
 * throw-away in-memory PGlite and diffs the result against prisma/schema.prisma.
 *
 *   tsx scripts/db-migrations.ts create <name>   write prisma/migrations/<timestamp>_<name>/migration.sql
 *   tsx scripts/db-migrations.ts check           exit 1 when schema.prisma and the migrations disagree
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineModule from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

const root = path.resolve(import.meta.dirname, '..');
const schemaPath = path.join(root, 'prisma', 'schema.prisma');
const migrationsDir = path.join(root, 'prisma', 'migrations');
const lockfile = 'provider = "postgresql"\n';

function loadEngine(): void {
  // The package's own entry imports the .wasm as an ES module, which Node 20 cannot do without a flag.
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
  const wasmModule = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(wasmModule, { './schema_engine_bg.js': engineModule });
  engineModule.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
}

function migrationDirectories() {
  mkdirSync(migrationsDir, { recursive: true });
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8') },
      },
    }));
}

async function pendingSql(): Promise<string> {
  loadEngine();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(new PGlite()));
  const engine = await engineModule.SchemaEngine.new({ datamodels: undefined }, () => undefined, factory);
  const result = await engine.diff({
    from: {
      tag: 'migrations',
      baseDir: migrationsDir,
      lockfile: { path: 'migration_lock.toml', content: lockfile },
      migrationDirectories: migrationDirectories(),
      shadowDbInitScript: '',
    },
    to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = result.stdout ?? '';
  return sql.trim() === '' || sql.includes('This is an empty migration') ? '' : sql;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  if (command === 'check') {
    const sql = await pendingSql();
    if (sql === '') {
      console.log('prisma/schema.prisma and prisma/migrations agree.');
      return 0;
    }
    console.error('prisma/schema.prisma has changes that no migration contains:\n\n' + sql);
    console.error('Run `npm run db:migration -- <name>` to write the migration.');
    return 1;
  }
  if (command === 'create' && name && /^[a-z0-9_]+$/.test(name)) {
    const sql = await pendingSql();
    if (sql === '') {
      console.log('Nothing to migrate: the schema matches the migrations.');
      return 0;
    }
    const dir = path.join(migrationsDir, `${timestamp()}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'migration.sql'), sql);
    writeFileSync(path.join(migrationsDir, 'migration_lock.toml'), lockfile);
    console.log(`Wrote ${path.relative(root, dir)}/migration.sql`);
    return 0;
  }
  console.error('usage: db-migrations.ts create <snake_case_name> | check');
  return 2;
}

// The wasm engine leaves timers behind; exit explicitly.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
