/**
 * The Aliyun SMS channel over real HTTP: the conformance suite (pushes to the secret URL, replies
 * through the fake SendSms API carrying the ticket number), then what is Aliyun-specific end to
 * end: a batch of two SMS, redelivery, big sequence ids, the IP allowlist behind a proxy, and
 * messages that answer another signature.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { DEST_CODE, PUSH_SECRET, pushBody, pushItem, SIGN_NAME, type PushItem } from '../fixtures/sms-aliyun/requests.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { startFakeAliyunSms, type FakeAliyunSms } from '../helpers/fakes/sms-aliyun.js';
import { waitFor } from '../helpers/http.js';
import { runHttpConformance, send, type Delivery } from './channel-http.suite.js';

const KEY = { accessKeyId: 'LTAI5tSuqiuTestKey', accessKeySecret: 'suqiuTestSecret0123456789abcdef' };
const ACK = { code: 0, msg: '接收成功' };

function push(items: Partial<PushItem>[], options: { secret?: string; forwardedFor?: string; body?: string } = {}): Delivery {
  return {
    path: `/webhooks/aliyun-sms/${options.secret ?? PUSH_SECRET}`,
    headers: {
      'content-type': 'application/json;charset=utf-8',
      ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
    },
    body: options.body ?? pushBody(items),
  };
}

function aliyunEnv(aliyun: FakeAliyunSms, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ALIYUN_SMS_PUSH_SECRET: PUSH_SECRET,
    ALIYUN_SMS_SIGN_NAME: SIGN_NAME,
    ALIYUN_SMS_DEST_CODES: DEST_CODE,
    ALIYUN_ACCESS_KEY_ID: KEY.accessKeyId,
    ALIYUN_ACCESS_KEY_SECRET: KEY.accessKeySecret,
    ALIYUN_SMS_TEMPLATE_CODE: 'SMS_465871234',
    ALIYUN_SMS_API_BASE: aliyun.url,
    ...overrides,
  };
}

let conformanceAliyun: FakeAliyunSms;

runHttpConformance(() => ({
  channel: 'sms_aliyun',
  deadlineMs: 5_000,
  env: async () => {
    conformanceAliyun = await startFakeAliyunSms(KEY);
    // The test client calls from loopback.
    return aliyunEnv(conformanceAliyun, { ALIYUN_SMS_ALLOWED_IPS: '127.0.0.1,::1' });
  },
  valid: () => push([pushItem()]),
  tamper: (delivery) => ({ ...delivery, path: `/webhooks/aliyun-sms/${PUSH_SECRET.slice(0, -1)}x` }),
  malformed: () => [
    push([pushItem({ phone_number: '1381111****' })]),
    push([], { body: '[{"phone_number":"13800138000","content":"x","sequence_id":1.5}]' }),
    push([], { body: '{"phone_number":' }),
    push([], { body: '"just text"' }),
  ],
  okStatus: [200],
  rejectStatus: 401,
  expectReply: async (number) => {
    const sent = await waitFor(
      () => conformanceAliyun.sends.find((s) => s.TemplateParam.content?.includes(number)),
      15_000,
      'the reply at Aliyun',
    );
    expect(sent).toMatchObject({ SignName: SIGN_NAME, TemplateCode: 'SMS_465871234' });
    expect(sent.PhoneNumbers).toMatch(/^1\d{10}$/);
    expect(sent.TemplateParam.content!.length).toBeLessThanOrEqual(35);
  },
  teardown: () => conformanceAliyun.close(),
}));

describe('sms_aliyun over HTTP: batches, redelivery, allowlist behind a proxy', () => {
  let app: TestApp;
  let aliyun: FakeAliyunSms;
  const inbound = () => app.db.prisma.message.count({ where: { channel: 'sms_aliyun', direction: 'INBOUND' } });

  beforeAll(async () => {
    aliyun = await startFakeAliyunSms(KEY);
    // Behind the hotline's reverse proxy on loopback: the caller's address comes from X-Forwarded-For.
    app = await startTestApp({
      // One message, one ticket: this file is about the channel's pipeline; the bot's dialog is test/component/dialog.test.ts.
      env: aliyunEnv(aliyun, {
        ALIYUN_SMS_ALLOWED_IPS: '203.0.113.0/24, 2001:db8:a::/48',
        SUQIU_TRUST_PROXY: 'loopback',
        SUQIU_DIALOG_CHANNELS: 'none',
      }),
    });
  });
  afterAll(async () => {
    await app?.close();
    await aliyun?.close();
  });

  test('when a push carries two SMS, then two messages and two tickets are stored, both answered; redelivery stores nothing new', async () => {
    const items = [
      pushItem({ phone_number: '13700137001' }),
      pushItem({ phone_number: '13700137002', content: '建设路井盖丢失，晚上有人差点掉下去' }),
    ];
    const delivery = push(items, { forwardedFor: '203.0.113.10' });
    const before = await inbound();
    const first = await send(app, delivery);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual(ACK);
    expect(await inbound()).toBe(before + 2);

    const ofThisPush = () =>
      app.db.prisma.ticket.findMany({ where: { originMessage: { externalId: { in: items.map((i) => i.sequence_id) } } } });
    const tickets = await waitFor(async () => ((await ofThisPush()).length === 2 ? ofThisPush() : undefined), 20_000, 'two tickets');
    for (const ticket of tickets) {
      await waitFor(
        () => aliyun.sends.find((s) => s.TemplateParam.content?.includes(ticket.number)),
        15_000,
        `the reply for ${ticket.number}`,
      );
    }
    expect(new Set(aliyun.sends.map((s) => s.PhoneNumbers))).toEqual(new Set(['13700137001', '13700137002']));

    // A reply longer than one SMS goes out in parts: wait until every reply is recorded as sent.
    await waitFor(
      async () =>
        (await app.db.prisma.message.count({
          where: { direction: 'OUTBOUND', channel: 'sms_aliyun', ticketId: { in: tickets.map((t) => t.id) }, status: { not: 'SENT' } },
        })) === 0,
      20_000,
      'every reply sent',
    );
    const sendsBefore = aliyun.sends.length;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const again = await send(app, delivery);
      expect(again.status).toBe(200);
      expect(JSON.parse(again.body)).toEqual(ACK);
    }
    expect(await inbound()).toBe(before + 2);
    expect(await ofThisPush()).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(aliyun.sends.length).toBe(sendsBefore);
  });

  test('when sequence_id is beyond 2^53, then it is stored with every digit', async () => {
    const item = pushItem({ sequence_id: '9223372036854775807' });
    expect((await send(app, push([item], { forwardedFor: '2001:db8:a::7' }))).status).toBe(200);
    const stored = await app.db.prisma.message.findFirst({ where: { channel: 'sms_aliyun', dedupKey: '9223372036854775807' } });
    expect(stored).toMatchObject({
      externalId: '9223372036854775807',
      channelUserId: `+86${item.phone_number}`,
      sentAt: new Date('2026-11-21T02:15:30Z'),
    });
  });

  test.each([
    { description: 'an address outside the allowlist', forwardedFor: '198.51.100.7', secret: PUSH_SECRET },
    { description: 'an IPv6 address outside the allowlist', forwardedFor: '2001:db8:b::7', secret: PUSH_SECRET },
    { description: 'the wrong secret from an allowed address', forwardedFor: '203.0.113.10', secret: 'wrong-secret-0123456789abcdefgh' },
  ])('when a push comes from $description, then it is refused with 401 and nothing is stored', async ({ forwardedFor, secret }) => {
    const before = await inbound();
    const answer = await send(app, push([pushItem()], { forwardedFor, secret }));
    expect(answer.status).toBe(401);
    expect(answer.body).not.toContain(PUSH_SECRET);
    expect(await inbound()).toBe(before);
  });

  test('when content carries a NUL character (which PostgreSQL cannot store), then the push is still stored, without it', async () => {
    const item = pushItem({ content: '井盖丢失' });
    const body = pushBody([item]).replace('井盖', '井\\u0000盖');
    expect((await send(app, push([], { body, forwardedFor: '203.0.113.10' }))).status).toBe(200);
    expect(await app.db.prisma.message.findFirst({ where: { channel: 'sms_aliyun', dedupKey: item.sequence_id } })).toMatchObject({
      text: '井盖丢失',
    });
  });

  test('when a message answers another signature, then it is stored and acknowledged but makes no ticket and no reply', async () => {
    const item = pushItem({ sign_name: '某某物业' });
    const answer = await send(app, push([item], { forwardedFor: '203.0.113.10' }));
    expect(answer.status).toBe(200);
    const stored = await waitFor(
      async () =>
        (await app.db.prisma.message.findFirst({ where: { channel: 'sms_aliyun', dedupKey: item.sequence_id, status: 'PROCESSED' } })) ??
        undefined,
      15_000,
      'the processed message',
    );
    expect(stored).toMatchObject({ kind: 'event', ticketId: null });
    expect(await app.db.prisma.message.count({ where: { direction: 'OUTBOUND', replyToId: stored.id } })).toBe(0);
  });
});
