/**
 * The Twilio SMS channel over real HTTP: the conformance suite (signed form webhooks in, replies out
 * to the fake Twilio), then what is Twilio-specific end to end: the empty TwiML answer, an MMS whose
 * photo is fetched with Basic auth through Twilio's redirect, and the JSON-body webhook variant.
 */
import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  CITIZEN_NUMBER,
  encodeForm,
  HOTLINE_NUMBER,
  messageSid,
  signTwilio,
  smsParams,
  type Params,
} from '../fixtures/sms-twilio/requests.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fakes/sms-twilio.js';
import { waitFor } from '../helpers/http.js';
import { runHttpConformance, send, type Delivery } from './channel-http.suite.js';

// One message, one ticket: this file is about the channel's pipeline; the bot's dialog is test/component/dialog.test.ts.
const DIRECT = { SUQIU_DIALOG_CHANNELS: 'none' };

/** Behind the hotline's proxy: the URL Twilio calls is not the address the test server listens on. */
const WEBHOOK_URL = 'https://hotline.example.gov.cn/webhooks/twilio';

function form(params: Params, signature = signTwilio(AUTH_TOKEN, WEBHOOK_URL, params)): Delivery {
  return {
    path: '/webhooks/twilio',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: encodeForm(params),
  };
}

const without = (params: Params, ...names: string[]): Params =>
  Object.fromEntries(Object.entries(params).filter(([name]) => !names.includes(name)));

function twilioEnv(twilio: FakeTwilio): Record<string, string> {
  return {
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM: HOTLINE_NUMBER,
    TWILIO_API_BASE: twilio.url,
    TWILIO_WEBHOOK_URL: WEBHOOK_URL,
  };
}

let conformanceTwilio: FakeTwilio;

runHttpConformance(() => ({
  channel: 'sms_twilio',
  deadlineMs: 15_000,
  env: async () => {
    conformanceTwilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    return twilioEnv(conformanceTwilio);
  },
  valid: () => form(smsParams({ Body: '幸福路和建设路交叉口的红绿灯坏了，早高峰很危险，请尽快修理' })),
  // The body as a proxy that trims fields would pass it on: the signature no longer matches.
  tamper: (delivery) => ({ ...delivery, body: String(delivery.body).replace(/%E9%99%A9/, '%E9%99%A9+') }),
  malformed: () => [
    form(without(smsParams(), 'MessageSid', 'SmsSid', 'SmsMessageSid')),
    form(smsParams({ From: 'not a number' })),
    form(smsParams({ NumMedia: '1' })),
  ],
  okStatus: [200],
  rejectStatus: 401,
  expectReply: async (number) => {
    const message = await waitFor(() => conformanceTwilio.messages.find((m) => m.Body.includes(number)), 15_000, 'the reply at Twilio');
    expect(message).toMatchObject({ To: CITIZEN_NUMBER, From: HOTLINE_NUMBER });
  },
  teardown: () => conformanceTwilio.close(),
}));

describe('sms_twilio over HTTP: TwiML, media and JSON webhooks', () => {
  let app: TestApp;
  let twilio: FakeTwilio;

  beforeAll(async () => {
    twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    app = await startTestApp({ env: { ...DIRECT, ...twilioEnv(twilio) } });
  });
  afterAll(async () => {
    await app?.close();
    await twilio?.close();
  });

  test('when an SMS arrives, then the answer is empty TwiML as text/xml, the same for a retry', async () => {
    const delivery = form(smsParams());
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await fetch(`${app.url}${delivery.path}`, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body as string,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    }
  });

  test('when an MMS arrives, then its photo is fetched with Basic auth through the redirect and stored with the ticket', async () => {
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF photo of a broken street lamp')]);
    const sid = messageSid('MM');
    const params = smsParams({
      MessageSid: sid,
      SmsMessageSid: sid,
      SmsSid: sid,
      Body: '路灯坏了',
      NumMedia: '1',
      MediaUrl0: twilio.addMedia(photo, 'image/jpeg'),
      MediaContentType0: 'image/jpeg',
    });
    expect((await send(app, form(params))).status).toBe(200);
    const attachment = await waitFor(
      async () =>
        (await app.db.prisma.attachment.findFirst({ where: { message: { externalId: sid }, storageKey: { not: '' } } })) ?? undefined,
      20_000,
      'the stored photo',
    );
    expect(attachment).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      size: photo.length,
      sha256: createHash('sha256').update(photo).digest('hex'),
    });
    const api = twilio.requests.find((r) => r.host === 'api' && r.url.includes('/Media/'));
    const storage = twilio.requests.find((r) => r.host === 'storage');
    expect(api?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
    expect(storage?.headers.authorization).toBeUndefined();
    const ticket = await waitFor(
      async () => (await app.db.prisma.ticket.findFirst({ where: { originMessage: { externalId: sid } } })) ?? undefined,
      20_000,
      'the ticket',
    );
    expect(ticket.channel).toBe('sms_twilio');
  });

  test('when a JSON webhook arrives signed through bodySHA256, then it is stored; its body altered, it is refused', async () => {
    const sid = messageSid();
    const body = JSON.stringify({
      MessageSid: sid,
      AccountSid: ACCOUNT_SID,
      From: CITIZEN_NUMBER,
      To: HOTLINE_NUMBER,
      Body: '小区噪音扰民',
      NumMedia: '0',
    });
    const hash = createHash('sha256').update(body).digest('hex');
    const delivery: Delivery = {
      path: `/webhooks/twilio?bodySHA256=${hash}`,
      headers: { 'content-type': 'application/json', 'x-twilio-signature': signTwilio(AUTH_TOKEN, `${WEBHOOK_URL}?bodySHA256=${hash}`) },
      body,
    };
    expect((await send(app, { ...delivery, body: body.replace('噪音', '噪声') })).status).toBe(401);
    expect(await app.db.prisma.message.count({ where: { channel: 'sms_twilio', externalId: sid } })).toBe(0);
    expect((await send(app, delivery)).status).toBe(200);
    expect(await app.db.prisma.message.count({ where: { channel: 'sms_twilio', externalId: sid } })).toBe(1);
  });

  test('when the webhook names another account, then it is refused even with a valid signature', async () => {
    const params = smsParams({ AccountSid: `AC${'e'.repeat(32)}` });
    expect((await send(app, form(params))).status).toBe(401);
    expect(await app.db.prisma.message.count({ where: { channel: 'sms_twilio', externalId: String(params.MessageSid) } })).toBe(0);
  });
});
