/** One-shot commands that open the database, do one thing and close it. */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import { createApiKey } from '../core/auth/api-keys.js';
import { createUser } from '../core/auth/users.js';
import type { Config } from '../core/config.js';
import { openDatabase, type Database } from '../core/db/database.js';

export async function withDatabase<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ url: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'db') });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export async function migrateCommand(config: Config): Promise<number> {
  await withDatabase(config, async (db) => {
    console.log(`database (${db.kind}) is migrated to the latest schema`);
  });
  return 0;
}

export async function createUserCommand(config: Config, args: Record<string, string | undefined>): Promise<number> {
  const generated = args.password ? undefined : randomBytes(12).toString('base64url');
  const user = await withDatabase(config, (db) =>
    createUser(db, {
      username: args.username,
      role: args.role?.toUpperCase(),
      password: args.password ?? generated,
      displayName: args['display-name'],
    }),
  );
  console.log(`created ${user.role.toLowerCase()} "${user.username}" (${user.id})`);
  if (generated) console.log(`password: ${generated}   (shown once; store it now)`);
  return 0;
}

export async function createApiKeyCommand(config: Config, args: Record<string, string | undefined>): Promise<number> {
  const key = await withDatabase(config, (db) => createApiKey(db, { name: args.name, source: args.source }));
  console.log(`created API key "${key.name}" for source "${key.source}" (${key.id})`);
  console.log(`key: ${key.key}   (shown once; store it now)`);
  return 0;
}
