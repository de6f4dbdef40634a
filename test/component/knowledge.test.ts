/**
 * The knowledge base as admins and agents use it over HTTP, and as the bot reads it: imports are all
 * or nothing and idempotent, entries are managed by admins only, a search answers a paraphrase and
 * offers for a vague question, and a change is seen by another process's knowledge base.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { createKnowledgeBase, recordFeedback, saveAgentAnswer } from '../../intake/knowledge/index.js';
import { createAgent } from '../helpers/actors.js';
import { BOOTSTRAP_TOKEN, startTestApp, type TestApp } from '../helpers/backend.js';
import { http, waitFor } from '../helpers/http.js';
import { ENTRIES_FILE, knowledgeEntries } from '../fixtures/knowledge/index.js';

let app: TestApp;
let agent: string;
const admin = BOOTSTRAP_TOKEN;

beforeAll(async () => {
  app = await startTestApp();
  agent = (await createAgent(app.url)).token;
});
afterAll(async () => app?.close());

const api = (path: string, options: Parameters<typeof http>[1] = {}) =>
  http(`${app.url}/api/v1/knowledge${path}`, { token: admin, ...options });
const upload = (content: string, type = 'application/x-ndjson', token = admin) =>
  api('/import', { method: 'POST', raw: content, headers: { 'content-type': type }, token });
const stored = () => app.db.prisma.knowledgeEntry.count();
const jsonl = (rows: object[]) => rows.map((row) => JSON.stringify(row)).join('\n');
const search = (q: string, token = agent) => api(`/search?q=${encodeURIComponent(q)}&language=zh`, { token });

describe('import', () => {
  test('when one line of a file is bad, then 400 names every bad line and nothing is stored', async () => {
    const [first, second, third] = knowledgeEntries();
    const file = [
      JSON.stringify(first),
      JSON.stringify({ question: second!.question, alternates: second!.alternates }),
      JSON.stringify(third),
      JSON.stringify({ ...third, language: 'fr' }),
      '{"question": "断行',
    ].join('\n');
    const answer = await upload(file);
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([{ line: 5, message: 'not valid JSON' }]);

    const fields = await upload(file.split('\n').slice(0, 4).join('\n'));
    expect(fields.status).toBe(400);
    expect(fields.body.error.details).toEqual([
      { line: 2, message: expect.stringContaining('answer') },
      { line: 4, message: expect.stringContaining('language') },
    ]);
    const category = await upload(jsonl([first!, { ...second, categoryCode: 'NO.SUCH.CATEGORY' }]));
    expect(category.body.error.details).toEqual([
      { line: 2, message: 'categoryCode: "NO.SUCH.CATEGORY" is not the code of a live category' },
    ]);
    const typo = await upload(jsonl([{ question: '问题', anwser: '答案' }]));
    expect(typo.body.error.details).toEqual([{ line: 1, message: expect.stringContaining('Unrecognized key: "anwser"') }]);
    const twice = await upload(jsonl([first!, second!, { ...first, answer: '另一个答案' }]));
    expect(twice.body.error.details).toEqual([{ line: 3, message: 'the same question as line 1' }]);
    expect(await stored()).toBe(0);
  });

  test('when the fixture file is imported twice, then the second import creates and changes nothing', async () => {
    const file = readFileSync(ENTRIES_FILE, 'utf8');
    const first = await upload(file);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toEqual({ created: 42, updated: 0, unchanged: 0 });
    const before = await app.db.prisma.knowledgeEntry.findMany({ orderBy: { id: 'asc' } });
    expect(before.every((entry) => entry.source === 'IMPORT' && entry.active)).toBe(true);

    expect((await upload(file)).body).toEqual({ created: 0, updated: 0, unchanged: 42 });
    expect(await app.db.prisma.knowledgeEntry.findMany({ orderBy: { id: 'asc' } })).toEqual(before);

    const [entry] = knowledgeEntries();
    const changed = await upload(jsonl([{ ...entry, answer: `${entry!.answer} 也可在网上申请。` }]));
    expect(changed.body).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await stored()).toBe(42);
  });

  test('when a CSV file has a BOM, quoted fields and |-separated alternates, then each row is one entry', async () => {
    const csv =
      '\uFEFFQuestion,Alternates,Answer,Language,CategoryCode,Active\r\n' +
      '电动自行车怎么上牌？,电动车上牌|电瓶车挂牌,"带上购车发票、合格证和身份证,到车管所或服务站登记,""当场""发牌。",zh,SAFETY.TRAFFIC_VIOLATION,\r\n' +
      'How do I register an e-bike?,,Bring the invoice and your passport to a registration point.,en,,no\r\n';
    const answer = await upload(csv, 'text/csv');
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const ebike = await app.db.prisma.knowledgeEntry.findFirstOrThrow({ where: { question: '电动自行车怎么上牌？' } });
    expect(ebike).toMatchObject({
      alternates: ['电动车上牌', '电瓶车挂牌'],
      answer: '带上购车发票、合格证和身份证,到车管所或服务站登记,"当场"发牌。',
      language: 'zh',
      categoryCode: 'SAFETY.TRAFFIC_VIOLATION',
      active: true,
    });
    expect(
      await app.db.prisma.knowledgeEntry.findFirstOrThrow({ where: { language: 'en', question: { startsWith: 'How do I register' } } }),
    ).toMatchObject({
      alternates: [],
      active: false,
    });
  });

  test('when an agent imports, or the file comes as plain text, then it is refused', async () => {
    expect((await upload(jsonl([{ question: '问题', answer: '答案' }]), undefined, agent)).status).toBe(403);
    expect((await upload('question,answer\n问题,答案\n', 'text/plain')).status).toBe(415);
    expect((await upload('title,answer\n问题,答案\n', 'text/csv')).body.error.details).toEqual([
      { line: 1, message: 'the header has no "question" column' },
    ]);
  });
});

describe('entries', () => {
  test('when an admin creates, reads, changes and deletes an entry, then each step answers with the entry', async () => {
    const created = await api('', {
      body: { question: '如何申请临时救助？', alternates: ['临时救助', '如何申请临时救助？'], answer: '向户籍或居住地乡镇（街道）申请。' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ source: 'ADMIN', language: 'zh', active: true, alternates: ['临时救助'], categoryCode: null });
    const id = created.body.id as string;

    const read = await api(`/${id}`, { token: agent });
    expect(read.status).toBe(200);
    expect(read.body.question).toBe('如何申请临时救助？');

    const changed = await api(`/${id}`, {
      method: 'PATCH',
      body: { answer: '向乡镇（街道）社会救助窗口申请。', categoryCode: 'CIVIL.SOCIAL_ASSISTANCE' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      answer: '向乡镇（街道）社会救助窗口申请。',
      categoryCode: 'CIVIL.SOCIAL_ASSISTANCE',
      alternates: ['临时救助'],
    });

    const listed = await api(`?q=${encodeURIComponent('社会救助窗口')}`, { token: agent });
    expect(listed.body).toMatchObject({ total: 1, items: [{ id }] });

    expect((await api(`/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/${id}`)).status).toBe(404);
    expect((await api(`/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  test('the list is newest first and filters by language, activity and paging', async () => {
    const all = await api('?limit=200');
    expect(all.body.total).toBe(44);
    const times = all.body.items.map((item: { createdAt: string }) => item.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect((await api('?language=en&active=true')).body.total).toBe(5);
    expect((await api('?active=false')).body.items.map((item: { language: string }) => item.language)).toEqual(['en']);
    const page = await api('?limit=2&offset=1');
    expect(page.body.items.map((item: { id: string }) => item.id)).toEqual(
      all.body.items.slice(1, 3).map((item: { id: string }) => item.id),
    );
  });

  test.each([
    { description: 'an empty question', body: { question: ' ', answer: '答案' }, path: 'question' },
    { description: 'no answer', body: { question: '问题' }, path: 'answer' },
    { description: 'an unknown language', body: { question: '问题', answer: '答案', language: 'fr' }, path: 'language' },
    { description: 'a misspelt field', body: { question: '问题', answer: '答案', categorycode: 'X' }, path: 'body' },
    {
      description: 'a category that is not live',
      body: { question: '问题', answer: '答案', categoryCode: 'NO.SUCH' },
      path: 'categoryCode',
    },
  ])('when an admin sends $description, then 400 names the field', async ({ body, path }) => {
    const answer = await api('', { body });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.map((issue: { path: string }) => issue.path)).toContain(path);
  });

  test('when a patch is empty or names an unknown or malformed id, then 400 or 404', async () => {
    const [entry] = (await api('?limit=1')).body.items;
    expect((await api(`/${entry.id}`, { method: 'PATCH', body: {} })).status).toBe(400);
    expect((await api(`/${randomUUID()}`, { method: 'PATCH', body: { active: false } })).status).toBe(404);
    expect((await api('/not-a-uuid')).status).toBe(404);
  });

  test('the API reference lists the knowledge endpoints with their request bodies', async () => {
    const { paths } = (await http(`${app.url}/api/v1/openapi.json`)).body;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/api/v1/knowledge', '/api/v1/knowledge/search', '/api/v1/knowledge/import', '/api/v1/knowledge/{id}']),
    );
    expect(paths['/api/v1/knowledge'].post.requestBody.content['application/json'].schema.required).toEqual(['question', 'answer']);
  });

  test('when an agent writes, or nobody logged in reads, then it is refused', async () => {
    const [entry] = (await api('?limit=1')).body.items;
    expect((await api('', { body: { question: '问题', answer: '答案' }, token: agent })).status).toBe(403);
    expect((await api(`/${entry.id}`, { method: 'PATCH', body: { active: false }, token: agent })).status).toBe(403);
    expect((await api(`/${entry.id}`, { method: 'DELETE', token: agent })).status).toBe(403);
    expect((await http(`${app.url}/api/v1/knowledge`)).status).toBe(401);
    expect((await http(`${app.url}/api/v1/knowledge/search?q=x`)).status).toBe(401);
  });
});

describe('search', () => {
  test('when an agent tries a paraphrase, then the bot would answer it with the right entry', async () => {
    const answer = await search('外地户口想在这边办居住证要带什么');
    expect(answer.status).toBe(200);
    expect(answer.body.band).toBe('answer');
    expect(answer.body.matches[0]).toMatchObject({
      question: '如何办理居住证？',
      answer: expect.stringContaining('居住证'),
      score: expect.any(Number),
    });
  });

  test('when the question is vague, then the closest entries are offered', async () => {
    const answer = await search('公积金');
    expect(answer.body.band).toBe('offer');
    expect(answer.body.matches.map((match: { question: string }) => match.question).sort()).toEqual([
      '住房公积金怎么提取？',
      '公积金贷款怎么申请？',
    ]);
  });

  test('when a complaint comes, or no question is given, then nothing fits or 400', async () => {
    expect((await search('小区门口垃圾三天没人清理')).body).toEqual({ band: 'none', matches: [] });
    expect((await api('/search?q=', { token: agent })).status).toBe(400);
  });
});

describe('another process', () => {
  const question = '新能源汽车充电桩怎么报装？';
  const ask = '小区里想装新能源车充电桩，要怎么报装';

  test('when an admin adds, deactivates and re-activates an entry, then another process sees it after its refresh or an invalidate, without a restart', async () => {
    const worker = createKnowledgeBase(app.db, { refreshMs: 300 });
    const lazy = createKnowledgeBase(app.db, { refreshMs: 3_600_000 });
    expect((await worker.search(ask, 'zh')).band).toBe('none');
    expect((await lazy.search(ask, 'zh')).band).toBe('none');

    const created = await api('', {
      body: { question, alternates: ['充电桩安装申请'], answer: '向物业开具同意证明后，到供电营业厅或网上国网 App 申请报装。' },
    });
    expect(created.status).toBe(201);
    // The API's own knowledge base is invalidated by the write: at once.
    expect((await search(ask)).body.matches[0]?.question).toBe(question);
    await waitFor(async () => (await worker.search(ask, 'zh')).matches[0]?.question === question, 5_000, 'the worker to see the entry');
    expect((await lazy.search(ask, 'zh')).band).toBe('none');
    lazy.invalidate();
    expect((await lazy.search(ask, 'zh')).matches[0]).toMatchObject({ id: created.body.id, question, answer: created.body.answer });

    await api(`/${created.body.id}`, { method: 'PATCH', body: { active: false } });
    await waitFor(async () => (await worker.search(ask, 'zh')).band === 'none', 5_000, 'the worker to drop the entry');
    await api(`/${created.body.id}`, { method: 'PATCH', body: { active: true } });
    await waitFor(async () => (await worker.search(ask, 'zh')).band !== 'none', 5_000, 'the worker to see it again');
  });

  test('when citizens rate an answer, then the counts move and no process rebuilds for it', async () => {
    const entry = await app.db.prisma.knowledgeEntry.findFirstOrThrow({ where: { question } });
    expect(await recordFeedback(app.db, entry.id, true)).toBe(true);
    expect(await app.db.transaction((tx) => recordFeedback(tx, entry.id, false))).toBe(true);
    expect(await recordFeedback(app.db, randomUUID(), true)).toBe(false);
    const after = await app.db.prisma.knowledgeEntry.findUniqueOrThrow({ where: { id: entry.id } });
    expect(after).toMatchObject({ helpful: entry.helpful + 1, unhelpful: entry.unhelpful + 1, updatedAt: entry.updatedAt });
  });
});

describe('agent answers', () => {
  test('when an agent answers a consultation twice, then one AGENT entry holds the latest answer, with the citizen data masked', async () => {
    const ticketId = randomUUID();
    const save = (answer: string) =>
      app.db.transaction((tx) =>
        saveAgentAnswer(tx, {
          question: '我电话13812345678，想问一下独生子女奖励怎么领？',
          answer,
          language: 'zh',
          ticketId,
          categoryCode: 'HEALTH.MATERNAL_FAMILY',
        }),
      );
    const first = await save('到户籍所在社区申请，审核后按年发放。');
    const second = await save('到户籍所在社区或网上申请，审核后按年发放。');
    expect(second.id).toBe(first.id);
    const entries = await app.db.prisma.knowledgeEntry.findMany({ where: { ticketId } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      source: 'AGENT',
      question: '我电话138****5678，想问一下独生子女奖励怎么领？',
      answer: '到户籍所在社区或网上申请，审核后按年发放。',
      categoryCode: 'HEALTH.MATERNAL_FAMILY',
      active: true,
    });

    const other = await app.db.transaction((tx) =>
      saveAgentAnswer(tx, { question: '独生子女奖励怎么领', answer: '到社区申请。', language: 'zh', ticketId: randomUUID() }),
    );
    expect(other.id).not.toBe(first.id);
  });
});
