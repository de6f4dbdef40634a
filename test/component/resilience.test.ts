/**
 * Nothing acknowledged is lost, nothing is handled twice: a queue that is down when the message
 * arrives, a worker that is not running, a worker killed in the middle of its jobs, database
 * connections ended by the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';

import { Redis } from 'ioredis';

import { afterAll, describe, expect, test } from 'vitest';

import { openDatabase } from '../../core/db/database.js';
import { apiMessage, createApiKey } from '../helpers/actors.js';
import { backend, createStorage, startTestApp, type TestApp } from '../helpers/backend.js';
import { http, waitFor } from '../helpers/http.js';
import { freePort, spawnSuqiu } from '../helpers/processes.js';
import { adminQuery } from '../helpers/services.js';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function postMany(app: TestApp, key: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await http(`${app.url}/api/v1/intake/messages`, { body: apiMessage(), token: key });
    expect(response.status).toBe(202);
    ids.push(response.body.id as string);
  }
  return ids;
}

async function expectOneTicketEach(app: TestApp, ids: string[], timeoutMs = 45_000): Promise<void> {
  await waitFor(
    async () => (await app.db.prisma.message.count({ where: { id: { in: ids }, status: 'PROCESSED' } })) === ids.length,
    timeoutMs,
    `${ids.length} processed messages`,
  );
  const tickets = await app.db.prisma.ticket.groupBy({ by: ['originMessageId'], where: { originMessageId: { in: ids } }, _count: true });
  expect(tickets).toHaveLength(ids.length);
  expect(tickets.every((t) => t._count === 1)).toBe(true);
  const outbound = await app.db.prisma.message.count({ where: { direction: 'OUTBOUND', replyToId: { in: ids } } });
  expect(outbound).toBeLessThanOrEqual(ids.length);
}

async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

describe('resilience', () => {
  test('when messages arrive while no worker runs, then a worker started later processes each exactly once', async () => {
    const app = await startTestApp({ env: { SUQIU_WORKER: 'false' } });
    apps.push(app);
    const key = await createApiKey(app.url);
    const ids = await postMany(app, key, 10);
    expect(await app.db.prisma.ticket.count()).toBe(0);
    await app.stop();
    const worker = await startTestApp({ storage: app.storage });
    apps.push(worker);
    await expectOneTicketEach(worker, ids);
  });

  test.runIf(backend === 'services')(
    'when Redis is down as a message arrives, then it is acknowledged and processed after Redis returns',
    async () => {
      const port = await freePort();
      const redis = () =>
        spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      let server: ChildProcess = redis();
      const redisUrl = `redis://127.0.0.1:${port}`;
      try {
        const storage = await createStorage({ redisUrl });
        await waitFor(() => redisAnswers(redisUrl), 10_000, 'redis to listen');
        const app = await startTestApp({ storage });
        apps.push(app);
        const key = await createApiKey(app.url);
        const before = await postMany(app, key, 3);
        await expectOneTicketEach(app, before);

        server.kill('SIGKILL');
        await waitFor(async () => (await http(`${app.url}/readyz`)).status === 503, 10_000, 'readyz to report the queue down');
        const started = performance.now();
        const during = await postMany(app, key, 5);
        expect(performance.now() - started).toBeLessThan(5 * 3_000);
        expect(await app.db.prisma.message.count({ where: { id: { in: during }, status: 'RECEIVED' } })).toBe(5);

        server = redis();
        await expectOneTicketEach(app, during, 60_000);
        expect((await http(`${app.url}/readyz`)).status).toBe(200);
        await app.stop();
      } finally {
        server.kill('SIGKILL');
      }
    },
  );

  test.runIf(backend === 'services')(
    'when a worker process is killed in the middle of its jobs, then a new worker finishes them with no lost and no doubled ticket',
    async () => {
      const app = await startTestApp({ env: { SUQIU_WORKER: 'false' } });
      apps.push(app);
      const key = await createApiKey(app.url);
      const workerEnv = app.storage.env({ SUQIU_WORKER_CONCURRENCY: '8', SUQIU_QUEUE_LOCK_MS: '2000', LOG_LEVEL: 'warn' });
      const first = spawnSuqiu(['worker'], workerEnv);
      try {
        const ids = await postMany(app, key, 60);
        await waitFor(
          async () => (await app.db.prisma.ticket.count({ where: { originMessageId: { in: ids } } })) >= 5,
          60_000,
          'the first tickets',
        );
        first.process.kill('SIGKILL');
        await first.exited;
        const processedAtKill = await app.db.prisma.message.count({ where: { id: { in: ids }, status: 'PROCESSED' } });
        expect(processedAtKill).toBeLessThan(ids.length);
        const second = spawnSuqiu(['worker'], workerEnv);
        try {
          await expectOneTicketEach(app, ids, 90_000);
        } finally {
          second.process.kill('SIGTERM');
          await second.exited;
        }
      } finally {
        first.process.kill('SIGKILL');
      }
    },
  );

  test.runIf(backend === 'services')(
    "when PostgreSQL ends the server's idle connections, then the server keeps running and the next message is processed",
    async () => {
      const app = await startTestApp();
      apps.push(app);
      const key = await createApiKey(app.url);
      await expectOneTicketEach(app, await postMany(app, key, 3));
      const database = new URL(app.storage.databaseUrl!).pathname.slice(1);
      // What a PostgreSQL restart or an administrator's pg_terminate_backend does to a pool's idle connections.
      await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await expectOneTicketEach(app, await postMany(app, key, 3));
    },
  );

  test.runIf(backend === 'services')(
    'when PostgreSQL ends the connections while suqiu is closing the database, then the error is reported, not thrown',
    async () => {
      const storage = await createStorage();
      try {
        const errors: Error[] = [];
        const db = await openDatabase({ url: storage.databaseUrl, onConnectionError: (error) => errors.push(error) });
        await db.prisma.$queryRaw`SELECT 1`;
        // Closing starts with Prisma letting go of the pool (and of its error listener); the pool ends next.
        await db.prisma.$disconnect();
        const database = new URL(storage.databaseUrl!).pathname.slice(1);
        await adminQuery(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`,
        );
        await waitFor(async () => errors.length > 0, 5_000, 'the reported connection error');
        expect(errors[0]!.message).toMatch(/terminating connection/);
        await db.close();
      } finally {
        await storage.destroy();
      }
    },
  );

  test.runIf(backend === 'embedded')(
    'when the embedded server process is killed mid-work, then after a restart every message has exactly one ticket',
    async () => {
      const storage = await createStorage();
      const port = await freePort();
      const env = storage.env({ PORT: String(port), LOG_LEVEL: 'warn', SUQIU_WORKER_CONCURRENCY: '4' });
      const url = `http://127.0.0.1:${port}`;
      const child = spawnSuqiu(['start'], env);
      await waitFor(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200, 60_000, 'the server');
      try {
        const keyResponse = await http(`${url}/api/v1/api-keys`, {
          body: { name: 'crash test' },
          token: 'test-bootstrap-token-0123456789',
        });
        const key = keyResponse.body.key as string;
        const ids: string[] = [];
        for (let i = 0; i < 40; i += 1)
          ids.push((await http(`${url}/api/v1/intake/messages`, { body: apiMessage(), token: key })).body.id as string);
        child.process.kill('SIGKILL');
        await child.exited;
        const app = await startTestApp({ storage });
        apps.push(app);
        await expectOneTicketEach(app, ids);
      } finally {
        child.process.kill('SIGKILL');
      }
    },
  );
});
