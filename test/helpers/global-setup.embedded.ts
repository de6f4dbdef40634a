/**
 * Builds one migrated and seeded PGlite folder per run; each test file copies it (opening a copy
 * takes well under a second, creating and migrating a database several seconds).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { openDatabase } from '../../core/db/database.js';
import { seedTemplate } from './seed-template.js';

let root: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  root = await mkdtemp(path.join(tmpdir(), 'suqiu-template-'));
  const dir = path.join(root, 'db');
  const db = await openDatabase({ pgliteDir: dir });
  try {
    await seedTemplate(db);
  } finally {
    await db.close();
  }
  project.provide('pgliteTemplate', dir);
}

export async function teardown(): Promise<void> {
  if (root) await rm(root, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}
