/**
 * The WeChat channel over real HTTP in safe mode with real encryption: the conformance suite (the
 * reply reaches the fake customer-service endpoint with the ticket number), then what is WeChat-specific
 * end to end: URL verification, the literal `success`, a photo copied through media/get, a voice note
 * whose recognised text becomes the ticket, a follow answered with a welcome, and MsgIds beyond 2^53.
 */
import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import {
  APP_ID,
  APP_SECRET,
  ENCODING_AES_KEY,
  events,
  forge,
  messages,
  OPENID,
  signedPost,
  toDelivery,
  toXml,
  TOKEN,
  urlVerificationPath,
  WEBHOOK_PATH,
} from '../fixtures/wechat/requests.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { startFakeWeChat, type FakeWeChat } from '../helpers/fakes/wechat.js';
import { waitFor } from '../helpers/http.js';
import { runHttpConformance, send, type Delivery } from './channel-http.suite.js';

// One message, one ticket: this file is about the channel's pipeline; the bot's dialog is test/component/dialog.test.ts.
const DIRECT = { SUQIU_DIALOG_CHANNELS: 'none' };

function wechatEnv(wechat: FakeWeChat): Record<string, string> {
  return {
    WECHAT_APP_ID: APP_ID,
    WECHAT_APP_SECRET: APP_SECRET,
    WECHAT_TOKEN: TOKEN,
    WECHAT_ENCODING_AES_KEY: ENCODING_AES_KEY,
    WECHAT_API_BASE: wechat.url,
  };
}

/** Breaks the plain `signature` parameter (not `msg_signature`). */
function forgeSignature(delivery: Delivery): Delivery {
  return {
    ...delivery,
    path: delivery.path.replace(/([?&])signature=([0-9a-f]+)/, (_, sep: string, sig: string) => `${sep}signature=${forge(sig)}`),
  };
}

let conformanceWeChat: FakeWeChat;

runHttpConformance(() => ({
  channel: 'wechat',
  deadlineMs: 5_000,
  env: async () => {
    conformanceWeChat = await startFakeWeChat({ appId: APP_ID, appSecret: APP_SECRET });
    return wechatEnv(conformanceWeChat);
  },
  valid: () => toDelivery(signedPost(messages.text('幸福路和建设路交叉口的红绿灯坏了，早高峰很危险，请尽快修理'))),
  tamper: forgeSignature,
  malformed: () => [
    toDelivery(signedPost('这不是XML')),
    toDelivery(signedPost(toXml({ ...messages.text(), FromUserName: '' }))),
    toDelivery(signedPost(toXml({ ...messages.text(), MsgId: 'not-a-number' }))),
    // An envelope without <Encrypt>: authentic query, nothing to decrypt.
    { ...toDelivery(signedPost(messages.text())), body: '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName></xml>' },
  ],
  okStatus: [200],
  rejectStatus: 401,
  expectReply: async (number) => {
    // A reply that offers choices goes as a msgmenu, its words in head_content.
    const sent = await waitFor(
      () => conformanceWeChat.customMessages.find((m) => (m.text?.content ?? m.msgmenu?.head_content)?.includes(number)),
      15_000,
      'the customer-service message at WeChat',
    );
    expect(sent).toMatchObject({ touser: OPENID, msgtype: expect.stringMatching(/^(text|msgmenu)$/) });
  },
  teardown: () => conformanceWeChat.close(),
}));

