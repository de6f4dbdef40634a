/** Replies, template notices, the shared access_token and media downloads, against the fake WeChat API on loopback. */
import { randomBytes, randomUUID } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

import type { OutboundReply } from '../../../channels/types.js';
import { REFRESH_BEFORE_MS } from '../../../channels/wechat/auth.js';
import { wechatConfigSchema, wechatFromEnv } from '../../../channels/wechat/definition.js';
import { WeChatApiError } from '../../../channels/wechat/http.js';
import { WeChatAdapter } from '../../../channels/wechat/index.js';
import { chooseRoute, customMessage } from '../../../channels/wechat/outbound.js';
import { localTime, templateMessage, templateValue } from '../../../channels/wechat/template.js';
import { UpstreamError } from '../../../core/errors/index.js';
import { PermanentJobError } from '../../../core/queue/index.js';
import { MemoryTokenStore, type TokenStore } from '../../../core/tokens/token-store.js';
import { APP_ID, APP_SECRET, ENCODING_AES_KEY, OPENID, TOKEN } from '../../fixtures/wechat/requests.js';
import { startFakeServer } from '../../helpers/fake-http-server.js';
import { startFakeWeChat, type FakeWeChat } from '../../helpers/fakes/wechat.js';

const TEMPLATE_ID = 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY';
const TEMPLATE_ENV = {
  WECHAT_TEMPLATE_ID: TEMPLATE_ID,
  WECHAT_TEMPLATE_FIELDS: 'character_string1:number,phrase3:status,time4:time,thing2:summary',
  WECHAT_TICKET_URL: 'https://12345.example.gov.cn/ticket/{number}',
};
const NOW = new Date('2026-11-21T02:00:00Z');
const HOUR = 60 * 60_000;

let wechat: FakeWeChat;

beforeAll(async () => {
  wechat = await startFakeWeChat({ appId: APP_ID, appSecret: APP_SECRET, templateIds: [TEMPLATE_ID] });
});
afterAll(() => wechat.close());
beforeEach(() => {
  wechat.customMessages.length = 0;
  wechat.templateMessages.length = 0;
  wechat.menus.length = 0;
  wechat.calls.length = 0;
  wechat.customFailures.length = 0;
  wechat.closedWindows.clear();
  wechat.tokenFetches = 0;
  wechat.expiresIn = 7200;
});

function adapter(env: Record<string, string> = {}, tokens: TokenStore = new MemoryTokenStore()): WeChatAdapter {
  const config = wechatConfigSchema.parse(
    wechatFromEnv({
      WECHAT_APP_ID: APP_ID,
      WECHAT_APP_SECRET: APP_SECRET,
      WECHAT_TOKEN: TOKEN,
      WECHAT_ENCODING_AES_KEY: ENCODING_AES_KEY,
      WECHAT_API_BASE: wechat.url,
      ...env,
    }),
  );
  return new WeChatAdapter(config, { fetch, tokens, now: () => NOW });
}

function reply(overrides: Partial<OutboundReply> = {}): OutboundReply {
  return {
    messageId: randomUUID(),
    channel: 'wechat',
    channelUserId: OPENID,
    text: '您的诉求已受理，工单号 20261121-000001，可回复"进度"查询。',
    purpose: 'reply',
    ticket: { id: randomUUID(), number: '20261121-000001', status: 'DISPATCHED', statusLabel: '已派单' },
    ...overrides,
  };
}

