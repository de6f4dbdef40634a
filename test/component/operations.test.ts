/** Health, readiness, the API document, the pages and a graceful stop that loses nothing. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { apiMessage, createApiKey } from '../helpers/actors.js';
import { backend, startTestApp, type TestApp } from '../helpers/backend.js';
import { http, waitFor } from '../helpers/http.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('operations', () => {
  test('when /healthz and /readyz are asked, then both answer and name the backends', async () => {
    expect((await http(`${app.url}/healthz`)).body).toEqual({ status: 'ok' });
    const ready = await http(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ready',
      database: 'ok',
      queue: 'ok',
      databaseKind: backend === 'services' ? 'postgres' : 'pglite',
      queueKind: backend === 'services' ? 'bullmq' : 'in-process',
    });
  });

  test('when the OpenAPI document is fetched, then it describes the intake, review and admin endpoints', async () => {
    const doc = await http(`${app.url}/api/v1/openapi.json`);
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    for (const path of [
      '/api/v1/intake/messages',
      '/api/v1/review/queue',
      '/api/v1/tickets/{id}',
      '/api/v1/tickets/{id}/review',
      '/api/v1/api-keys',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    const intake = doc.body.paths['/api/v1/intake/messages'].post.requestBody.content['application/json'].schema;
    expect(intake.required).toEqual(expect.arrayContaining(['externalId', 'citizen', 'text']));
  });

  test('when the console page is requested, then it is served with a strict content security policy', async () => {
    const page = await fetch(`${app.url}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('data-testid="login-username"');
  });

  test('when suqiu stops right after accepting messages, then every message becomes exactly one ticket after the restart', async () => {
    const own = await startTestApp();
    const key = await createApiKey(own.url);
    const ids: string[] = [];
    for (let i = 0; i < 15; i += 1)
      ids.push((await http(`${own.url}/api/v1/intake/messages`, { body: apiMessage(), token: key })).body.id as string);
    await own.stop();
    const restarted = await startTestApp({ storage: own.storage });
    try {
      await waitFor(
        async () => (await restarted.db.prisma.message.count({ where: { id: { in: ids }, status: 'PROCESSED' } })) === ids.length,
        30_000,
        'all processed',
      );
      for (const id of ids) expect(await restarted.db.prisma.ticket.count({ where: { originMessageId: id } })).toBe(1);
    } finally {
      await restarted.close();
    }
  });
});
