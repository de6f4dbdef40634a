// `npm test`: the whole suite on the embedded default, and again on real PostgreSQL + Redis when
// they answer; the browser test when Chromium is installed. Says clearly what it skipped. With
// SUQIU_TEST_REQUIRE_ALL=1 (CI), anything skipped is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const databaseUrl = process.env.SUQIU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.SUQIU_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const chromium = process.env.SUQIU_TEST_CHROMIUM ?? '/usr/bin/chromium';
const requireAll = ['1', 'true', 'yes'].includes(process.env.SUQIU_TEST_REQUIRE_ALL ?? '');

function reachable(url, defaultPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || defaultPort), timeout: 1500 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

const projects = ['unit', 'embedded'];
const skipped = [];
const [pgUp, redisUp] = await Promise.all([reachable(databaseUrl, 5432), reachable(redisUrl, 6379)]);
if (pgUp && redisUp) projects.push('postgres-redis');
else
  skipped.push(
    `postgres-redis: ${[!pgUp && `PostgreSQL at ${new URL(databaseUrl).host}`, !redisUp && `Redis at ${new URL(redisUrl).host}`].filter(Boolean).join(' and ')} not reachable`,
  );
if (existsSync(chromium)) projects.push('browser');
else skipped.push(`browser: no Chromium at ${chromium} (apt-get install chromium fonts-wqy-microhei)`);

const report = () => {
  if (skipped.length === 0) return console.log('\nsuqiu tests: every project ran (unit, embedded, postgres-redis, browser).');
  console.log(`\nsuqiu tests SKIPPED:\n${skipped.map((line) => `  - ${line}`).join('\n')}`);
};

if (requireAll && skipped.length > 0) {
  report();
  console.error('\nSUQIU_TEST_REQUIRE_ALL is set: skipping is a failure.');
  process.exit(1);
}

const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const args = [vitest, 'run', ...projects.flatMap((name) => ['--project', name]), ...process.argv.slice(2)];
const env = { ...process.env, SUQIU_TEST_CHROMIUM: chromium, SUQIU_TEST_DATABASE_URL: databaseUrl, SUQIU_TEST_REDIS_URL: redisUrl };
const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
report();
process.exit(result.status ?? 1);