describe('template field rules (since 2023-05-04)', () => {
  test.each([
    { description: 'a short value stays as it is', key: 'thing2', input: '路灯损坏', expects: '路灯损坏' },
    { description: 'line breaks become one line', key: 'thing2', input: '路灯\r\n损坏\n请处理', expects: '路灯 损坏 请处理' },
    {
      description: 'more than 20 characters is cut to 20 with …',
      key: 'thing2',
      input: '您的工单已派至幸福街道办事处办理，预计五个工作日内答复',
      expects: '您的工单已派至幸福街道办事处办理，预计…',
    },
    { description: 'emoji are removed', key: 'thing2', input: '已办结👍🏻，感谢❤️', expects: '已办结，感谢' },
    { description: 'a phrase keeps to 5 characters', key: 'phrase3', input: '已转紧急热线', expects: '已转紧急…' },
    { description: 'an empty value becomes a dash (WeChat refuses empty fields)', key: 'thing2', input: ' \n ', expects: '-' },
    { description: 'characters outside the BMP count once', key: 'thing2', input: '𠀀'.repeat(20), expects: '𠀀'.repeat(20) },
  ])('when $description', ({ key, input, expects }) => {
    const value = templateValue(key, input);
    expect(value).toBe(expects);
    expect(Array.from(value).length).toBeLessThanOrEqual(20);
    expect(value).not.toMatch(/[\r\n]/);
  });

  test('when a status notice is built, then each field gets its source, the link its ticket, and client_msg_id the message id', () => {
    const config = wechatConfigSchema.parse(
      wechatFromEnv({ WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET, WECHAT_TOKEN: TOKEN, ...TEMPLATE_ENV }),
    );
    const notice = reply({ purpose: 'status', text: '您的工单已派至幸福街道办事处办理，\n预计5个工作日内答复。' });
    expect(templateMessage({ ...config, template: config.template! }, notice, NOW)).toEqual({
      touser: OPENID,
      template_id: TEMPLATE_ID,
      url: 'https://12345.example.gov.cn/ticket/20261121-000001',
      client_msg_id: notice.messageId,
      data: {
        character_string1: { value: '20261121-000001' },
        phrase3: { value: '已派单' },
        time4: { value: '2026-11-21 10:00' },
        thing2: { value: '您的工单已派至幸福街道办事处办理， 预…' },
      },
    });
  });

  test('when the time is formatted, then it is Beijing time in 24-hour form', () => {
    expect(localTime(new Date('2026-11-20T16:05:00Z'), 'Asia/Shanghai')).toBe('2026-11-21 00:05');
  });
});

describe('which API a message takes', () => {
  test.each([
    {
      description: 'a reply with no date → customer service',
      purpose: 'reply',
      ago: undefined,
      template: false,
      expects: 'customer-service',
    },
    { description: 'a reply within 48 h → customer service', purpose: 'reply', ago: 1, template: true, expects: 'customer-service' },
    { description: 'a status notice with a template → template', purpose: 'status', ago: 1, template: true, expects: 'template' },
    {
      description: 'a status notice within 48 h, no template → customer service',
      purpose: 'status',
      ago: 47,
      template: false,
      expects: 'customer-service',
    },
    { description: 'a status notice after 48 h, no template → none', purpose: 'status', ago: 49, template: false, expects: undefined },
    {
      description: 'a status notice with no date, no template → none',
      purpose: 'status',
      ago: undefined,
      template: false,
      expects: undefined,
    },
    { description: 'a late reply with a template → template', purpose: 'reply', ago: 49, template: true, expects: 'template' },
  ] as const)('when $description', ({ purpose, ago, template, expects }) => {
    const lastInboundAt = ago === undefined ? undefined : new Date(NOW.getTime() - ago * HOUR);
    expect(chooseRoute({ purpose, lastInboundAt }, template, NOW)).toBe(expects);
  });
});

