/** Replies through Twilio's REST API and media downloads, against the fake Twilio on loopback. */
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

import { twilioConfigSchema, twilioFromEnv } from '../../../channels/sms-twilio/definition.js';
import { twilioChannel, TwilioSmsAdapter } from '../../../channels/sms-twilio/index.js';
import type { OutboundReply } from '../../../channels/types.js';
import { UpstreamError } from '../../../core/errors/index.js';
import { ACCOUNT_SID, AUTH_TOKEN, CITIZEN_NUMBER, HOTLINE_NUMBER } from '../../fixtures/sms-twilio/requests.js';
import { startFakeTwilio, type FakeTwilio } from '../../helpers/fakes/sms-twilio.js';

const SERVICE = 'MG' + '1'.repeat(32);
let twilio: FakeTwilio;

beforeAll(async () => {
  twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
});
afterAll(() => twilio.close());
beforeEach(() => {
  twilio.messages.length = 0;
  twilio.requests.length = 0;
  twilio.failures.length = 0;
  twilio.rawAnswers.length = 0;
});

function adapter(overrides: Record<string, string> = {}): TwilioSmsAdapter {
  const config = twilioConfigSchema.parse(
    twilioFromEnv({
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM: HOTLINE_NUMBER,
      TWILIO_API_BASE: twilio.url,
      ...overrides,
    }),
  );
  return new TwilioSmsAdapter(config, fetch);
}

function reply(overrides: Partial<OutboundReply> = {}): OutboundReply {
  return {
    messageId: randomUUID(),
    channel: 'sms_twilio',
    channelUserId: CITIZEN_NUMBER,
    text: '您的诉求已受理，工单号 20261121-000001。',
    purpose: 'reply',
    ...overrides,
  };
}

