/**
 * `suqiu model …` as an admin uses it on the installation's database: import labelled examples (all or
 * nothing), train a version with its evaluation printed, list, compare with the active version, activate
 * and roll back — the same use cases as the admin API, on both backends.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { Database } from '../../core/db/database.js';
import { createStorage, type TestStorage } from '../helpers/backend.js';
import { runSuqiu } from '../helpers/processes.js';

let storage: TestStorage;

/** Two categories of the default tree in words that never overlap. */
function examples(): string {
  const places = ['阳光花园小区3栋', '幸福路12号', '建设路小区', '和平里社区', '科技园公寓', '人民路88号', '新华街道', '红星小区'];
  const templates: Record<string, string[]> = {
    'UTIL.WATER': ['{p}从早上开始停水了，水龙头没有水', '{p}又停水了，没有提前通知', '{p}停水两天了，到现在还没有来水'],
    'LABOR.WAGE_ARREARS': ['{p}工地的包工头拖欠农民工工资', '我在{p}的公司上班，老板拖欠工资半年不发', '{p}一家餐馆拖欠员工工资'],
  };
  return Object.entries(templates)
    .flatMap(([label, texts]) =>
      texts.flatMap((template) => places.map((place) => JSON.stringify({ text: template.replace('{p}', place), label }))),
    )
    .join('\n');
}

const suqiu = (...args: string[]) => runSuqiu(['model', ...args], storage.env({ LOG_LEVEL: 'warn' }));

/** What the database says, read between commands (the embedded database is one process's at a time). */
async function inDatabase<T>(read: (db: Database) => Promise<T>): Promise<T> {
  const db = await storage.openDb();
  try {
    return await read(db);
  } finally {
    await db.close();
  }
}

const activeVersion = () =>
  inDatabase(
    async (db) => (await db.prisma.activeModel.findUnique({ where: { kind: 'category' }, include: { model: true } }))?.model.version,
  );

beforeAll(async () => {
  storage = await createStorage();
  await writeFile(path.join(storage.dataDir, 'good.jsonl'), examples());
  await writeFile(path.join(storage.dataDir, 'bad.jsonl'), `${examples().split('\n')[0]}\n{"text":"井盖丢了","label":"NOPE"}\n`);
});
afterAll(async () => storage?.destroy());

describe('suqiu model', () => {
  test('when an admin imports, trains, compares, activates and rolls back from the shell, then each step does what the API does', async () => {
    const seed = await activeVersion();
    expect((await suqiu('list')).output).toMatch(new RegExp(`\\*\\s+${seed}\\s+READY`));

    const bad = await suqiu('import', '--file', path.join(storage.dataDir, 'bad.jsonl'));
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(/nothing was imported/);
    expect(bad.output).toMatch(/line 2: "NOPE" is neither the code nor the name of a live category/);
    expect(await inDatabase((db) => db.prisma.trainingExample.count({ where: { source: 'IMPORT' } }))).toBe(0);

    const good = await suqiu('import', '--file', path.join(storage.dataDir, 'good.jsonl'));
    expect(good.code, good.output).toBe(0);
    expect(good.output).toMatch(/imported 48 examples \(with request type 0, urgency 0, department 0\)/);

    const first = await suqiu('train', '--sources', 'IMPORT', '--activate', 'always');
    expect(first.code, first.output).toBe(0);
    const v1 = /training (\S+): 48 examples of 2 categories/.exec(first.output)?.[1];
    expect(first.output).toContain(`${v1} is READY and active`);
    expect(first.output).toMatch(/held out \d+: accuracy 1\.000, macro-F1 1\.000/);
    expect(first.output).toMatch(/UTIL\.WATER\s+1\.000\s+1\.000\s+1\.000\s+\d+/);
    // Two clear categories: a half of the examples already separates them, so more of the same adds nothing.
    expect(first.output).toMatch(
      /macro-F1 on the same held-out examples by training examples: 1\.000 from \d+, 1\.000 from \d+, 1\.000 from \d+ — levelled off/,
    );
    expect(await activeVersion()).toBe(v1);

    const second = await suqiu('train', '--sources', 'IMPORT', '--holdout', '0.3');
    expect(second.code, second.output).toBe(0);
    const v2 = /training (\S+):/.exec(second.output)?.[1];
    expect(second.output).toContain(`${v2} is READY (`);
    expect(await activeVersion()).toBe(v1);

    const listed = await suqiu('list');
    expect(listed.output).toMatch(new RegExp(`\\*\\s+${v1}\\s+READY\\s+48\\s+1\\.000`));
    // Nothing was routed without review here: the column says so rather than 0/0.
    expect(listed.output).toMatch(new RegExp(`auto-routed right[\\s\\S]*${v1}.*\\s–\\s`));
    expect(listed.output).toMatch(new RegExp(`\\n\\s+${v2}\\s+READY`));

    const compared = await suqiu('compare', v2!);
    expect(compared.code, compared.output).toBe(0);
    expect(compared.output).toMatch(/on the same \d+ held-out examples/);
    expect(compared.output).toMatch(new RegExp(`candidate\\s+${v2}\\s+[01]\\.\\d{3}`));
    expect(compared.output).toMatch(new RegExp(`active\\s+${v1}\\s+[01]\\.\\d{3}`));

    expect((await suqiu('activate', v2!)).code).toBe(0);
    expect(await activeVersion()).toBe(v2);
    const back = await suqiu('rollback');
    expect(back.output).toContain(`rolled back: ${v1} serves again`);
    expect(await activeVersion()).toBe(v1);
  }, 300_000);

  test.each([
    { description: 'a version that does not exist', args: ['compare', 'cat-nope'], code: 1, message: /model cat-nope does not exist/ },
    {
      description: 'an unknown source',
      args: ['train', '--sources', 'GOSSIP'],
      code: 2,
      message: /"GOSSIP" is not one of SEED, REVIEW, IMPORT/,
    },
    { description: 'a hold-out share out of range', args: ['train', '--holdout', '0.9'], code: 1, message: /holdout/ },
    { description: 'no version to activate', args: ['activate'], code: 2, message: /activate needs one model version or id/ },
    {
      description: 'a file that does not exist',
      args: ['import', '--file', '/nonexistent/x.jsonl'],
      code: 2,
      message: /cannot read \/nonexistent\/x\.jsonl: ENOENT/,
    },
    { description: 'an unknown command', args: ['retrain'], code: 2, message: /unknown model command "retrain"/ },
  ])('when the admin gives $description, then suqiu says what is wrong and exits $code', async ({ args, code, message }) => {
    const result = await suqiu(...args);
    expect(result.code).toBe(code);
    expect(result.output).toMatch(message);
    expect(result.output).not.toMatch(/\n\s+at /);
  });
});