describe('sending', () => {
  test('when a reply is sent, then WeChat receives a customer-service text with a fresh token, and the message id comes back', async () => {
    const r = reply();
    const { externalId } = await adapter().send(r);
    expect(externalId).toBe(r.messageId);
    expect(wechat.customMessages).toEqual([
      { accessToken: expect.any(String), touser: OPENID, msgtype: 'text', text: { content: r.text } },
    ]);
    expect(wechat.tokenFetches).toBe(1);
  });

  test('when several replies are sent, then the token is fetched once and reused', async () => {
    const a = adapter();
    await a.send(reply());
    await a.send(reply());
    await a.send(reply());
    expect(wechat.tokenFetches).toBe(1);
    expect(new Set(wechat.customMessages.map((m) => m.accessToken)).size).toBe(1);
  });

  test('when the token has less than 5 minutes left, then it is refreshed before use', async () => {
    wechat.expiresIn = REFRESH_BEFORE_MS / 1000 - 1;
    const a = adapter();
    await a.send(reply());
    await a.send(reply());
    expect(wechat.tokenFetches).toBe(2);
  });

  test('when WeChat says the cached token is invalid (40001), then it is dropped, refetched once, and the send succeeds', async () => {
    const tokens = new MemoryTokenStore();
    await tokens.get(`wechat:${APP_ID}`, async () => ({ value: 'token-replaced-by-another-refresher', expiresInSeconds: 7200 }));
    await adapter({}, tokens).send(reply());
    expect(wechat.calls.map((c) => [c.path, c.accessToken === 'token-replaced-by-another-refresher'])).toEqual([
      ['/cgi-bin/message/custom/send', true],
      ['/cgi-bin/token', false],
      ['/cgi-bin/message/custom/send', false],
    ]);
    expect(wechat.customMessages).toHaveLength(1);
  });

  test('when the token expired early (42001), then it is refetched once and the send succeeds', async () => {
    const a = adapter();
    await a.send(reply());
    wechat.expireTokens();
    await a.send(reply());
    expect(wechat.tokenFetches).toBe(2);
    expect(wechat.customMessages).toHaveLength(2);
  });

  test('when the fresh token is rejected too, then the error is thrown (one retry only)', async () => {
    wechat.customFailures.push({ errcode: 40001, errmsg: 'invalid credential' }, { errcode: 40001, errmsg: 'invalid credential' });
    const error = await adapter()
      .send(reply())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ errcode: 40001, code: 'WECHAT_40001' });
    expect(wechat.tokenFetches).toBe(2);
  });

  test('when WeChat answers another errcode, then an UpstreamError carries errcode and errmsg', async () => {
    wechat.customFailures.push({ errcode: 40003, errmsg: 'invalid openid' });
    const error = await adapter()
      .send(reply())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'UPSTREAM', errcode: 40003, errmsg: expect.stringContaining('invalid openid') });
    expect((error as Error).message).toMatch(/errcode 40003 \(invalid openid/);
  });

  test.each([
    { errcode: 43004, errmsg: 'require subscribe', retryable: false },
    { errcode: 40003, errmsg: 'invalid openid', retryable: false },
    { errcode: -1, errmsg: 'system error', retryable: true },
    { errcode: 45009, errmsg: 'reach max api daily quota limit', retryable: true },
  ])('when WeChat answers $errcode, then the failure is retryable: $retryable', async ({ errcode, errmsg, retryable }) => {
    wechat.customFailures.push({ errcode, errmsg });
    await expect(adapter().send(reply())).rejects.toMatchObject({ errcode, retryable });
  });

  test('when the window is closed (45015) and no template is configured, then the error says so', async () => {
    wechat.closedWindows.add(OPENID);
    await expect(adapter().send(reply())).rejects.toMatchObject({ errcode: 45015 });
  });

  test('when the window is closed (45015) and a template is configured, then the notice goes as a template message', async () => {
    wechat.closedWindows.add(OPENID);
    const { externalId } = await adapter(TEMPLATE_ENV).send(reply());
    expect(wechat.customMessages).toHaveLength(0);
    expect(wechat.templateMessages.map((m) => m.msgid)).toEqual([externalId]);
  });

  test('when a status notice is sent with a template, then WeChat receives the template and its exact 64-bit msgid comes back', async () => {
    const notice = reply({ purpose: 'status', lastInboundAt: new Date(NOW.getTime() - 3 * 24 * HOUR) });
    const { externalId } = await adapter(TEMPLATE_ENV).send(notice);
    const [sent] = wechat.templateMessages;
    expect(sent).toMatchObject({
      touser: OPENID,
      template_id: TEMPLATE_ID,
      client_msg_id: notice.messageId,
      url: 'https://12345.example.gov.cn/ticket/20261121-000001',
      data: { character_string1: { value: '20261121-000001' }, phrase3: { value: '已派单' }, time4: { value: '2026-11-21 10:00' } },
    });
    expect(externalId).toBe(sent!.msgid);
    expect(BigInt(externalId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
  });

  test('when the same notice is retried, then client_msg_id lets WeChat answer with the first msgid', async () => {
    const notice = reply({ purpose: 'status' });
    const a = adapter(TEMPLATE_ENV);
    const first = await a.send(notice);
    const second = await a.send(notice);
    expect(second.externalId).toBe(first.externalId);
    expect(wechat.templateMessages).toHaveLength(1);
  });

  test('when a status notice is due 3 days later and no template is configured, then a permanent error says why', async () => {
    const notice = reply({ purpose: 'status', lastInboundAt: new Date(NOW.getTime() - 72 * HOUR) });
    const error = await adapter()
      .send(notice)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentJobError);
    expect((error as Error).message).toMatch(/more than 48 hours ago.*WECHAT_TEMPLATE_ID/);
    expect(wechat.calls).toHaveLength(0);
  });

  test('when the reply is empty, then nothing is sent', async () => {
    await expect(adapter().send(reply({ text: '  ' }))).rejects.toBeInstanceOf(PermanentJobError);
    expect(wechat.calls).toHaveLength(0);
  });

  test('when the AppSecret is wrong, then the token error is an UpstreamError that does not reveal the secret', async () => {
    const error = await adapter({ WECHAT_APP_SECRET: 'ffffffffffffffffffffffffffffffff' })
      .send(reply())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ errcode: 40125 });
    expect(JSON.stringify({ message: (error as Error).message, cause: String((error as Error).cause) })).not.toContain('ffffffff');
  });
});

