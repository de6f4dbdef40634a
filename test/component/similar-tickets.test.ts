/** Agents see the recent tickets most like the one in front of them (并单 candidates), and hot spots. */
import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { apiMessage, createAgent, createApiKey } from '../helpers/actors.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { http, waitFor } from '../helpers/http.js';
import { makeTinyModel } from '../helpers/tiny-model.js';

let app: TestApp;
let key: string;
let agent: string;

beforeAll(async () => {
  app = await startTestApp();
  key = await createApiKey(app.url);
  agent = (await createAgent(app.url)).token;
});
afterAll(async () => app?.close());

async function ticketFor(text: string, location?: { text: string; lat: number; lng: number }): Promise<{ id: string; number: string }> {
  const sent = await http(`${app.url}/api/v1/intake/messages`, {
    body: apiMessage({ text, ...(location ? { location } : {}) }),
    token: key,
  });
  expect(sent.status).toBe(202);
  return waitFor(async () => (await app.db.prisma.ticket.findFirst({ where: { originMessageId: sent.body.id } })) ?? undefined, 20_000);
}

describe('similar tickets', () => {
  test('when three citizens report the same broken street light, then each sees the others as duplicates and not an unrelated report', async () => {
    const spot = { text: '幸福路与建设路交叉口', lat: 31.2304, lng: 121.4737 };
    const first = await ticketFor('幸福路与建设路交叉口的路灯坏了，晚上一片漆黑，行人很危险', spot);
    const second = await ticketFor('幸福路建设路路口路灯不亮已经三天了，请尽快修理路灯', { ...spot, lat: 31.2306 });
    const third = await ticketFor('建设路和幸福路交叉口那盏路灯坏了，晚上路口很黑', { ...spot, lng: 121.4739 });
    const other = await ticketFor('公司拖欠工资三个月了，老板联系不上，希望劳动监察部门帮忙', {
      text: '高新区创业大厦',
      lat: 31.3,
      lng: 121.6,
    });

    const answer = await http(`${app.url}/api/v1/tickets/${first.id}/similar`, { token: agent });
    expect(answer.status).toBe(200);
    const found = answer.body.items as { number: string; verdict: { kind: string; reasons: { code: string }[] } }[];
    expect(found.map((item) => item.number)).toEqual(expect.arrayContaining([second.number, third.number]));
    expect(found.map((item) => item.number)).not.toContain(other.number);
    for (const item of found.filter((i) => [second.number, third.number].includes(i.number))) {
      expect(item.verdict.kind).toBe('duplicate');
      expect(item.verdict.reasons.map((r) => r.code)).toContain('PLACE_SAME');
    }

    const spots = await http(`${app.url}/api/v1/hotspots?days=1&minSize=3`, { token: agent });
    expect(spots.status).toBe(200);
    const cluster = (spots.body.items as { tickets: { number: string }[] }[]).find((c) => c.tickets.some((t) => t.number === first.number));
    expect(cluster?.tickets.map((t) => t.number).sort()).toEqual([first.number, second.number, third.number].sort());
  });

  test('when the ticket does not exist or the query is out of range, then 404 and 400', async () => {
    expect((await http(`${app.url}/api/v1/tickets/00000000-0000-4000-8000-000000000000/similar`, { token: agent })).status).toBe(404);
    expect((await http(`${app.url}/api/v1/hotspots?days=365`, { token: agent })).status).toBe(400);
  });
});

describe('with a sentence-embedding model', () => {
  let embedded: TestApp;
  let embeddedKey: string;
  let modelDir: string;
  beforeAll(async () => {
    const model = makeTinyModel();
    modelDir = model.dir;
    embedded = await startTestApp({ env: { SUQIU_EMBEDDING_MODEL_DIR: model.dir } });
    embeddedKey = await createApiKey(embedded.url);
  });
  afterAll(async () => {
    await embedded?.close();
    await rm(modelDir, { recursive: true, force: true });
  });

  test('when a model folder is configured, then each ticket stores its vector and similar tickets blend it into the text score', async () => {
    const ids: string[] = [];
    for (const text of ['小区楼下噪音扰民，晚上睡不着', '晚上楼下噪音扰民，吵得睡不着']) {
      const sent = await http(`${embedded.url}/api/v1/intake/messages`, { body: apiMessage({ text }), token: embeddedKey });
      const ticket = await waitFor(
        async () => (await embedded.db.prisma.ticket.findFirst({ where: { originMessageId: sent.body.id } })) ?? undefined,
        20_000,
      );
      ids.push(ticket.id);
    }
    const stored = await embedded.db.prisma.ticket.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(stored.embeddingModel).toMatch(/^suqiu-tiny-model-\w+:model:mean:/);
    expect(stored.embedding?.byteLength).toBe(48 * 4);
    const viewer = (await createAgent(embedded.url)).token;
    const answer = await http(`${embedded.url}/api/v1/tickets/${ids[0]}/similar`, { token: viewer });
    const other = (answer.body.items as { id: string; components: { vector?: number } }[]).find((item) => item.id === ids[1]);
    expect(other?.components.vector).toBeGreaterThan(0.5);
  });
});
