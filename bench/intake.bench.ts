/**
 * Intake speed: acknowledgement latency of the API channel (verify → validate → persist → enqueue →
 * ack) against a baseline Express route that only parses JSON and answers, in the same process with
 * the same load; then how fast the worker turns the stored messages into tickets.
 *
 *   npm run bench:intake                       embedded PGlite + in-process queue
 *   npm run bench:intake -- --services         PostgreSQL + Redis (SUQIU_TEST_DATABASE_URL / SUQIU_TEST_REDIS_URL)
 *   options: --requests N (default 1000)  --concurrency C (default 20)
 *            --ack-only (no worker: the acknowledgement path alone)
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import express from 'express';
import { Redis } from 'ioredis';

import { createApiKey } from '../core/auth/api-keys.js';
import { loadConfig } from '../core/config.js';
import { startRuntime } from '../core/runtime.js';
import { TEST_REDIS_URL, adminQuery, databaseUrl } from '../test/helpers/services.js';

const { values } = parseArgs({
  options: {
    services: { type: 'boolean' },
    'ack-only': { type: 'boolean' },
    requests: { type: 'string' },
    concurrency: { type: 'string' },
  },
});
const requests = Number(values.requests ?? 1000);
const concurrency = Number(values.concurrency ?? 20);

interface Load {
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
}

async function load(url: string, headers: Record<string, string>, body: (i: number) => unknown): Promise<Load> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body(i)),
        });
        await response.arrayBuffer();
        if (response.status >= 300) throw new Error(`request ${i} answered ${response.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), perSecond: Math.round(requests / seconds) };
}

async function baseline(): Promise<Load> {
  const app = express();
  app.use(express.json());
  app.post('/echo', (req, res) => {
    res.status(202).json({ id: (req.body as { externalId: string }).externalId, status: 'accepted' });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    return await load(`http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`, {}, message);
  } finally {
    server.close();
  }
}

const run = randomBytes(3).toString('hex');
function message(i: number) {
  return {
    externalId: `bench-${run}-${i}`,
    citizen: { id: `caller-${i % 97}`, phone: '13800000000' },
    text: `第${i}号来电：小区门口的路灯坏了好几天，晚上很黑，老人出门不安全，请尽快派人维修。`,
  };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'suqiu-bench-'));
  const database = `suqiu_bench_${run}`;
  const env: Record<string, string> = {
    SUQIU_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SUQIU_QUEUE_PREFIX: `suqiu-bench-${run}`,
  };
  if (values.services) {
    await adminQuery(`CREATE DATABASE ${database}`);
    env.DATABASE_URL = databaseUrl(database);
    env.REDIS_URL = TEST_REDIS_URL;
  }
  const ackOnly = values['ack-only'] ?? false;
  const runtime = await startRuntime({ config: loadConfig(env), worker: !ackOnly });
  try {
    const key = await createApiKey(runtime.db, { name: 'bench', source: 'bench' });
    const base = await baseline();
    const startedAt = performance.now();
    const intake = await load(`${runtime.http!.url}/api/v1/intake/messages`, { authorization: `Bearer ${key.key}` }, message);
    let tickets = 0;
    while (!ackOnly && (tickets = await runtime.db.prisma.ticket.count()) < requests)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const endToEndSeconds = (performance.now() - startedAt) / 1000;
    const memory = process.memoryUsage();
    const figures = {
      backend: values.services ? 'postgres+redis' : 'embedded',
      worker: !ackOnly,
      requests,
      concurrency,
      baselineP50ms: base.p50,
      baselineP99ms: base.p99,
      baselinePerSecond: base.perSecond,
      intakeP50ms: intake.p50,
      intakeP95ms: intake.p95,
      intakeP99ms: intake.p99,
      intakePerSecond: intake.perSecond,
      ackThroughputVsBaseline: round(intake.perSecond / base.perSecond),
      ticketsPerSecondEndToEnd: ackOnly ? null : Math.round(tickets / endToEndSeconds),
      rssMiB: Math.round(memory.rss / 2 ** 20),
      heapUsedMiB: Math.round(memory.heapUsed / 2 ** 20),
    };
    console.table(figures);
    console.log(JSON.stringify(figures));
  } finally {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
    if (values.services) {
      await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      const redis = new Redis(TEST_REDIS_URL);
      const keys = await redis.keys(`suqiu-bench-${run}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
