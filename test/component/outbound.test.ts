/**
 * Replies go back on the channel the citizen used, through the outbound queue: delivered to a fake
 * receiver on loopback, retried when it fails, recorded on the message either way.
 */
import { createHmac } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { apiMessage, createApiKey } from '../helpers/actors.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-http-server.js';
import { http, waitFor } from '../helpers/http.js';

const SECRET = 'callback-secret-for-tests-0123456789';

let receiver: FakeServer;
let app: TestApp;
let key: string;

beforeAll(async () => {
  receiver = await startFakeServer();
  app = await startTestApp({
    env: { SUQIU_API_CALLBACK_URL: `${receiver.url}/replies`, SUQIU_API_CALLBACK_SECRET: SECRET, SUQIU_JOB_ATTEMPTS: '3' },
  });
  key = await createApiKey(app.url, 'call-centre');
});
afterAll(async () => {
  await app?.close();
  await receiver?.close();
});

async function reply(inboundId: string) {
  return waitFor(
    async () =>
      (await app.db.prisma.message.findFirst({
        where: { direction: 'OUTBOUND', replyToId: inboundId, status: { in: ['SENT', 'FAILED'] } },
      })) ?? undefined,
    20_000,
    'the reply to be sent or given up',
  );
}

describe('outbound replies on the API channel', () => {
  test('when a message is processed, then the acknowledgement with the ticket number reaches the caller, signed', async () => {
    receiver.respond = () => ({ status: 204 });
    const message = apiMessage({ citizen: { id: 'caller-7' } });
    const { body } = await http(`${app.url}/api/v1/intake/messages`, { body: message, token: key });
    const sent = await reply(body.id);
    expect(sent).toMatchObject({ status: 'SENT', attempts: 1 });
    const request = receiver.requests.find((r) => JSON.parse(r.body).inReplyTo === message.externalId)!;
    const payload = JSON.parse(request.body);
    const ticket = await app.db.prisma.ticket.findFirstOrThrow({ where: { originMessageId: body.id } });
    expect(payload).toMatchObject({
      type: 'reply',
      citizenId: 'caller-7',
      ticket: { number: ticket.number },
      text: expect.stringContaining(ticket.number),
    });
    const [t, v1] = String(request.headers['x-suqiu-signature'])
      .split(',')
      .map((part) => part.split('=')[1]);
    expect(v1).toBe(createHmac('sha256', SECRET).update(`${t}.${request.body}`).digest('hex'));
    expect(request.headers['idempotency-key']).toBe(sent.id);
  });

  test('when the receiver fails twice, then the reply is retried and delivered once on the third attempt', async () => {
    let calls = 0;
    receiver.respond = () => (++calls <= 2 ? { status: 503 } : { status: 200 });
    const { body } = await http(`${app.url}/api/v1/intake/messages`, { body: apiMessage(), token: key });
    const sent = await reply(body.id);
    expect(sent).toMatchObject({ status: 'SENT', attempts: 3, lastError: null });
    expect(calls).toBe(3);
  });

  test('when the receiver keeps failing, then the reply is marked FAILED with the reason after the last attempt', async () => {
    receiver.respond = () => ({ status: 500 });
    const { body } = await http(`${app.url}/api/v1/intake/messages`, { body: apiMessage(), token: key });
    const failed = await reply(body.id);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 3, lastError: expect.stringContaining('500') });
    const ticket = await app.db.prisma.ticket.findFirstOrThrow({ where: { originMessageId: body.id } });
    expect(ticket.status).toBe('ACCEPTED');
  });
});
