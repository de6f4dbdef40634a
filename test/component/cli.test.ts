/** The `suqiu` command line as an operator uses it: the demo, user and key creation, clear errors. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { backend, createStorage, type TestStorage } from '../helpers/backend.js';
import { http, waitFor } from '../helpers/http.js';
import { freePort, runSuqiu, spawnSuqiu } from '../helpers/processes.js';

let storage: TestStorage;
beforeAll(async () => {
  storage = await createStorage();
});
afterAll(async () => storage?.destroy());

describe('suqiu command line', () => {
  test.runIf(backend === 'embedded')(
    'when `suqiu demo` starts on an empty data folder, then it answers on /readyz, prints working logins and stops cleanly',
    async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'suqiu-demo-'));
      const port = await freePort();
      const demo = spawnSuqiu(['demo'], { SUQIU_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' });
      try {
        const url = `http://localhost:${port}`;
        await waitFor(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200, 90_000, 'the demo');
        await waitFor(() => demo.output().includes('Agent console'), 10_000, 'the banner');
        const banner = demo.output();
        expect(banner).toContain(`${url}/chat`);
        const [, username, password] = /log in as (\S+) \/ (\S+)/.exec(banner) ?? [];
        const [, apiKey] = /Bearer (sqk_\S+)/.exec(banner) ?? [];
        const login = await http(`${url}/api/v1/auth/login`, { body: { username, password } });
        expect(login.status).toBe(200);
        const message = await http(`${url}/api/v1/intake/messages`, {
          body: { externalId: 'demo-1', citizen: { id: '1' }, text: '小区门口的路灯坏了三天了' },
          token: apiKey,
        });
        expect(message.status).toBe(202);

        const second = await runSuqiu(['user', 'create', '--username', 'clash', '--role', 'agent'], { SUQIU_DATA_DIR: dataDir });
        expect(second.code).toBe(1);
        expect(second.output).toMatch(/in use by process \d+/);

        demo.process.kill('SIGTERM');
        expect(await demo.exited).toBe(0);
        expect(existsSync(path.join(dataDir, 'db.lock'))).toBe(false);
      } finally {
        demo.process.kill('SIGKILL');
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );

  test('when an admin creates a user without a password, then one is generated and shown once', async () => {
    const result = await runSuqiu(['user', 'create', '--username', 'wang.fang', '--role', 'agent'], storage.env());
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/created agent "wang.fang"/);
    expect(result.output).toMatch(/password: \S{12,}/);
    const again = await runSuqiu(['user', 'create', '--username', 'wang.fang', '--role', 'agent'], storage.env());
    expect(again.code).toBe(1);
    expect(again.output).toContain('user "wang.fang" already exists');
  });

  test('when an admin creates an API key, then the key is printed once', async () => {
    const result = await runSuqiu(['api-key', 'create', '--name', 'Grid app', '--source', 'grid-app'], storage.env());
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/key: sqk_\S+/);
  });

  test.each([
    { description: 'an unknown role', args: ['user', 'create', '--username', 'x.y', '--role', 'king'], env: {}, code: 1, message: /role/ },
    { description: 'an unknown option', args: ['user', 'create', '--name', 'x'], env: {}, code: 2, message: /Unknown option/ },
    { description: 'an unknown command', args: ['launch'], env: {}, code: 2, message: /unknown command "launch"/ },
    { description: 'a bad port', args: ['start'], env: { PORT: 'eighty' }, code: 1, message: /Invalid configuration:\n {2}PORT/ },
    {
      description: 'a Telegram token without its webhook secret',
      args: ['start'],
      env: { TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ' },
      code: 1,
      message: /channel "telegram": webhookSecret: TELEGRAM_WEBHOOK_SECRET is required/,
    },
    {
      description: 'an embedding model folder that does not exist',
      args: ['start'],
      env: { SUQIU_EMBEDDING_MODEL_DIR: '/nonexistent/bge-small-zh' },
      code: 1,
      message: /\/nonexistent\/bge-small-zh/,
    },
  ] as { description: string; args: string[]; env: Record<string, string>; code: number; message: RegExp }[])(
    'when the operator gives $description, then suqiu says what is wrong and exits $code',
    async ({ args, env, code, message }) => {
      const result = await runSuqiu(args, { ...storage.env(), ...env });
      expect(result.code).toBe(code);
      expect(result.output).toMatch(message);
      expect(result.output).not.toMatch(/\n\s+at /);
    },
  );
});
