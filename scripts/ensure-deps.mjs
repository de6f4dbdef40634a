// Runs before `npm run demo`, `npm start` and `npm test` with nothing but Node: installs the
// dependencies when they are missing or stale, and generates the Prisma client when it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`\nsuqiu: "${command} ${args.join(' ')}" failed; fix the error above and try again.`);
    process.exit(result.status ?? 1);
  }
};

const installed = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
const stale = !existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs + 1000);
if (stale) {
  console.log('suqiu: installing dependencies (first run) …');
  run('npm', existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
}
if (!existsSync(path.join(root, 'core', 'db', 'generated', 'client.ts')))
  run(process.execPath, [path.join(root, 'scripts', 'prisma-generate.mjs')]);