describe('sending replies', () => {
  test('when a reply is sent, then Twilio receives To, From and Body with Basic auth, and the sid comes back', async () => {
    const { externalId } = await adapter().send(reply());
    expect(twilio.messages).toEqual([
      {
        sid: externalId,
        To: CITIZEN_NUMBER,
        From: HOTLINE_NUMBER,
        MessagingServiceSid: undefined,
        Body: '您的诉求已受理，工单号 20261121-000001。',
      },
    ]);
    expect(externalId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  test('when a Messaging Service is configured, then it sends instead of a From number', async () => {
    await adapter({ TWILIO_MESSAGING_SERVICE_SID: SERVICE }).send(reply({ address: { to: '+14155550999' } }));
    expect(twilio.messages[0]).toMatchObject({ MessagingServiceSid: SERVICE, From: undefined });
  });

  test('when the citizen wrote to another of our numbers, then the reply comes from that number', async () => {
    await adapter().send(reply({ address: { to: '+14155550999' } }));
    expect(twilio.messages[0]).toMatchObject({ From: '+14155550999' });
  });

  test('when the citizen wrote on WhatsApp, then the reply goes from the WhatsApp sender', async () => {
    await adapter().send(reply({ channelUserId: 'whatsapp:+8613900139000' }));
    expect(twilio.messages[0]).toMatchObject({ To: 'whatsapp:+8613900139000', From: `whatsapp:${HOTLINE_NUMBER}` });
  });

  test('when a reply is longer than 1600 characters, then it goes as numbered parts split at sentences, and the sids are joined', async () => {
    const text = '本周六上午九点至十一点，幸福小区将停水检修管道，请居民提前储水。'.repeat(60);
    const { externalId } = await adapter().send(reply({ text }));
    expect(twilio.messages.length).toBeGreaterThan(1);
    expect(externalId).toBe(twilio.messages.map((m) => m.sid).join(','));
    twilio.messages.forEach((message, index) => {
      expect(message.Body.length).toBeLessThanOrEqual(1_600);
      expect(message.Body.startsWith(`(${index + 1}/${twilio.messages.length})`)).toBe(true);
      expect(message.Body.endsWith('。')).toBe(true);
    });
  });

  test.each([
    {
      description: 'a 400 with code 21211',
      failure: { status: 400, code: 21211, message: "The 'To' number +8613800138000 is not a valid phone number." },
      code: 'TWILIO_21211',
    },
    { description: 'a 429 (too many requests)', failure: { status: 429, code: 20429, message: 'Too Many Requests' }, code: 'TWILIO_20429' },
    { description: 'a 503', failure: { status: 503, code: 20503, message: 'Service unavailable' }, code: 'TWILIO_20503' },
  ])('when Twilio answers $description, then send throws an UpstreamError with the code and no phone number', async ({ failure, code }) => {
    twilio.failures.push(failure);
    const error = await adapter()
      .send(reply())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).not.toContain('13800138000');
  });

  test('when the credentials are wrong, then send throws an UpstreamError (20003)', async () => {
    await expect(adapter({ TWILIO_AUTH_TOKEN: 'x'.repeat(32) }).send(reply())).rejects.toMatchObject({ code: 'TWILIO_20003' });
  });

  test('when Twilio cannot be reached, then send throws an UpstreamError', async () => {
    await expect(adapter({ TWILIO_API_BASE: 'http://127.0.0.1:1' }).send(reply())).rejects.toBeInstanceOf(UpstreamError);
  });

  test.each([
    {
      description: 'a failed message with an error code',
      body: JSON.stringify({ sid: 'SM' + 'a'.repeat(32), status: 'failed', error_code: 30007, error_message: 'Carrier violation' }),
    },
    { description: 'a body that is not JSON', body: '<html>gateway</html>' },
    { description: 'a message without sid', body: '{"status":"queued"}' },
  ])('when Twilio answers 201 with $description, then send throws an UpstreamError', async ({ body }) => {
    twilio.rawAnswers.push({ status: 201, body });
    await expect(adapter().send(reply())).rejects.toBeInstanceOf(UpstreamError);
  });
});

describe('fetching media', () => {
  test('when a MediaUrl is fetched, then Twilio gets Basic auth, and the redirect to storage is followed without it', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
    const url = twilio.addMedia(bytes, 'image/jpeg');
    const fetched = await adapter().fetchMedia({ kind: 'image', url, mime: 'image/jpeg' });
    expect(fetched.bytes.equals(bytes)).toBe(true);
    expect(fetched.mime).toBe('image/jpeg');
    const [api, storage] = twilio.requests;
    expect(api).toMatchObject({ host: 'api' });
    expect(api!.headers.authorization).toMatch(/^Basic /);
    expect(storage).toMatchObject({ host: 'storage' });
    expect(storage!.headers.authorization).toBeUndefined();
  });

  test('when the media does not exist, then fetchMedia throws an UpstreamError', async () => {
    const url = twilio.addMedia(Buffer.from('x'), 'image/png').replace(/ME[0-9a-f]{32}$/, 'ME' + '0'.repeat(32));
    await expect(adapter().fetchMedia({ kind: 'image', url })).rejects.toBeInstanceOf(UpstreamError);
  });

  test('when a MediaUrl points somewhere other than Twilio, then it is not fetched and no credentials leave', async () => {
    await expect(adapter().fetchMedia({ kind: 'image', url: 'https://attacker.example/x.jpg' })).rejects.toThrow(
      'not on a Twilio API host',
    );
    expect(twilio.requests).toHaveLength(0);
  });
});

describe('configuration', () => {
  test('when TWILIO_ACCOUNT_SID is absent, then the channel is disabled', () => {
    expect(twilioChannel.fromEnv({ TWILIO_AUTH_TOKEN: AUTH_TOKEN }, { secret: 'x', webchatTokenTtlMs: 1 })).toBeUndefined();
  });

  test.each([
    { description: 'no auth token', env: { TWILIO_AUTH_TOKEN: '' }, path: 'authToken' },
    { description: 'a malformed account SID', env: { TWILIO_ACCOUNT_SID: 'AC123' }, path: 'accountSid' },
    { description: 'a From that is no number', env: { TWILIO_FROM: '0755-1234' }, path: 'from' },
    { description: 'a webhook URL with a query', env: { TWILIO_WEBHOOK_URL: 'https://x.example/webhooks/twilio?a=1' }, path: 'webhookUrl' },
    { description: 'a malformed Messaging Service SID', env: { TWILIO_MESSAGING_SERVICE_SID: 'MG1' }, path: 'messagingServiceSid' },
  ])('when the environment has $description, then the config is refused naming $path', ({ env, path }) => {
    const parsed = twilioConfigSchema.safeParse(twilioFromEnv({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, ...env }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  test('when neither a From number nor a Messaging Service is set, then the channel receives but cannot reply', () => {
    expect(adapter({ TWILIO_FROM: '' }).canReply).toBe(false);
    expect(adapter({ TWILIO_FROM: '', TWILIO_MESSAGING_SERVICE_SID: SERVICE }).canReply).toBe(true);
  });

  test('when every variable is documented, then env lists each one the channel reads', () => {
    expect(Object.keys(twilioChannel.env).sort()).toEqual(
      [
        'TWILIO_ACCOUNT_SID',
        'TWILIO_API_BASE',
        'TWILIO_AUTH_TOKEN',
        'TWILIO_FROM',
        'TWILIO_MESSAGING_SERVICE_SID',
        'TWILIO_WEBHOOK_URL',
      ].sort(),
    );
  });
});
