/**
 * Admins train the category model as a product feature: import a labelled file (all or nothing),
 * ask for a run that trains in a worker thread while intake goes on, read its evaluation, compare it
 * with the active version, activate it, roll back; agents get the least certain tickets first.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { apiMessage, createAgent, createApiKey } from '../helpers/actors.js';
import { BOOTSTRAP_TOKEN, startTestApp, type TestApp } from '../helpers/backend.js';
import { http, waitFor } from '../helpers/http.js';

let app: TestApp;
let key: string;
let agent: string;
const admin = BOOTSTRAP_TOKEN;

beforeAll(async () => {
  app = await startTestApp();
  key = await createApiKey(app.url);
  agent = (await createAgent(app.url)).token;
});
afterAll(async () => app?.close());

const jsonl = (rows: object[]) => rows.map((row) => JSON.stringify(row)).join('\n');
const upload = (content: string, type = 'application/x-ndjson', token = admin) =>
  http(`${app.url}/api/v1/nlu/training-data`, { raw: content, headers: { 'content-type': type }, token });
const imported = () => app.db.prisma.trainingExample.count({ where: { source: 'IMPORT' } });
const activeVersion = async () =>
  (await app.db.prisma.activeModel.findUnique({ where: { kind: 'category' }, include: { model: true } }))?.model.version;

describe('training data import', () => {
  test('when a JSONL file has one bad line among good ones, then 400 names the line and nothing is imported', async () => {
    const before = await imported();
    const file = [
      JSON.stringify({ title: '工资拖欠', detail: '公司三个月没发工资', label: 'LABOR.WAGE_ARREARS' }),
      '{"text": "路灯坏了", "label": ',
      JSON.stringify({ text: '垃圾桶没人清运', label: 'NO.SUCH.CATEGORY' }),
    ].join('\n');
    const answer = await upload(file);
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([{ line: 2, message: 'not valid JSON' }]);
    const unknown = await upload(jsonl([{ text: '垃圾桶没人清运', label: 'NO.SUCH.CATEGORY' }]));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0]).toMatchObject({ line: 1, message: expect.stringContaining('NO.SUCH.CATEGORY') });
    expect(await imported()).toBe(before);
  });

  test('when a CSV file with quoted fields arrives, then every row is imported under its category', async () => {
    const csv =
      'title,detail,label\n"拖欠工资","老板说""下个月再发""，已经三个月了",LABOR.WAGE_ARREARS\n小区垃圾,"垃圾桶满了,没人清运",URBAN.SANITATION\n';
    const answer = await upload(csv, 'text/csv');
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toEqual({
      imported: 2,
      perCategory: { 'LABOR.WAGE_ARREARS': 1, 'URBAN.SANITATION': 1 },
      withRequestType: 0,
      withUrgency: 0,
      withDepartment: 0,
    });
    const row = await app.db.prisma.trainingExample.findFirstOrThrow({ where: { source: 'IMPORT', categoryCode: 'LABOR.WAGE_ARREARS' } });
    expect(row.text).toBe('拖欠工资 老板说"下个月再发"，已经三个月了');
  });

  test("when an old system's decisions come with request type, urgency and unit (codes or names), then they are kept for the auxiliary models", async () => {
    const csv = [
      'text,label,requestType,urgency,department',
      '红旗小区停水两天了,UTIL.WATER,求助,紧急,市水务集团',
      '老板拖欠工资三个月,LABOR.WAGE_ARREARS,COMPLAINT,normal,CITY-HR-SOCIAL',
      '请问社保怎么转移,LABOR.WAGE_ARREARS,咨询,,',
    ].join('\n');
    const answer = await upload(csv, 'text/csv');
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toMatchObject({ imported: 3, withRequestType: 3, withUrgency: 2, withDepartment: 2 });
    const stored = await app.db.prisma.trainingExample.findMany({
      where: { source: 'IMPORT', text: { in: ['红旗小区停水两天了', '老板拖欠工资三个月', '请问社保怎么转移'] } },
      orderBy: { text: 'asc' },
    });
    expect(stored.map(({ text, requestType, urgency, departmentCode }) => ({ text, requestType, urgency, departmentCode }))).toEqual([
      { text: '红旗小区停水两天了', requestType: 'HELP', urgency: 'URGENT', departmentCode: 'CITY-WATER' },
      { text: '老板拖欠工资三个月', requestType: 'COMPLAINT', urgency: 'NORMAL', departmentCode: 'CITY-HR-SOCIAL' },
      { text: '请问社保怎么转移', requestType: 'CONSULT', urgency: null, departmentCode: null },
    ]);
  });

  test('when a decision column holds an unknown value, then 400 names each line and value and nothing is imported', async () => {
    const before = await imported();
    const answer = await upload(
      jsonl([
        { text: '又停水了', label: 'UTIL.WATER', requestType: '吐槽' },
        { text: '水管爆了', label: 'UTIL.WATER', urgency: 'SOON', department: '不存在的局' },
        { text: '停水了', label: 'UTIL.WATER', requestType: 'HELP' },
      ]),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([
      { line: 1, message: expect.stringContaining('"吐槽" is not a request type') },
      { line: 2, message: expect.stringContaining('"SOON" is not an urgency') },
      { line: 2, message: '"不存在的局" is neither the code nor the name of a live department' },
    ]);
    expect(await imported()).toBe(before);
  });

  test('when an agent or an unknown caller imports, then it is refused', async () => {
    expect((await upload(jsonl([{ text: 'x', label: 'URBAN.SANITATION' }]), undefined, agent)).status).toBe(403);
    expect((await upload('text,label\nx,URBAN.SANITATION\n', 'text/plain')).status).toBe(415);
  });
});

describe('training runs', () => {
  test('when an admin asks for a run, then it trains in a worker while intake goes on, and stores its evaluation', async () => {
    const seedVersion = await activeVersion();
    const requested = await http(`${app.url}/api/v1/nlu/models`, { body: { sources: ['SEED', 'IMPORT'] }, token: admin });
    expect(requested.status, JSON.stringify(requested.body)).toBe(202);
    expect(requested.body).toMatchObject({ status: 'QUEUED', kind: 'category', examples: expect.any(Number) });
    const id = requested.body.id as string;

    // A citizen's message is taken in and made a ticket while the model trains.
    await waitFor(async () => (await app.db.prisma.nluModel.findUnique({ where: { id } }))?.status === 'TRAINING', 20_000, 'training');
    const sent = await http(`${app.url}/api/v1/intake/messages`, { body: apiMessage(), token: key });
    expect(sent.status).toBe(202);
    await waitFor(
      async () => (await app.db.prisma.message.findUnique({ where: { id: sent.body.id } }))?.status === 'PROCESSED',
      20_000,
      'the message',
    );
    expect((await app.db.prisma.nluModel.findUniqueOrThrow({ where: { id } })).status).toBe('TRAINING');

    const ready = await waitFor(
      async () => {
        const model = (await http(`${app.url}/api/v1/nlu/models/${id}`, { token: admin })).body;
        if (model.status === 'FAILED') throw new Error(`training failed: ${model.error}`);
        return model.status === 'READY' ? model : undefined;
      },
      240_000,
      'the trained model',
    );
    expect(ready.metrics.evaluation).toMatchObject({
      n: expect.any(Number),
      accuracy: expect.any(Number),
      macroF1: expect.any(Number),
      perClass: expect.any(Object),
      confusion: { labels: expect.any(Array), counts: expect.any(Array) },
      coverageAtPrecision: { target: 0.95, coverage: expect.any(Number), precision: expect.any(Number) },
    });
    expect(ready.metrics.evaluation.n).toBeGreaterThan(50);
    // Far above chance (1 in ~100 categories); quality itself is measured by bench:nlu.
    expect(ready.metrics.evaluation.accuracy).toBeGreaterThan(0.3);
    expect(ready.metrics).not.toHaveProperty('heldOut');
    // Half, three quarters and all of the training part, measured on the same held-out examples.
    const curve = ready.metrics.learningCurve as {
      points: { share: number; examples: number; macroF1: number }[];
      gainPerDoubling: number;
      stillRising: boolean;
    };
    expect(curve.points.map((p) => p.share)).toEqual([0.5, 0.75, 1]);
    expect(curve.points[0]!.examples).toBeLessThan(curve.points[1]!.examples);
    expect(curve.points[1]!.examples).toBeLessThan(curve.points[2]!.examples);
    expect(curve.points[2]!.macroF1).toBe(ready.metrics.evaluation.macroF1);
    expect(curve.stillRising).toBe(curve.gainPerDoubling >= 0.01);
    // Seed texts and imports carry no agent decisions: type and urgency stay on the rules, no department model.
    expect(ready.metrics.auxiliary).toMatchObject({
      requestType: { answers: 'rules', reason: 'too-few-examples', crossValidation: null },
      urgency: { answers: 'rules', reason: 'too-few-examples' },
      department: { trained: false, reason: 'too-few-examples', learned: [] },
    });
    expect(ready.active).toBe(false);
    expect(await activeVersion()).toBe(seedVersion);

    const comparison = await http(`${app.url}/api/v1/nlu/models/${id}/comparison`, { token: admin });
    expect(comparison.status).toBe(200);
    expect(comparison.body).toMatchObject({
      examples: ready.metrics.evaluation.n,
      activeMaySeeExamples: true,
      candidate: { version: ready.version, macroF1: expect.any(Number) },
      active: { version: seedVersion, macroF1: expect.any(Number) },
    });
    // On the candidate's own held-out data its figures are the ones stored at training time.
    expect(comparison.body.candidate.accuracy).toBeCloseTo(ready.metrics.evaluation.accuracy, 10);

    const activated = await http(`${app.url}/api/v1/nlu/models/${id}/activate`, { method: 'POST', token: admin });
    expect(activated.status).toBe(200);
    expect(activated.body.active).toBe(true);
    // Every process notices at its next refresh; here the refresh is not waited for.
    await (app.runtime.deps.classifier as unknown as { refresh(): Promise<void> }).refresh();
    expect(app.runtime.deps.classifier.current()?.version).toBe(ready.version);
    // The trained classifier now suggests for new tickets.
    const after = await http(`${app.url}/api/v1/intake/messages`, {
      body: apiMessage({ text: '公司拖欠工资三个月了，老板联系不上' }),
      token: key,
    });
    const suggestion = await waitFor(async () => {
      const ticket = await app.db.prisma.ticket.findFirst({ where: { originMessageId: after.body.id }, include: { suggestions: true } });
      return ticket?.suggestions[0];
    });
    expect(suggestion.modelVersion).toBe(ready.version);
    expect((suggestion.categories as { score: number }[])[0]!.score).toBeGreaterThan(0);

    const rolledBack = await http(`${app.url}/api/v1/nlu/models/rollback`, { method: 'POST', token: admin });
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body.version).toBe(seedVersion);
    expect(await activeVersion()).toBe(seedVersion);
    const history = await app.db.prisma.modelActivation.findMany({ orderBy: { activatedAt: 'asc' }, include: { model: true } });
    expect(history.map((row) => [row.model.version, row.reason])).toEqual([
      [seedVersion, 'seed model'],
      [ready.version, 'activated'],
      [seedVersion, 'rollback'],
    ]);

    const list = (await http(`${app.url}/api/v1/nlu/models`, { token: admin })).body.items;
    expect(list.find((item: { id: string }) => item.id === id)).toMatchObject({
      status: 'READY',
      active: false,
      summary: { macroF1: expect.any(Number) },
    });
  }, 300_000);

  test('when the sources hold fewer than two live categories, then the request is refused and nothing is queued', async () => {
    const before = await app.db.prisma.nluModel.count();
    const answer = await http(`${app.url}/api/v1/nlu/models`, { body: { sources: ['REVIEW'] }, token: admin });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('NOT_ENOUGH_EXAMPLES');
    expect(await app.db.prisma.nluModel.count()).toBe(before);
  });

  test('when a version that is not ready is activated, then the state error says so and the active version stays', async () => {
    const queued = await app.db.prisma.nluModel.create({
      data: { version: `test-failed-${Date.now()}`, kind: 'category', status: 'FAILED', error: 'x' },
    });
    const answer = await http(`${app.url}/api/v1/nlu/models/${queued.id}/activate`, { method: 'POST', token: admin });
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toMatch(/FAILED/);
    expect(await activeVersion()).not.toBe(queued.version);
  });
});

describe('active learning', () => {
  test('when agents ask for the uncertain tickets first, then the queue is ordered by the suggestion score, lowest first', async () => {
    for (const text of ['楼道里的灯坏了', '公司拖欠工资三个月，老板失联，要求劳动监察部门介入', '你好']) {
      const sent = await http(`${app.url}/api/v1/intake/messages`, { body: apiMessage({ text }), token: key });
      await waitFor(async () => (await app.db.prisma.message.findUnique({ where: { id: sent.body.id } }))?.status === 'PROCESSED');
    }
    const queue = (await http(`${app.url}/api/v1/review/queue?order=uncertain&limit=500`, { token: agent })).body.items as {
      suggestion: { categories: { score: number }[] } | null;
    }[];
    const scores = queue.map((item) => item.suggestion?.categories[0]?.score ?? -1);
    expect(scores.length).toBeGreaterThanOrEqual(3);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });
});
