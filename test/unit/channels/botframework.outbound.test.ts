import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

import { isPublicAddress } from '../../../channels/botframework/download.js';
import { BotFrameworkAdapter } from '../../../channels/botframework/index.js';
import { replyToIdOf, toActivity } from '../../../channels/botframework/outbound.js';
import type { StoredReference } from '../../../channels/botframework/schemas.js';
import type { OutboundReply } from '../../../channels/types.js';
import { UpstreamError } from '../../../core/errors/index.js';
import { MemoryTokenStore } from '../../../core/tokens/token-store.js';
import { BOT_APP_ID, BOT_APP_PASSWORD } from '../../fixtures/botframework/activities.js';
import { startFakeBotFramework, type FakeBotFramework } from '../../helpers/fakes/botframework.js';

const reference = (serviceUrl: string, activityId = 'conv:1|0000007'): StoredReference => ({
  activityId,
  user: { id: 'dl_user-42', name: '市民' },
  bot: { id: 'hotline-bot@abc', name: '12345' },
  conversation: { id: 'conv:1' },
  channelId: 'webchat',
  locale: 'zh-CN',
  serviceUrl,
});

const reply = (address: unknown, overrides: Partial<OutboundReply> = {}): OutboundReply => ({
  messageId: randomUUID(),
  channel: 'botframework',
  channelUserId: 'dl_user-42',
  text: '您的诉求已受理，工单号 20261121-000001',
  purpose: 'reply',
  inReplyTo: { messageId: randomUUID(), externalId: 'conv:1|0000007' },
  address,
  ...overrides,
});

describe('botframework outbound activities', () => {
  const ref = reference('https://directline.botframework.com/');

  test('when a reply offers choices, then they are postBack suggested actions for the citizen', () => {
    expect(toActivity(reply(ref, { choices: [{ label: '已解决', value: 'resolved' }] }), ref)).toEqual({
      type: 'message',
      text: '您的诉求已受理，工单号 20261121-000001',
      textFormat: 'plain',
      locale: 'zh-CN',
      suggestedActions: { to: ['dl_user-42'], actions: [{ type: 'postBack', title: '已解决', value: 'resolved' }] },
    });
  });

  test.each([
    { description: 'an answer to the latest activity', input: reply(ref), expects: 'conv:1|0000007' },
    {
      description: 'an answer to an older activity',
      input: reply(ref, { inReplyTo: { messageId: 'x', externalId: 'conv:0|1' } }),
      expects: undefined,
    },
    { description: 'a status notice', input: reply(ref, { purpose: 'status' }), expects: undefined },
    { description: 'an answer without the vendor id', input: reply(ref, { inReplyTo: { messageId: 'x' } }), expects: undefined },
  ])('when the reply is $description, then replyToId is $expects', ({ input, expects }) => {
    expect(replyToIdOf(input, ref)).toBe(expects);
  });
});

