/**
 * PGlite is one process's database: a second process opening the same folder corrupts it. A lock
 * file with the owner's pid refuses a second opener with a clear message, and is taken over when
 * its owner is gone (a crash).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

export class DatabaseInUseError extends Error {}

export function acquirePgliteLock(dir: string): () => void {
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseInUseError(`the embedded database in ${dir} is in use by process ${owner}; stop it first (or use the HTTP API)`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new DatabaseInUseError(`could not lock the embedded database in ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
