/** Replies through Aliyun SendSms, against the fake Aliyun that checks signatures the way Aliyun does. */
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

import { AliyunSmsClient } from '../../../channels/sms-aliyun/client.js';
import { aliyunSmsConfigSchema } from '../../../channels/sms-aliyun/definition.js';
import { aliyunSmsChannel, AliyunSmsAdapter } from '../../../channels/sms-aliyun/index.js';
import { toAliyunNumber } from '../../../channels/sms-aliyun/outbound.js';
import type { OutboundReply } from '../../../channels/types.js';
import { UpstreamError } from '../../../core/errors/index.js';
import { PUSH_SECRET, SIGN_NAME } from '../../fixtures/sms-aliyun/requests.js';
import { startFakeAliyunSms, type FakeAliyunSms } from '../../helpers/fakes/sms-aliyun.js';

const KEY = { accessKeyId: 'LTAI5tSuqiuTestKey', accessKeySecret: 'suqiuTestSecret0123456789abcdef' };
const shared = { secret: 'x'.repeat(32), webchatTokenTtlMs: 1 };
let aliyun: FakeAliyunSms;

beforeAll(async () => {
  aliyun = await startFakeAliyunSms(KEY);
});
afterAll(() => aliyun.close());
beforeEach(() => {
  aliyun.sends.length = 0;
  aliyun.answered.length = 0;
  aliyun.failures.length = 0;
});

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ALIYUN_SMS_PUSH_SECRET: PUSH_SECRET,
    ALIYUN_SMS_SIGN_NAME: SIGN_NAME,
    ALIYUN_ACCESS_KEY_ID: KEY.accessKeyId,
    ALIYUN_ACCESS_KEY_SECRET: KEY.accessKeySecret,
    ALIYUN_SMS_TEMPLATE_CODE: 'SMS_465871234',
    ALIYUN_SMS_API_BASE: aliyun.url,
    ...overrides,
  };
}

function adapter(overrides: Record<string, string> = {}): AliyunSmsAdapter {
  return new AliyunSmsAdapter(aliyunSmsConfigSchema.parse(aliyunSmsChannel.fromEnv(env(overrides), shared)), fetch);
}

function reply(text: string, channelUserId = '+8613800138000'): OutboundReply {
  return { messageId: randomUUID(), channel: 'sms_aliyun', channelUserId, text, purpose: 'reply' };
}