describe('botframework adapter against a fake connector', () => {
  let fake: FakeBotFramework;
  let authed: BotFrameworkAdapter;
  let open: BotFrameworkAdapter;
  beforeAll(async () => {
    fake = await startFakeBotFramework({ appId: BOT_APP_ID, appPassword: BOT_APP_PASSWORD });
    const common = { appType: 'MultiTenant' as const, openIdMetadataUrl: fake.openIdMetadataUrl, timeoutMs: 3_000 };
    authed = new BotFrameworkAdapter(
      { ...common, appId: BOT_APP_ID, appPassword: BOT_APP_PASSWORD, allowUnauthenticated: false, loginUrl: fake.loginUrl },
      { fetch, tokens: new MemoryTokenStore() },
    );
    open = new BotFrameworkAdapter({ ...common, allowUnauthenticated: true }, { fetch, tokens: new MemoryTokenStore() });
  });
  beforeEach(() => {
    fake.activities.length = 0;
    fake.tokenRequests.length = 0;
    fake.failures.length = 0;
    fake.requireToken = false;
  });
  afterAll(() => fake.close());

  test('when an answer is sent without an app id, then it is posted to the activity it answers, unsigned', async () => {
    const result = await open.send(reply(reference(fake.serviceUrl)));
    expect(fake.activities).toHaveLength(1);
    expect(fake.activities[0]).toMatchObject({
      conversationId: 'conv:1',
      replyToId: 'conv:1|0000007',
      authorization: undefined,
      activity: {
        type: 'message',
        text: '您的诉求已受理，工单号 20261121-000001',
        from: { id: 'hotline-bot@abc' },
        recipient: { id: 'dl_user-42' },
      },
    });
    // The id the connector gave the sent activity.
    expect(result.externalId).toMatch(/^conv:1\|\d{7}$/);
  });

  test('when a status notice is sent with an app id, then it goes to the conversation with a client-credentials token', async () => {
    fake.requireToken = true;
    await authed.send(reply(reference(fake.serviceUrl), { purpose: 'status' }));
    expect(fake.tokenRequests).toEqual([
      {
        grant_type: 'client_credentials',
        client_id: BOT_APP_ID,
        client_secret: BOT_APP_PASSWORD,
        scope: 'https://api.botframework.com/.default',
      },
    ]);
    expect(fake.activities[0]).toMatchObject({ conversationId: 'conv:1', replyToId: undefined });
    expect(fake.issuedTokens.has(String(fake.activities[0]?.authorization).replace('Bearer ', ''))).toBe(true);
  });

  test('when several replies are sent, then the token is fetched once', async () => {
    fake.requireToken = true;
    const fresh = new BotFrameworkAdapter(
      {
        appType: 'MultiTenant',
        openIdMetadataUrl: fake.openIdMetadataUrl,
        timeoutMs: 3_000,
        appId: BOT_APP_ID,
        appPassword: BOT_APP_PASSWORD,
        allowUnauthenticated: false,
        loginUrl: fake.loginUrl,
      },
      { fetch, tokens: new MemoryTokenStore() },
    );
    await fresh.send(reply(reference(fake.serviceUrl)));
    await fresh.send(reply(reference(fake.serviceUrl), { purpose: 'status' }));
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.activities).toHaveLength(2);
  });

  test("when the connector keeps answering 429 (past the SDK's own retries), then the UpstreamError is RATE_LIMITED with Retry-After", async () => {
    for (let i = 0; i < 4; i += 1)
      fake.failures.push({
        status: 429,
        headers: { 'retry-after': '0' },
        body: { error: { code: 'TooManyRequests', message: 'slow down' } },
      });
    const error = await open.send(reply(reference(fake.serviceUrl))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', details: { status: 429, retryAfterSeconds: 0 } });
    expect(fake.activities).toHaveLength(0);
  });

  test('when the connector fails once with 503, then the SDK retries within the call and the reply is delivered', async () => {
    fake.failures.push({ status: 503, headers: { 'retry-after': '0' } });
    await open.send(reply(reference(fake.serviceUrl)));
    expect(fake.activities).toHaveLength(1);
  });

  test('when the connector refuses the activity, then the error names the status but carries neither the text nor the token', async () => {
    fake.requireToken = true;
    fake.failures.push({ status: 403, body: { error: { code: 'BotDisabled', message: 'the bot is disabled' } } });
    const error = (await authed.send(reply(reference(fake.serviceUrl))).catch((e: unknown) => e)) as UpstreamError;
    expect(error).toMatchObject({ code: 'CONNECTOR_403' });
    const serialised = JSON.stringify({ message: error.message, details: error.details, cause: error.cause });
    expect(serialised).not.toContain('工单号');
    expect(serialised).not.toContain('fake-access-');
  });

  test('when the connector refuses a revoked token, then the token is dropped and the retry gets a fresh one', async () => {
    fake.requireToken = true;
    await authed.send(reply(reference(fake.serviceUrl)));
    fake.issuedTokens.clear();
    await expect(authed.send(reply(reference(fake.serviceUrl)))).rejects.toMatchObject({ code: 'CONNECTOR_401' });
    await authed.send(reply(reference(fake.serviceUrl)));
    expect(fake.activities).toHaveLength(2);
    expect(fake.activities[0]?.authorization).not.toBe(fake.activities[1]?.authorization);
  });

  test('when the login refuses the secret, then sending fails with an UpstreamError and nothing is posted', async () => {
    const wrong = new BotFrameworkAdapter(
      {
        appType: 'MultiTenant',
        openIdMetadataUrl: fake.openIdMetadataUrl,
        timeoutMs: 3_000,
        appId: BOT_APP_ID,
        appPassword: 'wrong',
        allowUnauthenticated: false,
        loginUrl: fake.loginUrl,
      },
      { fetch, tokens: new MemoryTokenStore() },
    );
    await expect(wrong.send(reply(reference(fake.serviceUrl)))).rejects.toThrow(/login answered 401 invalid_client/);
    expect(fake.activities).toHaveLength(0);
  });

  test('when no conversation reference is stored, then sending fails without a request', async () => {
    await expect(open.send(reply(undefined))).rejects.toMatchObject({ code: 'NO_REFERENCE' });
    await expect(open.send(reply({ chatId: '1' }))).rejects.toMatchObject({ code: 'NO_REFERENCE' });
    expect(fake.activities).toHaveLength(0);
  });

  test('when an attachment is on the connector, then it is fetched with the bot token', async () => {
    fake.requireToken = true;
    const url = fake.addAttachment(Buffer.from('JPEG'), 'image/jpeg');
    const fetched = await authed.fetchMedia({ kind: 'image', url, ref: fake.serviceUrl, mime: 'image/jpeg', name: 'p.jpg' });
    expect(fetched).toEqual({ bytes: Buffer.from('JPEG'), mime: 'image/jpeg', name: 'p.jpg' });
  });
});