describe('wechat over HTTP: URL verification, acknowledgement, media, voice and events', () => {
  let app: TestApp;
  let wechat: FakeWeChat;

  beforeAll(async () => {
    wechat = await startFakeWeChat({ appId: APP_ID, appSecret: APP_SECRET });
    app = await startTestApp({ env: { ...DIRECT, ...wechatEnv(wechat) } });
  });
  afterAll(async () => {
    await app?.close();
    await wechat?.close();
  });

  const ticketOf = (msgId: string) =>
    waitFor(
      async () =>
        (await app.db.prisma.ticket.findFirst({ where: { originMessage: { channel: 'wechat', externalId: msgId } } })) ?? undefined,
      20_000,
      'the ticket',
    );

  test('when WeChat verifies the URL, then echostr comes back unchanged as text/plain; a wrong signature gets 401', async () => {
    const echostr = '7216413285573129412';
    const ok = await fetch(`${app.url}${urlVerificationPath(echostr)}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe(echostr);
    const forged = await fetch(`${app.url}${urlVerificationPath(echostr, { token: 'notTheToken' })}`);
    expect(forged.status).toBe(401);
    expect(await forged.text()).not.toContain(echostr);
  });

  test('when a message arrives, then the answer is the literal success as text/plain, the same for a retry', async () => {
    const delivery = toDelivery(signedPost(messages.text('噪音扰民')));
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await fetch(`${app.url}${delivery.path}`, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body as string,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toBe('success');
    }
  });

  test('when a plaintext push arrives although an EncodingAESKey is configured, then it is refused and not stored', async () => {
    const fields = messages.text('明文');
    const answer = await send(app, toDelivery(signedPost(fields, { mode: 'plaintext' })));
    expect(answer.status).toBe(401);
    expect(await app.db.prisma.message.count({ where: { channel: 'wechat', externalId: fields.MsgId } })).toBe(0);
  });

  test('when the MsgId exceeds 2^53, then it is stored exactly as sent', async () => {
    const fields = messages.text('井盖丢失');
    expect(Number(fields.MsgId)).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect((await send(app, toDelivery(signedPost(fields)))).status).toBe(200);
    const stored = await app.db.prisma.message.findFirst({ where: { channel: 'wechat', dedupKey: fields.MsgId } });
    expect(stored?.externalId).toBe(fields.MsgId);
  });

  test('when a photo arrives, then it is fetched through media/get and stored on the ticket’s message', async () => {
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF photo of a broken street lamp')]);
    const fields = messages.image({ MediaId: wechat.addMedia(photo, 'image/jpeg') });
    expect((await send(app, toDelivery(signedPost(fields)))).status).toBe(200);
    const attachment = await waitFor(
      async () =>
        (await app.db.prisma.attachment.findFirst({ where: { message: { externalId: fields.MsgId }, storageKey: { not: '' } } })) ??
        undefined,
      20_000,
      'the stored photo',
    );
    expect(attachment).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      size: photo.length,
      sha256: createHash('sha256').update(photo).digest('hex'),
      sourceRef: fields.MediaId,
    });
    expect(attachment.storageKey).not.toBe('');
    const ticket = await ticketOf(fields.MsgId!);
    expect(ticket).toMatchObject({ channel: 'wechat', originMessageId: attachment.messageId });
    expect(wechat.calls.filter((c) => c.path === '/cgi-bin/media/get')).toHaveLength(1);
  });

  test('when a voice note with Recognition arrives, then the recognised text becomes the ticket description', async () => {
    const amr = Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(64, 7)]);
    const recognised = '建设路菜市场门口的下水道堵了，污水漫到路上。';
    const fields = messages.voice({ MediaId: wechat.addMedia(amr, 'audio/amr'), Recognition: recognised });
    expect((await send(app, toDelivery(signedPost(fields)))).status).toBe(200);
    const ticket = await ticketOf(fields.MsgId!);
    expect(ticket.description).toBe(recognised);
    const message = await app.db.prisma.message.findFirst({
      where: { channel: 'wechat', externalId: fields.MsgId },
      include: { attachments: true },
    });
    expect(message).toMatchObject({ kind: 'voice', text: recognised });
    expect(message?.attachments).toEqual([expect.objectContaining({ kind: 'audio', mime: 'audio/amr' })]);
  });

  test('when a citizen follows the account, then the event is stored without a ticket and a welcome goes out', async () => {
    const follower = 'oyORnuFollower00000000000001';
    const fields = events.subscribe({ FromUserName: follower });
    const delivery = toDelivery(signedPost(fields));
    expect((await send(app, delivery)).status).toBe(200);
    expect((await send(app, delivery)).status).toBe(200);
    const welcome = await waitFor(() => wechat.customMessages.find((m) => m.touser === follower), 15_000, 'the welcome');
    // With the bot's menu of choices the welcome is a msgmenu, its words in head_content.
    expect(welcome.text?.content ?? welcome.msgmenu?.head_content).toMatch(/\S/);
    const stored = await app.db.prisma.message.findMany({ where: { channel: 'wechat', channelUserId: follower, direction: 'INBOUND' } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: 'event', dedupKey: expect.stringMatching(/^event-[0-9a-f]{64}$/) });
    expect(await app.db.prisma.ticket.count({ where: { originMessageId: stored[0]!.id } })).toBe(0);
  });

  test('when the webhook is called without signature parameters, then it is refused', async () => {
    const answer = await send(app, { path: WEBHOOK_PATH, headers: { 'content-type': 'text/xml' }, body: toXml(messages.text()) });
    expect(answer.status).toBe(401);
  });
});
