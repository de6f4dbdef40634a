/**
 * Migrates and seeds one template database on the real PostgreSQL per run; each test file gets
 * `CREATE DATABASE … TEMPLATE` of it (a file copy inside PostgreSQL, about 100 ms).
 */
import { randomBytes } from 'node:crypto';

import type { TestProject } from 'vitest/node';

import { openDatabase } from '../../core/db/database.js';
import { seedTemplate } from './seed-template.js';
import { adminQuery, databaseUrl } from './services.js';

let template: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  template = `suqiu_tpl_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${template}`);
  const db = await openDatabase({ url: databaseUrl(template) });
  try {
    await seedTemplate(db);
  } finally {
    await db.close();
  }
  project.provide('pgTemplate', template);
}

export async function teardown(): Promise<void> {
  if (template) await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
}
