/** The API channel end to end: stored exactly once, queued, classified, waiting for an agent. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { apiMessage, createAgent, createApiKey } from '../helpers/actors.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { http, waitFor } from '../helpers/http.js';

let app: TestApp;
let key: string;
let agent: string;

beforeAll(async () => {
  app = await startTestApp();
  key = await createApiKey(app.url);
  agent = (await createAgent(app.url)).token;
});
afterAll(async () => app?.close());

const post = (body: unknown, token = key) => http(`${app.url}/api/v1/intake/messages`, { body, token });
const ticketOf = (messageId: string) =>
  waitFor(
    async () => (await app.db.prisma.message.findUnique({ where: { id: messageId }, include: { ticket: true } }))?.ticket ?? undefined,
    15_000,
    'ticket',
  );

describe('API channel intake', () => {
  test('when a message is posted, then 202 names the stored message, and it becomes a numbered ticket with a suggestion in the review queue', async () => {
    const response = await post(apiMessage({ text: '东城区幸福路12号门口的路灯坏了一个星期，晚上出门很不安全，请尽快修理。' }));
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ id: expect.any(String), status: 'accepted' });

    const ticket = await ticketOf(response.body.id);
    expect(ticket.number).toMatch(/^\d{8}-\d{6}$/);
    expect(ticket.status).toBe('ACCEPTED');

    const queue = await http(`${app.url}/api/v1/review/queue`, { token: agent });
    const item = queue.body.items.find((i: { id: string }) => i.id === ticket.id);
    expect(item).toMatchObject({ id: ticket.id, number: ticket.number, status: 'ACCEPTED' });
    expect(item.suggestion.modelVersion).toMatch(/^seed-/);
    expect(item.suggestion.categories[0]).toMatchObject({ code: expect.stringMatching(/^URBAN/), score: expect.any(Number) });
    expect(item.suggestion.departments.length).toBeGreaterThan(0);

    const detail = await http(`${app.url}/api/v1/tickets/${ticket.id}`, { token: agent });
    expect(detail.status).toBe(200);
    expect(detail.body.suggestion.categories.length).toBeGreaterThan(0);
    expect(detail.body.messages[0]).toMatchObject({ direction: 'INBOUND', text: expect.stringContaining('路灯') });
    expect(detail.body.events.map((e: { event: string }) => e.event)).toEqual(['create', 'submit']);
  });

  test('when the same externalId is posted twice, then the second answer is 200 with the same id and there is one ticket', async () => {
    const message = apiMessage();
    const first = await post(message);
    const second = await post(message);
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ id: first.body.id, status: 'duplicate' });
    await ticketOf(first.body.id);
    expect(await app.db.prisma.ticket.count({ where: { originMessageId: first.body.id } })).toBe(1);
  });

  test('when the same message is posted 20 times at once, then one message and one ticket exist', async () => {
    const message = apiMessage();
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(message)));
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(19);
    const [id] = [...ids] as string[];
    await ticketOf(id!);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await app.db.prisma.message.count({ where: { channel: 'api', externalId: message.externalId } })).toBe(1);
    expect(await app.db.prisma.ticket.count({ where: { originMessageId: id } })).toBe(1);
  });

  test('when another source system uses the same externalId, then it is a different message', async () => {
    const otherKey = await createApiKey(app.url, 'grid-app');
    const message = apiMessage();
    const a = await post(message);
    const b = await post(message, otherKey);
    expect(b.status).toBe(202);
    expect(b.body.id).not.toBe(a.body.id);
  });

  test('when the caller reads its message back, then it sees the ticket number; another source cannot see it', async () => {
    const { body } = await post(apiMessage());
    const ticket = await ticketOf(body.id);
    const own = await http(`${app.url}/api/v1/intake/messages/${body.id}`, { token: key });
    expect(own.body).toMatchObject({ id: body.id, status: 'PROCESSED', ticket: { number: ticket.number } });
    const foreign = await http(`${app.url}/api/v1/intake/messages/${body.id}`, { token: await createApiKey(app.url, 'other') });
    expect(foreign.status).toBe(404);
  });

  test('when a message carries a photo and a location, then both are stored with it', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const { body } = await post(
      apiMessage({
        attachments: [
          { data: png.toString('base64'), mime: 'image/png', name: 'light.png' },
          { url: 'https://calls.example/rec/1.mp3', mime: 'audio/mpeg' },
        ],
        location: { text: '幸福路12号', lat: 31.23, lng: 121.47 },
      }),
    );
    const ticket = await ticketOf(body.id);
    expect(ticket).toMatchObject({ locationText: '幸福路12号', lat: 31.23, lng: 121.47, datum: 'WGS84' });
    const detail = await http(`${app.url}/api/v1/tickets/${ticket.id}`, { token: agent });
    const attachments = detail.body.messages[0].attachments as { id: string; mime: string; url: string; size: number }[];
    expect(attachments.map((a) => a.mime).sort()).toEqual(['audio/mpeg', 'image/png']);
    const image = attachments.find((a) => a.mime === 'image/png')!;
    const download = await fetch(`${app.url}${image.url}`, { headers: { authorization: `Bearer ${agent}` } });
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
  });
});

describe('bad input gets a clear 4xx and nothing is stored', () => {
  const cases = [
    { description: 'text is missing', body: () => ({ externalId: 'bad-1', citizen: { id: '1' } }), status: 400, reason: /text/ },
    { description: 'text is empty', body: () => apiMessage({ text: '   ' }), status: 400, reason: /text: must not be empty/ },
    { description: 'citizen has the wrong type', body: () => apiMessage({ citizen: 42 }), status: 400, reason: /citizen/ },
    { description: 'externalId is a number', body: () => apiMessage({ externalId: 7 }), status: 400, reason: /externalId/ },
    { description: 'an unknown field is sent', body: () => apiMessage({ priority: 'high' }), status: 400, reason: /priority/ },
    {
      description: 'the phone number is not one',
      body: () => apiMessage({ citizen: { id: '1', phone: 'call me' } }),
      status: 400,
      reason: /phone/,
    },
    {
      description: 'the body is 2 MB',
      body: () => apiMessage({ text: '很'.repeat(700_000) }),
      status: 413,
      reason: /larger than the limit/,
    },
  ];

  test.each(cases)('when $description, then $status', async ({ body, status, reason }) => {
    const before = await app.db.prisma.message.count();
    const response = await post(body());
    expect(response.status).toBe(status);
    expect(response.body.error.message).toMatch(reason);
    expect(await app.db.prisma.message.count()).toBe(before);
  });

  test('when the body is not JSON, then 400 and nothing is stored', async () => {
    const before = await app.db.prisma.message.count();
    const response = await http(`${app.url}/api/v1/intake/messages`, {
      raw: '{"externalId": ',
      headers: { 'content-type': 'application/json' },
      token: key,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/not valid JSON/);
    expect(await app.db.prisma.message.count()).toBe(before);
  });

  test.each([
    { description: 'no API key', token: undefined, status: 401 },
    { description: 'an unknown API key', token: 'sqk_unknown', status: 401 },
    { description: 'a made-up token', token: 'hello', status: 401 },
  ])('when the caller sends $description, then $status and nothing is stored', async ({ token, status }) => {
    const before = await app.db.prisma.message.count();
    const response = await http(`${app.url}/api/v1/intake/messages`, { body: apiMessage(), token });
    expect(response.status).toBe(status);
    expect(response.body.error.message).toBeTruthy();
    expect(await app.db.prisma.message.count()).toBe(before);
  });

  test('when an agent session is used instead of an API key, then 401', async () => {
    const response = await post(apiMessage(), agent);
    expect(response.status).toBe(401);
  });

  test.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1'; drop table"])(
    'when ticket %s is asked for, then 404 with a reason',
    async (id) => {
      const response = await http(`${app.url}/api/v1/tickets/${encodeURIComponent(id)}`, { token: agent });
      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({ kind: 'NOT_FOUND', message: expect.stringContaining('does not exist') });
    },
  );

  test('when an unknown API path is called, then 404 in JSON', async () => {
    const response = await http(`${app.url}/api/v1/nothing-here`, { token: agent });
    expect(response.status).toBe(404);
    expect(response.body.error.kind).toBe('NOT_FOUND');
  });
});
