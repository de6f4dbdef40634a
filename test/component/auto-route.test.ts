/**
 * Routing without review (SUQIU_AUTO_ROUTE=on): a model trained through the admin API on clear-cut
 * data puts a clear message in the AUTO band, and the system confirms that ticket itself — lead unit
 * set, a `confirm` event by the system with the model's score and threshold, flagged auto-routed, no
 * training example, the citizen told. Unclear, flagged and 特急 tickets, and repeats of an open
 * ticket, still wait for agents, and with the setting off every ticket does.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { topics } from '../../core/events/event-bus.js';
import { JOB_INBOUND } from '../../intake/jobs.js';
import { autoRoute } from '../../intake/auto-route.js';
import { processInbound } from '../../intake/process-inbound.js';
import { apiMessage, createAgent, createApiKey } from '../helpers/actors.js';
import { BOOTSTRAP_TOKEN, startTestApp, type TestApp } from '../helpers/backend.js';
import { webDriver } from '../helpers/dialog-drivers.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-http-server.js';
import { http, waitFor } from '../helpers/http.js';
import { trainThroughApi } from '../helpers/training.js';

const CALLBACK_SECRET = 'callback-secret-for-tests-0123456789';
const CLEAR = '红旗小区5栋今天一早就停水了，水龙头一滴水都没有，家里没水做饭';
const UNCLEAR = '你好，我想反映一个情况，麻烦你们看一下';

let receiver: FakeServer;
let app: TestApp;
let key: string;
let agent: string;
let modelVersion: string;

/** Three categories in words that never overlap: the model is sure of messages like these. */
function clearCutExamples(): { text: string; label: string }[] {
  const places = [
    '阳光花园小区3栋',
    '幸福路12号',
    '建设路小区',
    '和平里社区',
    '科技园公寓',
    '人民路88号',
    '新华街道',
    '红星小区',
    '幸福家园',
    '东湖花园',
  ];
  const templates: Record<string, string[]> = {
    'UTIL.WATER': ['{p}从早上开始停水了，水龙头一滴水都没有', '{p}又停水了，没有提前通知，家里没水做饭', '{p}停水两天了，到现在还没有来水'],
    'LABOR.WAGE_ARREARS': [
      '{p}工地的包工头拖欠我们农民工工资三个月了',
      '我在{p}的公司上班，老板拖欠工资半年不发',
      '{p}一家餐馆拖欠员工工资，老板说没钱',
    ],
    'SAFETY.FIRE_HAZARD': ['{p}楼下着火了，浓烟很大', '{p}楼道里着火了，到处都是浓烟', '{p}一家商店着火了，浓烟滚滚'],
  };
  return Object.entries(templates).flatMap(([label, texts]) =>
    texts.flatMap((template) => places.map((place) => ({ text: template.replace('{p}', place), label }))),
  );
}