describe('botframework attachment downloads keep the token and the network safe', () => {
  let other: Server;
  let otherUrl: string;
  const seen: { path: string; authorization?: string }[] = [];
  const adapter = new BotFrameworkAdapter(
    {
      appId: BOT_APP_ID,
      appPassword: BOT_APP_PASSWORD,
      appType: 'MultiTenant',
      allowUnauthenticated: false,
      openIdMetadataUrl: 'http://127.0.0.1:9/x',
      loginUrl: 'http://127.0.0.1:9/login',
      timeoutMs: 2_000,
    },
    { fetch, tokens: new MemoryTokenStore() },
  );
  beforeAll(async () => {
    other = createServer((req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      if (req.url === '/redirect-to-metadata') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end('PNG');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));

  test.each([
    {
      description: 'a loopback host that is not the connector',
      url: () => `${otherUrl}/p.png`,
      ref: 'https://smba.trafficmanager.net/emea/',
    },
    { description: 'the cloud metadata address', url: () => 'http://169.254.169.254/latest/meta-data/', ref: undefined },
    { description: 'a private network address', url: () => 'http://10.1.2.3/p.png', ref: undefined },
    { description: 'an IPv6 unique-local address', url: () => 'http://[fd00::1]/p.png', ref: undefined },
    { description: 'a non-http URL', url: () => 'file:///etc/passwd', ref: undefined },
  ])('when the contentUrl is $description, then the download is refused before any request', async ({ url, ref }) => {
    const before = seen.length;
    await expect(adapter.fetchMedia({ kind: 'image', url: url(), ref })).rejects.toBeInstanceOf(UpstreamError);
    expect(seen.length).toBe(before);
  });

  test('when the connector redirects to a private address, then the redirect is not followed', async () => {
    const open = new BotFrameworkAdapter(
      { appType: 'MultiTenant', allowUnauthenticated: true, openIdMetadataUrl: 'http://127.0.0.1:9/x', timeoutMs: 2_000 },
      { fetch, tokens: new MemoryTokenStore() },
    );
    await expect(open.fetchMedia({ kind: 'image', url: `${otherUrl}/redirect-to-metadata`, ref: `${otherUrl}/` })).rejects.toThrow(
      /private or local/,
    );
  });

  test.each([
    ['8.8.8.8', true],
    ['2001:4860:4860::8888', true],
    ['127.0.0.1', false],
    ['::1', false],
    ['::ffff:10.0.0.1', false],
    ['172.20.1.1', false],
    ['100.100.100.200', false],
    ['fe80::1', false],
  ])('when the address is %s, then public is %s', (address, expects) => {
    expect(isPublicAddress(address)).toBe(expects);
  });
});
