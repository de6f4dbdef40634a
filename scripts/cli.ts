/**
 * `suqiu <command>`: start, worker, demo, migrate, user create, api-key create, model, nlu, wechat menu.
 * Errors a person can fix are printed as one clear line and exit with status 1 (2 for usage errors).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { ChannelConfigError } from '../channels/registry.js';
import { ConfigError, loadConfig } from '../core/config.js';
import { EmbeddingModelError } from '../nlu/embeddings/errors.js';
import { nluCommand } from './nlu-commands.js';
import { MODEL_USAGE, modelCommand, ModelUsageError } from './model-commands.js';
import { AppError } from '../core/errors/index.js';
import { MigrationError } from '../core/db/migrate.js';
import { DatabaseInUseError } from '../core/db/pglite-lock.js';
import { runDemo } from './demo.js';
import { serve } from './serve.js';
import { createApiKeyCommand, createUserCommand, migrateCommand } from './admin-commands.js';
import { wechatMenuCommand } from '../channels/wechat/menu.js';
import { openDatabase } from '../core/db/database.js';
import { DatabaseTokenStore } from '../core/tokens/token-store.js';

const USAGE = `usage: suqiu <command> [options]

  start                 web server and intake worker (DATABASE_URL / REDIS_URL, else embedded)
  worker                intake worker only
  demo                  embedded database and queue, demo data and logins; prints the URLs
  migrate               apply database migrations and exit
  user create           --username NAME --role agent|admin [--password PW] [--display-name TEXT]
  api-key create        --name NAME [--source SOURCE]
  model <command>       the installation's category models: list, import, train, compare, activate,
                        rollback (suqiu model help)
  nlu train|eval        train a category model from a JSONL file into a folder, or evaluate one (suqiu nlu help)
  wechat menu           create the WeChat account's custom menu (WECHAT_APP_ID …; see .env.example)

Configuration comes from the environment; see .env.example.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  // Model files on disk: no database, no configuration needed.
  if (command === 'nlu') return nluCommand(argv.slice(1));
  const config = loadConfig();
  switch (command) {
    case 'start':
      return serve(config, {});
    case 'worker':
      return serve(config, { http: false, worker: true });
    case 'demo':
      return runDemo(config, serve);
    case 'migrate':
      return migrateCommand(config);
    case 'model':
      return modelCommand(config, argv.slice(1));
    case 'user':
      if (sub !== 'create') throw new UsageError('did you mean "suqiu user create"?');
      return createUserCommand(
        config,
        options(argv.slice(2), { username: 'string', role: 'string', password: 'string', 'display-name': 'string' }),
      );
    case 'api-key':
      if (sub !== 'create') throw new UsageError('did you mean "suqiu api-key create"?');
      return createApiKeyCommand(config, options(argv.slice(2), { name: 'string', source: 'string' }));
    case 'wechat':
      if (sub !== 'menu') throw new UsageError('did you mean "suqiu wechat menu"?');
      return wechatMenuCommand(config.env, {
        fetch,
        // The server's token store, so the command does not invalidate the running server's access_token.
        withTokens: async (use) => {
          const db = await openDatabase({ url: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'db') });
          try {
            return await use(new DatabaseTokenStore(db));
          } finally {
            await db.close();
          }
        },
        print: (line) => console.log(line),
      });
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function options(args: string[], spec: Record<string, 'string'>): Record<string, string | undefined> {
  try {
    const { values } = parseArgs({
      args,
      options: Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, { type }])),
      strict: true,
    });
    return values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`suqiu: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof ModelUsageError) {
      console.error(`suqiu model: ${error.message}\n\n${MODEL_USAGE}`);
      process.exit(2);
    }
    if (
      error instanceof ConfigError ||
      error instanceof ChannelConfigError ||
      error instanceof EmbeddingModelError ||
      error instanceof MigrationError ||
      error instanceof DatabaseInUseError ||
      (error instanceof AppError && error.kind !== 'UNEXPECTED')
    ) {
      console.error(`suqiu: ${error.message}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);
