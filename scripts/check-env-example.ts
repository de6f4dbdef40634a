/**
 * `.env.example` must document every variable suqiu reads: its own (core/config.ts) and every
 * channel's (channels/<name>/definition.ts). Part of `npm run lint`, so a new variable cannot ship
 * undocumented.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { CHANNELS } from '../channels/registry.js';
import { CONFIG_VARIABLES } from '../core/config.js';

const file = path.resolve(import.meta.dirname, '../.env.example');
const documented = new Set([...readFileSync(file, 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
const expected = [...CONFIG_VARIABLES, ...CHANNELS.flatMap((channel) => Object.keys(channel.env))];
const missing = expected.filter((name) => !documented.has(name));
if (missing.length > 0) {
  console.error(`.env.example does not document: ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`.env.example documents all ${expected.length} variables.`);