describe('sending replies', () => {
  test('when a short reply is sent, then Aliyun gets one signed SendSms with the text in the template variable', async () => {
    const out = reply('已受理，工单号 20261121-000001。');
    const { externalId } = await adapter().send(out);
    expect(aliyun.sends).toEqual([
      {
        bizId: externalId,
        PhoneNumbers: '13800138000',
        SignName: SIGN_NAME,
        TemplateCode: 'SMS_465871234',
        TemplateParam: { content: '已受理，工单号 20261121-000001。' },
        OutId: out.messageId,
      },
    ]);
  });

  test('when a reply is longer than the variable allows, then it goes as numbered parts, each within the limit, ids joined', async () => {
    const out = reply('您的诉求已受理，工单号 20261121-000001。我们将核实后转交相关部门办理，办理进展会通过本渠道告知您。');
    const { externalId } = await adapter().send(out);
    expect(aliyun.sends.map((s) => s.TemplateParam.content)).toEqual([
      '(1/2)您的诉求已受理，工单号 20261121-000001。',
      '(2/2)我们将核实后转交相关部门办理，办理进展会通过本渠道告知您。',
    ]);
    expect(aliyun.sends.map((s) => s.OutId)).toEqual([`${out.messageId}-1`, `${out.messageId}-2`]);
    expect(externalId).toBe(aliyun.sends.map((s) => s.bizId).join(','));
  });

  test('when the variable name and limit are configured, then they are used', async () => {
    const fake = await startFakeAliyunSms({ ...KEY, maxParamChars: 20 });
    try {
      await adapter({ ALIYUN_SMS_TEMPLATE_PARAM: 'msg', ALIYUN_SMS_PARAM_MAX_CHARS: '20', ALIYUN_SMS_API_BASE: fake.url }).send(
        reply('您的诉求已受理，工单号 20261121-000001。'),
      );
      expect(fake.sends.length).toBeGreaterThan(1);
      for (const send of fake.sends) expect(send.TemplateParam.msg!.length).toBeLessThanOrEqual(20);
      expect(fake.sends.some((send) => send.TemplateParam.msg!.includes('20261121-000001'))).toBe(true);
    } finally {
      await fake.close();
    }
  });

  test.each([
    { description: 'a rate limit', failure: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1' } },
    { description: 'an illegal number', failure: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号 13800138000' } },
    {
      description: 'an HTTP 500',
      failure: { status: 500, Code: 'InternalError', Message: 'The request processing has failed due to some unknown error.' },
    },
  ])('when Aliyun answers $description, then send throws an UpstreamError with its Code and no phone number', async ({ failure }) => {
    aliyun.failures.push(failure);
    const error = await adapter()
      .send(reply('好的'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: `ALIYUN_${failure.Code}` });
    expect((error as Error).message).toContain(failure.Code);
    expect((error as Error).message).not.toContain('13800138000');
  });

  test('when the AccessKey secret is wrong, then Aliyun refuses the signature and send throws', async () => {
    await expect(adapter({ ALIYUN_ACCESS_KEY_SECRET: 'wrong' }).send(reply('好的'))).rejects.toMatchObject({
      code: 'ALIYUN_SignatureDoesNotMatch',
    });
  });

  test('when the clock is off by more than 15 minutes, then Aliyun refuses the timestamp and send throws', async () => {
    const client = new AliyunSmsClient({
      ...KEY,
      apiBase: aliyun.url,
      timeoutMs: 5_000,
      fetch,
      now: () => new Date(Date.now() - 20 * 60_000),
    });
    await expect(
      client.sendSms({ phoneNumbers: '13800138000', signName: SIGN_NAME, templateCode: 'SMS_1', templateParam: { content: 'x' } }),
    ).rejects.toMatchObject({
      code: 'ALIYUN_InvalidTimeStamp.Expired',
    });
  });

  test('when a nonce repeats, then Aliyun refuses it (each request must use a fresh one)', async () => {
    const client = new AliyunSmsClient({ ...KEY, apiBase: aliyun.url, timeoutMs: 5_000, fetch, nonce: () => 'fixed-nonce' });
    const request = { phoneNumbers: '13800138000', signName: SIGN_NAME, templateCode: 'SMS_1', templateParam: { content: 'x' } };
    await client.sendSms(request);
    await expect(client.sendSms(request)).rejects.toMatchObject({ code: 'ALIYUN_SignatureNonceUsed' });
  });

  test.each([
    { description: 'an answer that is not JSON', respond: { status: 502, body: '<html>Bad Gateway</html>' } },
    { description: 'an answer without Code', respond: { status: 200, body: '{"Message":"OK"}' } },
    { description: 'OK without BizId', respond: { status: 200, body: '{"Code":"OK","Message":"OK"}' } },
  ])('when Aliyun gives $description, then send throws an UpstreamError', async ({ respond }) => {
    const original = aliyun.server.respond;
    aliyun.server.respond = () => ({ ...respond, headers: { 'content-type': 'application/json' } });
    try {
      await expect(adapter().send(reply('好的'))).rejects.toBeInstanceOf(UpstreamError);
    } finally {
      aliyun.server.respond = original;
    }
  });

  test('when Aliyun cannot be reached, then send throws an UpstreamError', async () => {
    await expect(adapter({ ALIYUN_SMS_API_BASE: 'http://127.0.0.1:1' }).send(reply('好的'))).rejects.toBeInstanceOf(UpstreamError);
  });

  test.each([
    { e164: '+8613800138000', expects: '13800138000' },
    { e164: '+85291234567', expects: '85291234567' },
  ])('when the citizen is $e164, then SendSms gets $expects', ({ e164, expects }) => {
    expect(toAliyunNumber(e164)).toBe(expects);
  });
});

describe('configuration', () => {
  test('when ALIYUN_SMS_PUSH_SECRET is absent, then the channel is disabled', () => {
    expect(aliyunSmsChannel.fromEnv({ ALIYUN_ACCESS_KEY_ID: 'x' }, shared)).toBeUndefined();
  });

  test('when only the push secret is set, then the channel receives but cannot reply', () => {
    const config = aliyunSmsConfigSchema.parse(aliyunSmsChannel.fromEnv({ ALIYUN_SMS_PUSH_SECRET: PUSH_SECRET }, shared));
    expect(config).toMatchObject({
      allowedIps: [],
      destCodes: [],
      templateParam: 'content',
      paramMaxChars: 35,
      apiBase: 'https://dysmsapi.aliyuncs.com',
    });
    expect(new AliyunSmsAdapter(config, fetch).canReply).toBe(false);
  });

  test('when key, signature and template are set, then the channel can reply', () => {
    expect(adapter().canReply).toBe(true);
  });

  test('when lists are given, then they are split on commas', () => {
    const config = aliyunSmsConfigSchema.parse(
      aliyunSmsChannel.fromEnv(
        env({ ALIYUN_SMS_ALLOWED_IPS: ' 203.0.113.0/24, ::ffff:198.51.100.7 ,', ALIYUN_SMS_DEST_CODES: '8761,8762' }),
        shared,
      ),
    );
    expect(config).toMatchObject({ allowedIps: ['203.0.113.0/24', '::ffff:198.51.100.7'], destCodes: ['8761', '8762'] });
  });

  test.each<{ description: string; overrides: Record<string, string>; path: string }>([
    { description: 'a short push secret', overrides: { ALIYUN_SMS_PUSH_SECRET: 'short-secret' }, path: 'pushSecret' },
    { description: 'a push secret with a slash', overrides: { ALIYUN_SMS_PUSH_SECRET: `${PUSH_SECRET}/x` }, path: 'pushSecret' },
    { description: 'a bad allowlist entry', overrides: { ALIYUN_SMS_ALLOWED_IPS: '203.0.113.0/24,aliyun.com' }, path: 'allowedIps.1' },
    { description: 'a dest code with letters', overrides: { ALIYUN_SMS_DEST_CODES: '87a1' }, path: 'destCodes.0' },
    { description: 'a key id without secret', overrides: { ALIYUN_ACCESS_KEY_SECRET: '' }, path: 'accessKeySecret' },
    { description: 'a template without sign name', overrides: { ALIYUN_SMS_SIGN_NAME: '' }, path: 'templateCode' },
    { description: 'a malformed template code', overrides: { ALIYUN_SMS_TEMPLATE_CODE: '123' }, path: 'templateCode' },
    { description: 'a variable limit that is no number', overrides: { ALIYUN_SMS_PARAM_MAX_CHARS: 'many' }, path: 'paramMaxChars' },
    { description: 'a variable limit too small for numbering', overrides: { ALIYUN_SMS_PARAM_MAX_CHARS: '10' }, path: 'paramMaxChars' },
  ])('when the environment has $description, then the config is refused naming $path', ({ overrides, path }) => {
    const parsed = aliyunSmsConfigSchema.safeParse(aliyunSmsChannel.fromEnv(env(overrides), shared));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  test('when every variable is documented, then env lists each one the channel reads', () => {
    expect(Object.keys(aliyunSmsChannel.env).sort()).toEqual(
      [
        'ALIYUN_ACCESS_KEY_ID',
        'ALIYUN_ACCESS_KEY_SECRET',
        'ALIYUN_SMS_ALLOWED_IPS',
        'ALIYUN_SMS_API_BASE',
        'ALIYUN_SMS_DEST_CODES',
        'ALIYUN_SMS_PARAM_MAX_CHARS',
        'ALIYUN_SMS_PUSH_SECRET',
        'ALIYUN_SMS_SIGN_NAME',
        'ALIYUN_SMS_TEMPLATE_CODE',
        'ALIYUN_SMS_TEMPLATE_PARAM',
      ].sort(),
    );
  });
});