async function trainClearCutModel(): Promise<string> {
  const file = clearCutExamples()
    .map((row) => JSON.stringify(row))
    .join('\n');
  const imported = await http(`${app.url}/api/v1/nlu/training-data`, {
    raw: file,
    headers: { 'content-type': 'application/x-ndjson' },
    token: BOOTSTRAP_TOKEN,
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  const ready = await trainThroughApi(app.url, BOOTSTRAP_TOKEN, { sources: ['IMPORT'], activate: 'always' });
  // Every process notices at its next refresh; here it is not waited for.
  await (app.runtime.deps.classifier as unknown as { refresh(): Promise<void> }).refresh();
  expect(app.runtime.deps.classifier.current()?.version).toBe(ready.version);
  return ready.version as string;
}

/**
 * Tickets whose message the worker has finished with, auto-route included: intake announces a ticket on
 * the review-queue topic only after deciding whether to route it.
 */
const finished = new Set<string>();
async function listen(): Promise<void> {
  await app.runtime.deps.bus.subscribe(topics.reviewQueue, (payload) => void finished.add((payload as { ticketId: string }).ticketId));
}
const processed = (ticketId: string) => waitFor(() => finished.has(ticketId), 20_000, 'the message processed, auto-route included');

async function send(text: string) {
  const sent = await http(`${app.url}/api/v1/intake/messages`, { body: apiMessage({ text }), token: key });
  expect(sent.status).toBe(202);
  const created = await waitFor(
    async () => (await app.db.prisma.message.findUnique({ where: { id: sent.body.id }, include: { ticket: true } }))?.ticket ?? undefined,
    20_000,
    'the ticket',
  );
  await processed(created.id);
  const ticket = await app.db.prisma.ticket.findUniqueOrThrow({ where: { id: created.id } });
  return { messageId: sent.body.id as string, ticket };
}

/** The API channel answers callers through the fake receiver, so the citizen's notices are delivered. */
const settings = (autoRoute: 'on' | 'off') => ({
  SUQIU_AUTO_ROUTE: autoRoute,
  SUQIU_API_CALLBACK_URL: `${receiver.url}/replies`,
  SUQIU_API_CALLBACK_SECRET: CALLBACK_SECRET,
});

const suggestionOf = (ticketId: string) => app.db.prisma.nluSuggestion.findFirstOrThrow({ where: { ticketId } });
const confirmEvents = (ticketId: string) => app.db.prisma.ticketEvent.findMany({ where: { ticketId, event: 'confirm' } });
const statusNotices = (ticketId: string) =>
  app.db.prisma.message.findMany({ where: { ticketId, direction: 'OUTBOUND', idempotencyKey: `status-${ticketId}-confirm` } });
const inQueue = async (ticketId: string) =>
  ((await http(`${app.url}/api/v1/review/queue?limit=500`, { token: agent })).body.items as { id: string }[]).some(
    (i) => i.id === ticketId,
  );

beforeAll(async () => {
  receiver = await startFakeServer();
  receiver.respond = () => ({ status: 204 });
  app = await startTestApp({ env: settings('on') });
  await listen();
  key = await createApiKey(app.url);
  agent = (await createAgent(app.url)).token;
  modelVersion = await trainClearCutModel();
}, 240_000);
afterAll(async () => {
  await app?.close();
  await receiver?.close();
});

describe('auto-route on', () => {
  test('when a clear message arrives, then the system confirms it: lead unit set, a system confirm event with score and threshold, flagged, not learnt from, the citizen told', async () => {
    const { ticket } = await send(CLEAR);
    const suggestion = await suggestionOf(ticket.id);
    expect(suggestion).toMatchObject({ modelVersion, band: 'AUTO' });
    const score = (suggestion.categories as { code: string; score: number }[])[0]!;
    expect(score.code).toBe('UTIL.WATER');

    const routed = await app.db.prisma.ticket.findUniqueOrThrow({
      where: { id: ticket.id },
      include: { category: true, leadDepartment: true },
    });
    expect(routed).toMatchObject({
      status: 'PENDING_DISPATCH',
      category: { code: 'UTIL.WATER' },
      leadDepartment: { code: 'CITY-WATER' },
      flags: ['auto-routed'],
    });
    expect(routed.confirmedAt).not.toBeNull();
    const [event, ...more] = await confirmEvents(ticket.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      fromStatus: 'ACCEPTED',
      toStatus: 'PENDING_DISPATCH',
      actorType: 'SYSTEM',
      actorId: null,
      reason: 'auto-route',
    });
    const audit = (event!.after as { autoRoute: { modelVersion: string; categoryCode: string; score: number; threshold: number } })
      .autoRoute;
    expect(audit).toMatchObject({ modelVersion, categoryCode: 'UTIL.WATER', score: score.score });
    // The threshold the model stored for the category, which the score reached.
    expect(audit.threshold).toBeGreaterThan(0);
    expect(audit.threshold).toBeLessThanOrEqual(audit.score);
    expect(await app.db.prisma.trainingExample.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect(await inQueue(ticket.id)).toBe(false);

    const notice = await waitFor(async () => {
      const [row] = await statusNotices(ticket.id);
      return row?.status === 'SENT' ? row : undefined;
    });
    expect(notice.text).toBe(`您的工单 ${ticket.number} 已审核，将由市水务集团办理。`);
    expect(receiver.requests.some((request) => (JSON.parse(request.body) as { text?: string }).text === notice.text)).toBe(true);

    // Agents still open it: the ticket page shows the routing and why.
    const detail = (await http(`${app.url}/api/v1/tickets/${ticket.id}`, { token: agent })).body;
    expect(detail).toMatchObject({ status: 'PENDING_DISPATCH', flags: ['auto-routed'], leadDepartment: { code: 'CITY-WATER' } });
  });

  test('when the same message is delivered again, then it is not confirmed twice', async () => {
    const { messageId, ticket } = await send(CLEAR.replace('红旗小区', '青山小区'));
    await waitFor(async () => (await app.db.prisma.ticket.findUnique({ where: { id: ticket.id } }))?.status === 'PENDING_DISPATCH');

    expect(await processInbound(app.runtime.deps, messageId)).toEqual({ kind: 'already-processed' });
    await app.runtime.deps.queues.intake.add(JOB_INBOUND, { messageId }, `redelivered-${messageId}`);
    // The ticket itself refuses a second system confirmation too.
    expect(await autoRoute(app.runtime.deps, ticket.id)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    expect(await confirmEvents(ticket.id)).toHaveLength(1);
    expect(await statusNotices(ticket.id)).toHaveLength(1);
    expect(await app.db.prisma.ticket.count({ where: { originMessageId: messageId } })).toBe(1);
    expect((await app.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).flags).toEqual(['auto-routed']);
  });

  test('when the same incident is reported again while the first report is open, then the repeat waits for an agent as a 并单 candidate', async () => {
    const first = await send('翠湖小区2栋从昨晚开始停水，到现在水龙头一滴水都没有，家里没水做饭');
    await waitFor(async () => (await app.db.prisma.ticket.findUnique({ where: { id: first.ticket.id } }))?.status === 'PENDING_DISPATCH');

    const { ticket } = await send('翠湖小区2栋从昨晚开始停水了，到现在水龙头一滴水都没有，家里没水做饭');
    expect((await suggestionOf(ticket.id)).band).toBe('AUTO');
    expect(ticket).toMatchObject({ status: 'ACCEPTED', flags: [] });
    expect(await confirmEvents(ticket.id)).toEqual([]);
    expect(await inQueue(ticket.id)).toBe(true);
    // The agent sees why: the open report it repeats, as a duplicate.
    const similar = (await http(`${app.url}/api/v1/tickets/${ticket.id}/similar`, { token: agent })).body;
    expect(similar.items[0]).toMatchObject({ number: first.ticket.number, verdict: { kind: 'duplicate' } });

    // The agent merges it (T5); the citizen hears which ticket carries on.
    const merged = await http(`${app.url}/api/v1/tickets/${ticket.id}/review`, {
      body: { action: 'merge', duplicateOf: first.ticket.number },
      token: agent,
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const notice = await waitFor(async () => {
      const [row] = await app.db.prisma.message.findMany({ where: { ticketId: ticket.id, idempotencyKey: `status-${ticket.id}-merge` } });
      return row?.status === 'SENT' ? row : undefined;
    });
    expect(notice.text).toBe(
      `您的工单 ${ticket.number} 与工单 ${first.ticket.number} 反映的是同一事项，已并入该工单一并办理。查询工单 ${ticket.number} 即可了解办理进展。`,
    );
  });

  test('when a message is unclear, then the ticket stays in the review queue', async () => {
    const { ticket } = await send(UNCLEAR);
    expect((await suggestionOf(ticket.id)).band).not.toBe('AUTO');
    expect(ticket).toMatchObject({ status: 'ACCEPTED', flags: [] });
    expect(await confirmEvents(ticket.id)).toEqual([]);
    expect(await inQueue(ticket.id)).toBe(true);
  });

  test('when a clear report is filed through the bot, then it is confirmed and the citizen hears it after the ticket number', async () => {
    const citizen = await webDriver.citizen(app.url);
    await citizen.send('阳光花园小区3栋从早上开始停水了，水龙头一滴水都没有，电话13812345678');
    expect((await citizen.replies())[0]!.text).toMatch(/公开/);
    await citizen.send('不同意');
    expect((await citizen.replies())[0]!.text).toMatch(/请核对/);
    await citizen.send('确认');
    const [filed, told] = await citizen.replies(2);
    const number = /工单号 (\d{8}-\d{6})/.exec(filed!.text)?.[1];
    expect(number).toBeDefined();
    expect(told!.text).toBe(`您的工单 ${number} 已审核，将由市水务集团办理。`);
    const ticket = await app.db.prisma.ticket.findUniqueOrThrow({ where: { number }, include: { leadDepartment: true } });
    expect(ticket).toMatchObject({ status: 'PENDING_DISPATCH', flags: ['auto-routed'], leadDepartment: { code: 'CITY-WATER' } });
    expect(await app.db.prisma.trainingExample.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  test('when the bot flags an emergency the model is sure of, then the ticket still waits for an agent', async () => {
    const citizen = await webDriver.citizen(app.url);
    await citizen.send('楼下着火了！浓烟很大');
    const number = /工单号 (\d{8}-\d{6})/.exec((await citizen.replies())[0]!.text)?.[1];
    await processed((await app.db.prisma.ticket.findUniqueOrThrow({ where: { number } })).id);
    const ticket = await app.db.prisma.ticket.findUniqueOrThrow({ where: { number } });
    expect((await suggestionOf(ticket.id)).band).toBe('AUTO');
    expect(ticket).toMatchObject({ status: 'ACCEPTED', flags: ['emergency:FIRE'], urgency: 'EXTRA_URGENT' });
    expect(await confirmEvents(ticket.id)).toEqual([]);
    expect(await inQueue(ticket.id)).toBe(true);
  });
});

describe('what the system routed, for agents to check', () => {
  test('when agents list the auto-routed tickets waiting for dispatch, then they get exactly those, newest first; an unknown state is 400', async () => {
    const listed = await http(`${app.url}/api/v1/tickets?status=PENDING_DISPATCH&flag=auto-routed`, { token: agent });
    expect(listed.status).toBe(200);
    const expected = await app.db.prisma.ticket.findMany({
      where: { status: 'PENDING_DISPATCH', flags: { has: 'auto-routed' } },
      orderBy: { createdAt: 'desc' },
    });
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(listed.body.total).toBe(expected.length);
    expect(listed.body.items.map((item: { number: string }) => item.number)).toEqual(expected.map((ticket) => ticket.number));
    expect(listed.body.items[0]).toMatchObject({ flags: ['auto-routed'], suggestion: { band: 'AUTO' } });

    const bad = await http(`${app.url}/api/v1/tickets?status=SHREDDED`, { token: agent });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/status/);
  });
});

describe('an agent checks what the system routed, before dispatch', () => {
  const check = (ticketId: string, body: Record<string, unknown>) =>
    http(`${app.url}/api/v1/tickets/${ticketId}/review`, { body: { action: 'check', ...body }, token: agent });
  const routed = (ticketId: string) =>
    app.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId }, include: { category: true, leadDepartment: true } });
  const checkEvents = (ticketId: string) =>
    app.db.prisma.ticketEvent.findMany({ where: { ticketId, event: 'check' }, orderBy: { id: 'asc' } });
  const examples = (ticketId: string) => app.db.prisma.trainingExample.findMany({ where: { ticketId } });
  const toCheck = async () =>
    (
      (await http(`${app.url}/api/v1/tickets?status=PENDING_DISPATCH&flag=auto-routed&withoutFlag=checked&limit=500`, { token: agent }))
        .body.items as { id: string }[]
    ).map((item) => item.id);
  const autoRouted = async (text: string) => {
    const { ticket } = await send(text);
    expect(await routed(ticket.id)).toMatchObject({ status: 'PENDING_DISPATCH', category: { code: 'UTIL.WATER' }, flags: ['auto-routed'] });
    return ticket;
  };

  test('when an agent corrects an auto-routed ticket, then the routing changes, the check is audited and learnt as a suggestion the model got wrong, the ticket leaves the list to check, and the citizen hears of the new unit', async () => {
    const ticket = await autoRouted(CLEAR.replace('红旗小区', '金桂小区'));
    const confirmedAt = (await routed(ticket.id)).confirmedAt;
    expect(await toCheck()).toContain(ticket.id);

    const corrected = await check(ticket.id, { categoryCode: 'UTIL.POWER', note: '是停电不是停水' });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({
      status: 'PENDING_DISPATCH',
      category: { code: 'UTIL.POWER' },
      leadDepartment: { code: 'CITY-POWER' },
    });
    const after = await routed(ticket.id);
    expect(after).toMatchObject({ status: 'PENDING_DISPATCH', flags: ['auto-routed', 'checked'], confirmedAt });
    const [event, ...more] = await checkEvents(ticket.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      fromStatus: 'PENDING_DISPATCH',
      toStatus: 'PENDING_DISPATCH',
      actorType: 'AGENT',
      reason: '是停电不是停水',
      before: { categoryCode: 'UTIL.WATER', departmentCode: 'CITY-WATER' },
      after: { categoryCode: 'UTIL.POWER', departmentCode: 'CITY-POWER', changed: true },
    });
    const [example, ...moreExamples] = await examples(ticket.id);
    expect(moreExamples).toEqual([]);
    expect(example).toMatchObject({
      source: 'REVIEW',
      categoryCode: 'UTIL.POWER',
      departmentCode: 'CITY-POWER',
      modelVersion,
      suggestedCategoryCode: 'UTIL.WATER',
      categoryCorrect: false,
    });
    expect(await toCheck()).not.toContain(ticket.id);

    const notice = await waitFor(async () => {
      const [row] = await app.db.prisma.message.findMany({
        where: { ticketId: ticket.id, idempotencyKey: `status-${ticket.id}-reroute-1` },
      });
      return row?.status === 'SENT' ? row : undefined;
    });
    expect(notice.text).toBe(`您的工单 ${ticket.number} 经复核，改由市供电公司办理。`);
    expect(receiver.requests.some((request) => (JSON.parse(request.body) as { text?: string }).text === notice.text)).toBe(true);

    // A second look that changes only the category within the same unit replaces the example; nobody is told again.
    const again = await check(ticket.id, { categoryCode: 'UTIL.WATER', departmentCode: 'CITY-POWER' });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(await checkEvents(ticket.id)).toHaveLength(2);
    expect(await examples(ticket.id)).toMatchObject([{ categoryCode: 'UTIL.WATER', departmentCode: 'CITY-POWER', categoryCorrect: true }]);
    expect((await routed(ticket.id)).flags).toEqual(['auto-routed', 'checked']);
    expect(
      await app.db.prisma.message.count({ where: { ticketId: ticket.id, idempotencyKey: { startsWith: `status-${ticket.id}-reroute` } } }),
    ).toBe(1);
  });

  test('when an agent finds an auto-routed ticket right, then it is learnt as a suggestion the model got right and the citizen is not told again', async () => {
    const ticket = await autoRouted(CLEAR.replace('红旗小区', '银杏小区'));
    const checked = await check(ticket.id, {});
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);

    expect(await routed(ticket.id)).toMatchObject({ category: { code: 'UTIL.WATER' }, leadDepartment: { code: 'CITY-WATER' } });
    expect(await checkEvents(ticket.id)).toMatchObject([{ after: { categoryCode: 'UTIL.WATER', changed: false } }]);
    expect(await examples(ticket.id)).toMatchObject([
      { categoryCode: 'UTIL.WATER', departmentCode: 'CITY-WATER', suggestedCategoryCode: 'UTIL.WATER', categoryCorrect: true },
    ]);
    expect(await toCheck()).not.toContain(ticket.id);
    expect(
      await app.db.prisma.message.count({
        where: { ticketId: ticket.id, direction: 'OUTBOUND', idempotencyKey: { startsWith: `status-${ticket.id}` } },
      }),
    ).toBe(1);
  });

  test('when an agent confirmed a ticket and corrects it before dispatch, then its one training example says what the agent decided last', async () => {
    const { ticket } = await send(UNCLEAR.replace('情况', '事情'));
    const confirmed = await http(`${app.url}/api/v1/tickets/${ticket.id}/review`, { body: { categoryCode: 'UTIL.WATER' }, token: agent });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(await examples(ticket.id)).toMatchObject([{ categoryCode: 'UTIL.WATER', departmentCode: 'CITY-WATER' }]);

    expect((await check(ticket.id, { categoryCode: 'UTIL.GAS' })).status).toBe(200);
    expect(await examples(ticket.id)).toMatchObject([{ categoryCode: 'UTIL.GAS', departmentCode: 'CITY-GAS' }]);
    expect(await routed(ticket.id)).toMatchObject({
      category: { code: 'UTIL.GAS' },
      leadDepartment: { code: 'CITY-GAS' },
      flags: ['checked'],
    });
  });

  test('when agents have checked auto-routed tickets, then the model version shows how often its routing was right', async () => {
    const modelId = (await app.db.prisma.nluModel.findFirstOrThrow({ where: { version: modelVersion } })).id;
    const figures = async () =>
      (await http(`${app.url}/api/v1/nlu/models/${modelId}`, { token: BOOTSTRAP_TOKEN })).body.autoRouteChecks as {
        checked: number;
        categoryRight: number;
        precision: number | null;
      };
    const before = await figures();
    const wrong = await autoRouted(CLEAR.replace('红旗小区', '丁香小区'));
    const right = await autoRouted(CLEAR.replace('红旗小区', '紫荆小区'));
    const unchecked = await autoRouted(CLEAR.replace('红旗小区', '海棠小区'));
    expect((await check(wrong.id, { categoryCode: 'UTIL.GAS' })).status).toBe(200);
    expect((await check(right.id, {})).status).toBe(200);

    const after = await figures();
    expect(after).toEqual({
      checked: before.checked + 2,
      categoryRight: before.categoryRight + 1,
      precision: (before.categoryRight + 1) / (before.checked + 2),
    });
    expect(await toCheck()).toContain(unchecked.id);
    // The list of versions carries the same figure.
    const listed = (await http(`${app.url}/api/v1/nlu/models`, { token: BOOTSTRAP_TOKEN })).body.items as {
      version: string;
      autoRouteChecks: unknown;
    }[];
    expect(listed.find((item) => item.version === modelVersion)?.autoRouteChecks).toEqual(after);
  });

  test('when a check is refused, then it says why and nothing changes', async () => {
    const waiting = (await send(UNCLEAR.replace('情况', '问题'))).ticket;
    const notYet = await check(waiting.id, { categoryCode: 'UTIL.POWER' });
    expect(notYet.status).toBe(422);
    expect(notYet.body.error.message).toMatch(/ACCEPTED.*PENDING_DISPATCH/);

    const ticket = await autoRouted(CLEAR.replace('红旗小区', '枫林小区'));
    const unknown = await check(ticket.id, { categoryCode: 'NO.SUCH' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/NO\.SUCH/);
    const badField = await check(ticket.id, { urgency: 'WHENEVER' });
    expect(badField.status).toBe(400);

    for (const id of [waiting.id, ticket.id]) {
      expect(await checkEvents(id)).toEqual([]);
      expect(await examples(id)).toEqual([]);
    }
    expect(await routed(ticket.id)).toMatchObject({ category: { code: 'UTIL.WATER' }, flags: ['auto-routed'] });
    expect(await routed(waiting.id)).toMatchObject({ status: 'ACCEPTED', categoryId: null });
  });
});

describe('auto-route off', () => {
  test('when the setting is off, then even a clear message waits for review', async () => {
    await app.stop();
    app = await startTestApp({ storage: app.storage, env: settings('off') });
    await listen();
    key = await createApiKey(app.url);
    agent = (await createAgent(app.url)).token;
    expect(app.runtime.deps.classifier.current()?.version).toBe(modelVersion);

    const { ticket } = await send(CLEAR.replace('红旗小区', '白云小区'));
    expect((await suggestionOf(ticket.id)).band).toBe('AUTO');
    expect(ticket).toMatchObject({ status: 'ACCEPTED', flags: [] });
    expect(await confirmEvents(ticket.id)).toEqual([]);
    expect(await inQueue(ticket.id)).toBe(true);
  });
});