describe('buttons: replies with choices as msgmenu', () => {
  const choices = [
    { label: '确认提交', value: 'confirm' },
    { label: '修改', value: 'edit' },
  ];
  const menuOf = (text: string, list: { id: string; content: string }[]) => ({ head_content: text, list, tail_content: '' });
  const asMenu = [
    { id: 'confirm', content: '确认提交' },
    { id: 'edit', content: '修改' },
  ];

  test('when a reply offers choices, then WeChat receives a msgmenu: the text, then one option per choice whose id is its value', async () => {
    const r = reply({ text: '请确认以下内容：路灯损坏，幸福路 12 号。', choices });
    const { externalId } = await adapter().send(r);
    expect(externalId).toBe(r.messageId);
    expect(wechat.customMessages).toEqual([
      { accessToken: expect.any(String), touser: OPENID, msgtype: 'msgmenu', msgmenu: menuOf(r.text, asMenu) },
    ]);
  });

  test('when a reply offers no choices, then it stays a text message', async () => {
    const r = reply({ choices: [] });
    await adapter().send(r);
    expect(wechat.customMessages).toEqual([
      { accessToken: expect.any(String), touser: OPENID, msgtype: 'text', text: { content: r.text } },
    ]);
  });

  test('when a status notice offers choices and a template is configured, then it is a template message without buttons', async () => {
    await adapter(TEMPLATE_ENV).send(reply({ purpose: 'status', choices }));
    expect(wechat.customMessages).toHaveLength(0);
    expect(wechat.templateMessages).toHaveLength(1);
    expect(JSON.stringify(wechat.templateMessages[0])).not.toContain('confirm');
  });

  test('when WeChat refuses menus for this account (40200, a test or unverified account), then the same words go as text', async () => {
    wechat.customFailures.push({ errcode: 40200, errmsg: 'invalid account type' });
    const r = reply({ choices });
    const { externalId } = await adapter().send(r);
    expect(externalId).toBe(r.messageId);
    expect(wechat.calls.filter((c) => c.path === '/cgi-bin/message/custom/send').map((c) => JSON.parse(c.body).msgtype)).toEqual([
      'msgmenu',
      'text',
    ]);
    expect(wechat.customMessages).toEqual([expect.objectContaining({ msgtype: 'text', text: { content: r.text } })]);
  });

  test('when the window is closed for the menu, then the notice goes as a template without trying text', async () => {
    wechat.closedWindows.add(OPENID);
    await adapter(TEMPLATE_ENV).send(reply({ choices }));
    expect(wechat.calls.filter((c) => c.path === '/cgi-bin/message/custom/send')).toHaveLength(1);
    expect(wechat.templateMessages).toHaveLength(1);
  });

  test.each([
    { errcode: -1, errmsg: 'system error' },
    { errcode: 45009, errmsg: 'reach max api daily quota limit' },
  ])('when WeChat answers $errcode to the menu, then the job retries (no text instead)', async ({ errcode, errmsg }) => {
    wechat.customFailures.push({ errcode, errmsg });
    await expect(adapter().send(reply({ choices }))).rejects.toMatchObject({ errcode, retryable: true });
    expect(wechat.calls.filter((c) => c.path === '/cgi-bin/message/custom/send')).toHaveLength(1);
  });

  test('when the token expired, then the menu is sent again with a fresh token (not as text)', async () => {
    const a = adapter();
    await a.send(reply());
    wechat.expireTokens();
    await a.send(reply({ choices }));
    expect(wechat.customMessages.map((m) => m.msgtype)).toEqual(['text', 'msgmenu']);
  });

  const text = '请选择：';
  test.each([
    {
      description: 'values the bot uses (colons, dashes, digits) are ids as they are',
      choices: [
        { label: '满意', value: 'cb:20261121-000123:sat:S' },
        { label: '知识 1', value: 'kb:1' },
        { label: '跳过', value: 'skip' },
      ],
      expects: 'msgmenu',
    },
    { description: 'labels are trimmed', choices: [{ label: ' 是 ', value: 'yes' }], expects: 'msgmenu' },
    {
      description: 'ten options fit',
      choices: Array.from({ length: 10 }, (_, i) => ({ label: `第${i}项`, value: `kb:${i}` })),
      expects: 'msgmenu',
    },
    {
      description: 'an eleventh option does not',
      choices: Array.from({ length: 11 }, (_, i) => ({ label: `第${i}项`, value: `kb:${i}` })),
      expects: 'text',
    },
    { description: 'a value with a space is no id', choices: [{ label: '是', value: 'yes please' }], expects: 'text' },
    { description: 'a value in Chinese is no id', choices: [{ label: '是', value: '是' }], expects: 'text' },
    { description: 'a value of 65 characters is too long', choices: [{ label: '是', value: 'v'.repeat(65) }], expects: 'text' },
    { description: 'a value of 64 characters fits', choices: [{ label: '是', value: 'v'.repeat(64) }], expects: 'msgmenu' },
    {
      description: 'a label of 43 Chinese characters (129 bytes) is too long',
      choices: [{ label: '是'.repeat(43), value: 'yes' }],
      expects: 'text',
    },
    {
      description: 'a label of 42 Chinese characters (126 bytes) fits',
      choices: [{ label: '是'.repeat(42), value: 'yes' }],
      expects: 'msgmenu',
    },
    { description: 'a blank label', choices: [{ label: '  ', value: 'yes' }], expects: 'text' },
    {
      description: 'two options with one value',
      choices: [
        { label: '是', value: 'yes' },
        { label: '对', value: 'yes' },
      ],
      expects: 'text',
    },
  ])('when $description, then the reply is a $expects message', ({ choices: offered, expects }) => {
    const message = customMessage(reply({ text, choices: offered }));
    expect(message.msgtype).toBe(expects);
    if (message.msgtype === 'msgmenu') {
      expect(message.msgmenu.list.map((o) => o.id)).toEqual(offered.map((c) => c.value));
      expect(message.msgmenu.list.map((o) => o.content)).toEqual(offered.map((c) => c.label.trim()));
    } else {
      expect(message.text.content).toBe(text);
    }
  });

  test('when the text is longer than a menu head may be (1,024 bytes), then the reply is text', () => {
    expect(customMessage(reply({ text: '路'.repeat(341), choices })).msgtype).toBe('msgmenu');
    expect(customMessage(reply({ text: '路'.repeat(342), choices })).msgtype).toBe('text');
  });
});

