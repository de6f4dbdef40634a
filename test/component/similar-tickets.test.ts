/** Agents see the recent tickets most like the one in front of them (并单 candidates), and hot spots. */
import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { hotspots, likelyDuplicate, RecentTickets, similarTickets } from '../../intake/similar-tickets.js';
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

describe('the index kept between searches', () => {
  test('when tickets arrive after a search, then the next search through the kept index finds them, with the same answers as an index built for the request', async () => {
    let now = new Date();
    const recent = new RecentTickets({ now: () => now });
    const spot = { text: '和平路88号', lat: 30.5, lng: 114.3 };
    const first = await ticketFor('和平路88号门口的下水道井盖丢了，晚上很危险', spot);
    expect((await similarTickets(app.db, first.id, { k: 5, windowDays: 30 }, recent)).items.map((i) => i.id)).not.toContain(first.id);

    const second = await ticketFor('和平路88号门口的下水道井盖丢了，晚上很危险，请尽快处理', { ...spot, lat: 30.5002 });
    // The earlier ticket's search now finds the newer one: it joined the kept index.
    expect((await similarTickets(app.db, first.id, { k: 5, windowDays: 30 }, recent)).items.map((i) => i.id)).toContain(second.id);
    const kept = await similarTickets(app.db, second.id, { k: 5, windowDays: 30 }, recent);
    const built = await similarTickets(app.db, second.id, { k: 5, windowDays: 30 });
    expect(kept.items.find((item) => item.id === first.id)).toMatchObject({ verdict: { kind: 'duplicate' } });
    expect(kept.items.map(({ id, verdict }) => ({ id, kind: verdict.kind }))).toEqual(
      built.items.map(({ id, verdict }) => ({ id, kind: verdict.kind })),
    );
    // Scores differ a little: the kept index weighs n-grams over all recent tickets, a built one over the window without the ticket.
    expect(kept.items.map((item) => item.score)).toEqual(built.items.map((item) => expect.closeTo(item.score, 1)));

    // Open tickets only (intake's question): a report merged meanwhile is no longer a candidate, as the index learns from the database.
    await app.db.prisma.ticket.update({ where: { id: first.id }, data: { status: 'MERGED' } });
    expect(await likelyDuplicate(app.db.prisma, second.id, 7, recent)).toBeUndefined();
    await app.db.prisma.ticket.update({ where: { id: first.id }, data: { status: 'ACCEPTED' } });
    expect(await likelyDuplicate(app.db.prisma, second.id, 7, recent)).toMatchObject({ id: first.id });

    // Hot spots from the kept index are the ones an index built for the request finds.
    const clustersOf = (answer: Awaited<ReturnType<typeof hotspots>>) => answer.items.map((item) => item.tickets.map((t) => t.id).sort());
    const spots = { days: 1, minSize: 2, now: new Date(Date.now() + 1_000) };
    expect(clustersOf(await hotspots(app.db, spots, recent))).toEqual(clustersOf(await hotspots(app.db, spots)));
    expect(clustersOf(await hotspots(app.db, spots, recent)).some((ids) => ids.includes(first.id) && ids.includes(second.id))).toBe(true);

    // A month on, both have left the kept index: a search about them builds its own, and still finds the pair.
    now = new Date(now.getTime() + 40 * 86_400_000);
    const later = await similarTickets(app.db, second.id, { k: 5, windowDays: 30 }, recent);
    expect(later.items.map((item) => item.id)).toContain(first.id);
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

  test('when hot spots are asked for, then the kept index answers them and links reports on the text score blended with the vectors', async () => {
    const spot = { text: '东风路12号', lat: 30.61, lng: 114.27 };
    const ids: string[] = [];
    for (const text of ['东风路12号楼下餐馆油烟很大，熏得开不了窗', '东风路12号餐馆油烟扰民，窗户都不能开']) {
      const sent = await http(`${embedded.url}/api/v1/intake/messages`, { body: apiMessage({ text, location: spot }), token: embeddedKey });
      ids.push(
        (
          await waitFor(
            async () => (await embedded.db.prisma.ticket.findFirst({ where: { originMessageId: sent.body.id } })) ?? undefined,
            20_000,
          )
        ).id,
      );
    }
    const { embeddingModel } = await embedded.db.prisma.ticket.findUniqueOrThrow({ where: { id: ids[0] } });
    const recent = new RecentTickets({ embeddingModel: embeddingModel!, now: () => new Date() });
    const pair = (await similarTickets(embedded.db, ids[0]!, { k: 5, windowDays: 30 }, recent)).items.find((item) => item.id === ids[1]);
    expect(pair?.components.vector).toBeDefined();

    const query = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 1_000), minSize: 2 };
    const kept = await recent.clusters(embedded.db.prisma, query);
    const cluster = kept?.find((c) => c.ids.includes(ids[0]!));
    expect(cluster?.ids).toContain(ids[1]);
    // The link is the blended score the similar-ticket search shows, not the n-gram score alone.
    expect(cluster?.cohesion).toBeCloseTo(pair!.components.text, 6);
    expect(pair!.components.text).not.toBeCloseTo(pair!.components.tfidf, 3);
    const answer = await hotspots(embedded.db, { days: 1, minSize: 2, now: query.to }, recent);
    expect(answer.items.find((item) => item.tickets.some((t) => t.id === ids[0]))?.cohesion).toBeCloseTo(pair!.components.text, 6);
  });
});
