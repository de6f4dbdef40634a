/**
 * `npm run demo`: suqiu on the embedded database and in-process queue, with the default catalogue,
 * an agent and an admin login and an API key, kept in the data folder so every demo start prints
 * the same credentials.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { z } from 'zod';

import { createApiKey } from '../core/auth/api-keys.js';
import { hashToken } from '../core/auth/tokens.js';
import { createUser } from '../core/auth/users.js';
import type { Config } from '../core/config.js';
import type { Database } from '../core/db/database.js';
import type { Runtime } from '../core/runtime.js';
import type { Serve } from './serve.js';

const credentialsSchema = z.object({
  agent: z.object({ username: z.string(), password: z.string() }),
  admin: z.object({ username: z.string(), password: z.string() }),
  apiKey: z.string(),
});
type Credentials = z.infer<typeof credentialsSchema>;

export async function runDemo(config: Config, serve: Serve): Promise<number> {
  if (config.databaseUrl || config.redisUrl) {
    console.log('suqiu demo: ignoring DATABASE_URL / REDIS_URL — the demo always runs embedded. Use `npm start` for servers.');
  }
  const embedded: Config = { ...config, databaseUrl: undefined, redisUrl: undefined };
  return serve(embedded, {
    onStarted: async (runtime) =>
      announce(runtime, await ensureDemoCredentials(runtime.db, path.join(embedded.dataDir, 'demo-credentials.json'))),
  });
}

function announce(runtime: Runtime, credentials: Credentials): void {
  const base = runtime.config.http.publicUrl ?? runtime.http?.url ?? '';
  console.log(`
  suqiu demo is running (embedded PostgreSQL in ${runtime.config.dataDir}, in-process queue)

  Citizen web chat   ${base}/chat
  Agent console      ${base}/console     log in as ${credentials.agent.username} / ${credentials.agent.password}
                                          (admin: ${credentials.admin.username} / ${credentials.admin.password})
  API channel        POST ${base}/api/v1/intake/messages
                     Authorization: Bearer ${credentials.apiKey}
  API reference      ${base}/api/v1/openapi.json
  Health             ${base}/readyz

  Try: curl -X POST ${base}/api/v1/intake/messages -H 'authorization: Bearer ${credentials.apiKey}' \\
         -H 'content-type: application/json' \\
         -d '{"externalId":"call-1","citizen":{"id":"13800000000"},"text":"小区门口的路灯坏了三天了，晚上很黑"}'

  Stop with Ctrl-C. Credentials are kept in ${path.join(runtime.config.dataDir, 'demo-credentials.json')}.
`);
}

async function ensureDemoCredentials(db: Database, file: string): Promise<Credentials> {
  const saved = await readFile(file, 'utf8').then(
    (text) => credentialsSchema.safeParse(JSON.parse(text)).data,
    () => undefined,
  );
  const credentials: Credentials = saved ?? {
    agent: { username: 'agent', password: randomBytes(9).toString('base64url') },
    admin: { username: 'admin', password: randomBytes(9).toString('base64url') },
    apiKey: '',
  };
  for (const [role, login] of [
    ['AGENT', credentials.agent],
    ['ADMIN', credentials.admin],
  ] as const) {
    const exists = await db.prisma.user.findUnique({ where: { username: login.username } });
    if (!exists)
      await createUser(db, {
        username: login.username,
        password: login.password,
        role,
        displayName: role === 'AGENT' ? '演示坐席' : '演示管理员',
      });
  }
  const keyValid = credentials.apiKey && (await db.prisma.apiKey.findUnique({ where: { keyHash: hashToken(credentials.apiKey) } }));
  if (!keyValid) credentials.apiKey = (await createApiKey(db, { name: 'demo call centre', source: 'demo' })).key;
  await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}
