/** Runs suqiu's real CLI in a child process (for crash, restart and CLI tests). */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/suqiu.mjs');

export interface Child {
  process: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export function spawnSuqiu(args: string[], env: Record<string, string>, input?: string): Child {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  if (input !== undefined) child.stdin.end(input);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

export async function runSuqiu(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawnSuqiu(args, env);
  const code = await child.exited;
  return { code, output: child.output() };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
