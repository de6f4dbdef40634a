/** The citizen's web chat: session, message, photo, the bot's answer with the ticket number. */
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { createAgent } from '../helpers/actors.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { http, waitFor } from '../helpers/http.js';

// One message, one ticket: this file is about the channel's pipeline; the bot's dialog is test/component/dialog.test.ts.
const DIRECT = { SUQIU_DIALOG_CHANNELS: 'none' };

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: DIRECT });
});
afterAll(async () => app?.close());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function session(): Promise<string> {
  const response = await http(`${app.url}/api/v1/webchat/sessions`, { body: { locale: 'zh' } });
  expect(response.status).toBe(201);
  return response.body.token as string;
}

const send = (token: string, body: unknown) => http(`${app.url}/api/v1/webchat/messages`, { body, token });
const history = async (token: string) =>
  (await http(`${app.url}/api/v1/webchat/messages`, { token })).body.items as {
    direction: string;
    text: string;
    ticket?: { number: string };
  }[];

async function upload(token: string, bytes = PNG, type = 'image/png') {
  return http(`${app.url}/api/v1/webchat/attachments`, { raw: bytes, headers: { 'content-type': type }, token, method: 'POST' });
}

/** Reads the server-sent event stream until an event arrives. */
async function nextEvent(token: string, trigger: () => Promise<unknown>): Promise<{ event: string; data: any }> {
  const controller = new AbortController();
  const response = await fetch(`${app.url}/api/v1/webchat/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  await trigger();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
      const match = /event: (\w+)\ndata: (.*)\n\n/.exec(buffer);
      if (match) return { event: match[1]!, data: JSON.parse(match[2]!) };
    }
  } finally {
    controller.abort();
  }
}

describe('web chat', () => {
  test('when a citizen sends a message, then the bot answers with the ticket number, live and in the history', async () => {
    const token = await session();
    const clientMessageId = randomUUID();
    let ack: Awaited<ReturnType<typeof send>> | undefined;
    const event = await nextEvent(token, async () => {
      ack = await send(token, { clientMessageId, text: '我家楼下的垃圾桶已经满了三天没人清理，苍蝇很多，味道很大。' });
    });
    expect(ack?.status).toBe(200);
    expect(ack?.body).toEqual({ id: expect.any(String), duplicate: false });
    expect(event).toMatchObject({
      event: 'message',
      data: { type: 'message', ticket: { number: expect.stringMatching(/^\d{8}-\d{6}$/) } },
    });
    expect(event.data.text).toContain(event.data.ticket.number);
    const messages = await history(token);
    expect(messages.map((m) => m.direction)).toEqual(['INBOUND', 'OUTBOUND']);
    expect(messages[1]!.text).toContain('工单号');
  });

  test('when an agent confirms the ticket, then the citizen is told on the chat which unit handles it', async () => {
    const token = await session();
    const sent = await send(token, { clientMessageId: randomUUID(), text: '我们小区从早上开始停水了，到现在还没来水。' });
    const ticket = await waitFor(
      async () => (await app.db.prisma.ticket.findFirst({ where: { originMessageId: sent.body.id } })) ?? undefined,
    );
    const agent = await createAgent(app.url);
    const review = await http(`${app.url}/api/v1/tickets/${ticket.id}/review`, {
      body: { categoryCode: 'UTIL.WATER' },
      token: agent.token,
    });
    expect(review.status).toBe(200);
    const notice = await waitFor(async () => (await history(token)).find((m) => m.direction === 'OUTBOUND' && m.text.includes('已审核')));
    expect(notice.text).toBe(`您的工单 ${ticket.number} 已审核，将由市水务集团办理。`);
  });

  test('when a message in English arrives, then the answer is in English', async () => {
    const token = await session();
    await send(token, { clientMessageId: randomUUID(), text: 'The street light in front of building 3 has been broken for a week.' });
    const reply = await waitFor(async () => (await history(token)).find((m) => m.direction === 'OUTBOUND'));
    expect(reply.text).toMatch(/^Your request has been registered as ticket \d{8}-\d{6}/);
  });

  test('when the page resends a message after a network error, then it is stored once', async () => {
    const token = await session();
    const body = { clientMessageId: randomUUID(), text: '小区东门的井盖松动了，踩上去会晃' };
    const first = await send(token, body);
    const second = await send(token, body);
    expect(second.body).toEqual({ id: first.body.id, duplicate: true });
    await waitFor(async () => (await history(token)).length === 2);
    expect(await app.db.prisma.ticket.count({ where: { originMessageId: first.body.id } })).toBe(1);
  });

  test('when the citizen attaches a photo, then the ticket carries it and an agent can see it', async () => {
    const token = await session();
    const uploaded = await upload(token);
    expect(uploaded.status).toBe(201);
    const sent = await send(token, { clientMessageId: randomUUID(), text: '人行道的地砖碎了，见照片', attachmentIds: [uploaded.body.id] });
    const ticket = await waitFor(
      async () => (await app.db.prisma.message.findUnique({ where: { id: sent.body.id }, include: { ticket: true } }))?.ticket ?? undefined,
    );
    const agent = await createAgent(app.url);
    const detail = await http(`${app.url}/api/v1/tickets/${ticket.id}`, { token: agent.token });
    const [attachment] = detail.body.messages[0].attachments;
    expect(attachment).toMatchObject({ mime: 'image/png', size: PNG.length });
    const bytes = Buffer.from(
      await (await fetch(`${app.url}${attachment.url}`, { headers: { authorization: `Bearer ${agent.token}` } })).arrayBuffer(),
    );
    expect(bytes.equals(PNG)).toBe(true);
  });

  test("when a citizen references another session's photo, then 400 and nothing is stored", async () => {
    const owner = await session();
    const thief = await session();
    const uploaded = await upload(owner);
    const before = await app.db.prisma.message.count();
    const response = await send(thief, { clientMessageId: randomUUID(), text: '看这张照片', attachmentIds: [uploaded.body.id] });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/attachment/);
    expect(await app.db.prisma.message.count()).toBe(before);
  });

  test.each([
    { description: 'a PDF', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4'), status: 415 },
    { description: 'an empty image', type: 'image/png', bytes: Buffer.alloc(0), status: 400 },
    { description: 'a 6 MB image', type: 'image/jpeg', bytes: Buffer.alloc(6 * 1024 * 1024, 1), status: 413 },
  ])('when the upload is $description, then $status', async ({ type, bytes, status }) => {
    const response = await upload(await session(), bytes, type);
    expect(response.status).toBe(status);
    expect(response.body.error.message).toBeTruthy();
  });

  test('when there is no session or a forged one, then 401', async () => {
    const body = { clientMessageId: randomUUID(), text: 'x' };
    expect((await http(`${app.url}/api/v1/webchat/messages`, { body })).status).toBe(401);
    const forged = (await session()).replace(/\.[^.]+$/, '.forged');
    expect((await send(forged, body)).status).toBe(401);
    expect((await http(`${app.url}/api/v1/webchat/messages`, { token: forged })).status).toBe(401);
  });

  test('when a session is renewed, then it keeps its id (and the citizen keeps the conversation)', async () => {
    const first = await http(`${app.url}/api/v1/webchat/sessions`, { body: {} });
    const renewed = await http(`${app.url}/api/v1/webchat/sessions`, { body: {}, token: first.body.token });
    expect(renewed.status).toBe(200);
    expect(renewed.body.sessionId).toBe(first.body.sessionId);
  });

  test('when the chat page is requested, then suqiu serves it', async () => {
    const page = await fetch(`${app.url}/chat/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="chat-input"');
  });
});
