/** WeChat configuration at boot: disabled without an AppID, refused when wrong, and the HTTP binding it yields. */
import { describe, expect, test } from 'vitest';

import { buildChannelRegistry, ChannelConfigError } from '../../../channels/registry.js';
import { splitFieldSpec, WECHAT_ENV, wechatConfigSchema, wechatFromEnv } from '../../../channels/wechat/definition.js';
import { wechatChannel } from '../../../channels/wechat/index.js';
import { APP_ID, APP_SECRET, ENCODING_AES_KEY, TOKEN, urlVerificationPath } from '../../fixtures/wechat/requests.js';
import { channelContext } from '../../helpers/channel-context.js';
import { rawRequest } from '../../helpers/raw-request.js';

const BASE = { WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET, WECHAT_TOKEN: TOKEN, WECHAT_ENCODING_AES_KEY: ENCODING_AES_KEY };
const shared = { secret: 's'.repeat(32), webchatTokenTtlMs: 60_000 };
const context = channelContext();

const build = (env: Record<string, string>) => buildChannelRegistry(env, shared, context, [wechatChannel as never]);

describe('configuration', () => {
  test('when WECHAT_APP_ID is not set, then the channel is disabled', () => {
    expect(wechatFromEnv({ WECHAT_TOKEN: TOKEN })).toBeUndefined();
    expect(build({ WECHAT_TOKEN: TOKEN }).get('wechat')).toBeUndefined();
  });

  test('when the variables are complete, then the channel is built with the official API as default', () => {
    const config = wechatConfigSchema.parse(wechatFromEnv(BASE));
    expect(config).toMatchObject({ appId: APP_ID, token: TOKEN, encodingAesKey: ENCODING_AES_KEY, apiBase: 'https://api.weixin.qq.com' });
    expect(config.template).toBeUndefined();
    expect(build(BASE).get('wechat')?.canReply).toBe(true);
  });

  test('when the account runs in plaintext mode, then the EncodingAESKey may be absent', () => {
    const { WECHAT_ENCODING_AES_KEY: _key, ...plain } = BASE;
    expect(build(plain).get('wechat')).toBeDefined();
  });

  test.each([
    {
      description: 'the EncodingAESKey has 42 characters',
      env: { WECHAT_ENCODING_AES_KEY: ENCODING_AES_KEY.slice(1) },
      field: 'encodingAesKey',
    },
    { description: 'the EncodingAESKey has its "="', env: { WECHAT_ENCODING_AES_KEY: `${ENCODING_AES_KEY}=` }, field: 'encodingAesKey' },
    { description: 'the AppID is not wx…', env: { WECHAT_APP_ID: 'gh_10f6c3c3ac5a' }, field: 'appId' },
    { description: 'the AppSecret is missing', env: { WECHAT_APP_SECRET: '' }, field: 'appSecret' },
    { description: 'the Token is missing', env: { WECHAT_TOKEN: '' }, field: 'token' },
    { description: 'the Token has symbols', env: { WECHAT_TOKEN: 'token with spaces' }, field: 'token' },
    { description: 'the API base is not a URL', env: { WECHAT_API_BASE: 'api.weixin.qq.com' }, field: 'apiBase' },
    { description: 'template fields come without a template id', env: { WECHAT_TEMPLATE_FIELDS: 'thing2:summary' }, field: 'template.id' },
    {
      description: 'a template id comes without fields',
      env: { WECHAT_TEMPLATE_ID: 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY' },
      field: 'template.fields',
    },
    {
      description: 'a template field has an unknown source',
      env: { WECHAT_TEMPLATE_ID: 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY', WECHAT_TEMPLATE_FIELDS: 'thing2:weather' },
      field: 'template.fields.0.source',
    },
    {
      description: 'a template field has no source',
      env: { WECHAT_TEMPLATE_ID: 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY', WECHAT_TEMPLATE_FIELDS: 'thing2' },
      field: 'template.fields.0.source',
    },
    {
      description: 'a template key is named twice',
      env: { WECHAT_TEMPLATE_ID: 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY', WECHAT_TEMPLATE_FIELDS: 'thing2:summary,thing2:status' },
      field: 'template.fields',
    },
    { description: 'the ticket URL is not a URL', env: { WECHAT_TICKET_URL: 'ticket/{number}' }, field: 'ticketUrl' },
  ] as { description: string; env: Record<string, string>; field: string }[])(
    'when $description, then the start is refused naming the field',
    ({ env, field }) => {
      const run = () => build({ ...BASE, ...env });
      expect(run).toThrow(ChannelConfigError);
      expect(run).toThrow(new RegExp(`${field.replaceAll('.', '\\.')}:`));
    },
  );

  test('when a template is configured, then its fields are read in order', () => {
    const config = wechatConfigSchema.parse(
      wechatFromEnv({
        ...BASE,
        WECHAT_TEMPLATE_ID: 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY',
        WECHAT_TEMPLATE_FIELDS: ' character_string1:number, phrase3:status ,time4:time,thing2:summary,',
        WECHAT_TICKET_URL: 'https://12345.example.gov.cn/ticket/{number}',
      }),
    );
    expect(config.template?.fields).toEqual([
      { key: 'character_string1', source: 'number' },
      { key: 'phrase3', source: 'status' },
      { key: 'time4', source: 'time' },
      { key: 'thing2', source: 'summary' },
    ]);
    expect(splitFieldSpec('a:b:c')).toEqual([{ key: 'a', source: 'b:c' }]);
  });

  test('when the variables are documented, then every one the channel reads is listed', () => {
    expect(Object.keys(WECHAT_ENV).sort()).toEqual(
      [
        'WECHAT_APP_ID',
        'WECHAT_APP_SECRET',
        'WECHAT_TOKEN',
        'WECHAT_ENCODING_AES_KEY',
        'WECHAT_API_BASE',
        'WECHAT_TEMPLATE_ID',
        'WECHAT_TEMPLATE_FIELDS',
        'WECHAT_TICKET_URL',
      ].sort(),
    );
  });
});

describe('HTTP binding', () => {
  const http = build(BASE).binding('wechat')!.http!;

  test('when a push was accepted (or was a retry), then the answer is the literal success as text/plain', () => {
    expect(http.path).toBe('/webhooks/wechat');
    expect(http.auth).toBe('none');
    const req = rawRequest({ url: '/webhooks/wechat' });
    expect(http.acknowledge([{ messageId: 'm', duplicate: false }], req)).toEqual({
      status: 200,
      body: 'success',
      contentType: 'text/plain',
    });
    expect(http.acknowledge([{ messageId: 'm', duplicate: true }], req)).toEqual({
      status: 200,
      body: 'success',
      contentType: 'text/plain',
    });
  });

  test('when WeChat verifies the URL, then the challenge echoes echostr', () => {
    const ack = http.challenge!(rawRequest({ method: 'GET', url: urlVerificationPath('echo-123') }));
    expect(ack).toEqual({ status: 200, body: 'echo-123', contentType: 'text/plain' });
  });
});