describe('the fake WeChat API checks menus like WeChat', () => {
  async function post(path: string, body: unknown): Promise<{ errcode: number }> {
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET });
    const { access_token: token } = (await (await fetch(`${wechat.url}/cgi-bin/token?${query}`)).json()) as { access_token: string };
    const response = await fetch(`${wechat.url}${path}?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) });
    return (await response.json()) as { errcode: number };
  }
  const msgmenu = (list: unknown[]) => ({
    touser: OPENID,
    msgtype: 'msgmenu',
    msgmenu: { head_content: '请选择', list, tail_content: '' },
  });

  test.each([
    { description: 'a valid menu', body: msgmenu([{ id: 'yes', content: '是' }]), expects: 0 },
    { description: 'an empty list', body: msgmenu([]), expects: 40035 },
    { description: 'an option text over 128 bytes', body: msgmenu([{ id: 'yes', content: '是'.repeat(43) }]), expects: 40035 },
    { description: 'an option id over 64 bytes', body: msgmenu([{ id: 'v'.repeat(65), content: '是' }]), expects: 40035 },
    {
      description: 'eleven options',
      body: msgmenu(Array.from({ length: 11 }, (_, i) => ({ id: `o${i}`, content: '是' }))),
      expects: 45098,
    },
    { description: 'no msgmenu object', body: { touser: OPENID, msgtype: 'msgmenu' }, expects: 47001 },
  ])('when custom/send gets $description, then it answers errcode $expects', async ({ body, expects }) => {
    expect((await post('/cgi-bin/message/custom/send', body)).errcode).toBe(expects);
    expect(wechat.customMessages).toHaveLength(expects === 0 ? 1 : 0);
  });

  const click = (name: string, key = 'report') => ({ type: 'click', name, key });
  test.each([
    { description: 'three buttons', button: [click('一'), click('二'), { name: '更多', sub_button: [click('三')] }], expects: 0 },
    { description: 'four buttons', button: [click('一'), click('二'), click('三'), click('四')], expects: 40016 },
    { description: 'a top name over 16 bytes', button: [click('反映问题反映')], expects: 40018 },
    { description: 'a CLICK button without key', button: [{ type: 'click', name: '一' }], expects: 40019 },
    { description: 'a button of unknown type', button: [{ type: 'tap', name: '一', key: 'k' }], expects: 40017 },
    {
      description: 'six sub-buttons',
      button: [{ name: '更多', sub_button: Array.from({ length: 6 }, () => click('子')) }],
      expects: 40023,
    },
    { description: 'a sub name over 60 bytes', button: [{ name: '更多', sub_button: [click('子'.repeat(21))] }], expects: 40025 },
  ])('when menu/create gets $description, then it answers errcode $expects', async ({ button, expects }) => {
    expect((await post('/cgi-bin/menu/create', { button })).errcode).toBe(expects);
    expect(wechat.menus).toHaveLength(expects === 0 ? 1 : 0);
  });
});

describe('transport failures', () => {
  test.each([
    { description: 'HTTP 502', status: 502, body: '<html>Bad Gateway</html>', expects: /answered HTTP 502/ },
    { description: 'an answer that is not JSON', status: 200, body: '<html>maintenance</html>', expects: /not JSON/ },
    { description: 'JSON of an unexpected shape', status: 200, body: '{"ok":true}', expects: /unexpected answer/ },
  ])('when WeChat answers $description, then an UpstreamError is thrown', async ({ status, body, expects }) => {
    const server = await startFakeServer();
    server.respond = (req) =>
      req.url.startsWith('/cgi-bin/token')
        ? {
            status: 200,
            body: JSON.stringify({ access_token: 'T'.repeat(100), expires_in: 7200 }),
            headers: { 'content-type': 'application/json' },
          }
        : { status, body, headers: { 'content-type': 'text/plain' } };
    try {
      const error = await adapter({ WECHAT_API_BASE: server.url })
        .send(reply())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as Error).message).toMatch(expects);
    } finally {
      await server.close();
    }
  });

  test('when WeChat cannot be reached, then an UpstreamError says the request failed', async () => {
    const server = await startFakeServer();
    await server.close();
    await expect(adapter({ WECHAT_API_BASE: server.url }).send(reply())).rejects.toThrow(/request failed/);
  });
});

describe('media downloads', () => {
  test('when a photo is fetched, then its bytes, type and name come from media/get', async () => {
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2048)]);
    const mediaId = wechat.addMedia(photo, 'image/jpeg');
    const fetched = await adapter().fetchMedia({ kind: 'image', ref: mediaId, mime: 'application/octet-stream' });
    expect(fetched).toEqual({ bytes: photo, mime: 'image/jpeg', name: `${mediaId}.jpeg` });
    const call = wechat.calls.find((c) => c.path === '/cgi-bin/media/get');
    expect(call?.accessToken).toEqual(expect.any(String));
  });

  test('when a voice file comes without a useful type, then the type from the message (audio/amr) is kept', async () => {
    const amr = Buffer.concat([Buffer.from('#!AMR\n'), randomBytes(512)]);
    const mediaId = wechat.addMedia(amr, 'application/octet-stream');
    const fetched = await adapter().fetchMedia({ kind: 'audio', ref: mediaId, mime: 'audio/amr' });
    expect(fetched.bytes.equals(amr)).toBe(true);
    expect(fetched.mime).toBe('audio/amr');
  });

  test('when a video is fetched, then the video_url WeChat answers with is downloaded', async () => {
    const video = randomBytes(4096);
    const fetched = await adapter().fetchMedia({ kind: 'video', ref: wechat.addVideo(video), mime: 'video/mp4' });
    expect(fetched.bytes.equals(video)).toBe(true);
    expect(fetched.mime).toBe('video/mp4');
    const download = wechat.calls.find((c) => c.path.startsWith('/video/'));
    expect(download?.accessToken).toBeUndefined();
  });

  test('when the MediaId is unknown or expired, then the JSON error becomes a WeChatApiError', async () => {
    await expect(adapter().fetchMedia({ kind: 'image', ref: 'expired-media-id' })).rejects.toMatchObject({ errcode: 40007 });
  });

  test('when the token expired, then the download is retried with a fresh one', async () => {
    const mediaId = wechat.addMedia(Buffer.from('png'), 'image/png');
    const a = adapter();
    await a.fetchMedia({ kind: 'image', ref: mediaId });
    wechat.expireTokens();
    expect((await a.fetchMedia({ kind: 'image', ref: mediaId })).bytes.toString()).toBe('png');
    expect(wechat.tokenFetches).toBe(2);
  });
});
