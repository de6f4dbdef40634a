/** Vendor access tokens: one fetch for everyone, refreshed early, dropped when the vendor rejects them. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { Database } from '../../core/db/database.js';
import { DatabaseTokenStore } from '../../core/tokens/token-store.js';
import { createStorage, type TestStorage } from '../helpers/backend.js';

let storage: TestStorage;
let db: Database;

beforeAll(async () => {
  storage = await createStorage();
  db = await storage.openDb();
});
afterAll(async () => {
  await db?.close();
  await storage?.destroy();
});

describe('shared vendor tokens', () => {
  test('when ten workers ask for a token at once, then the vendor is asked once and all get the same token', async () => {
    const store = new DatabaseTokenStore(db);
    let fetches = 0;
    const fetchToken = async () => {
      fetches += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { value: `token-${fetches}`, expiresInSeconds: 7200 };
    };
    const tokens = await Promise.all(Array.from({ length: 10 }, () => store.get('wechat:concurrent', fetchToken)));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(fetches).toBe(1);
  });

  test('when a token is about to expire, then it is refreshed before it does', async () => {
    let now = new Date('2026-11-21T00:00:00Z');
    const store = new DatabaseTokenStore(db, () => now);
    let fetches = 0;
    const fetchToken = async () => ({ value: `t${++fetches}`, expiresInSeconds: 7200 });
    expect(await store.get('wechat:early', fetchToken)).toBe('t1');
    now = new Date(now.getTime() + 7200_000 - 6 * 60_000);
    expect(await store.get('wechat:early', fetchToken)).toBe('t1');
    now = new Date(now.getTime() + 2 * 60_000);
    expect(await store.get('wechat:early', fetchToken)).toBe('t2');
  });

  test('when the vendor rejects a token, then invalidating it makes the next call fetch a new one, once', async () => {
    const store = new DatabaseTokenStore(db);
    let fetches = 0;
    const fetchToken = async () => ({ value: `v${++fetches}`, expiresInSeconds: 7200 });
    const first = await store.get('wechat:rejected', fetchToken);
    await store.invalidate('wechat:rejected', first);
    await store.invalidate('wechat:rejected', first);
    expect(await store.get('wechat:rejected', fetchToken)).toBe('v2');
    await store.invalidate('wechat:rejected', 'v1');
    expect(await store.get('wechat:rejected', fetchToken)).toBe('v2');
  });
});
