/**
 * The Bot Framework endpoint over real HTTP. The conformance suite runs without an app id (the
 * Emulator mode: only loopback serviceUrls are taken); the JWT path runs against a fake identity
 * provider, login and connector, end to end: a signed activity becomes a ticket and the answer reaches
 * the connector with a client-credentials token; a bad token is a 401 and stores nothing.
 */
import { generateKeyPairSync } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { BOT_APP_ID, BOT_APP_PASSWORD, activityOf, messageActivity } from '../fixtures/botframework/activities.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { startFakeBotFramework, type FakeBotFramework } from '../helpers/fakes/botframework.js';
import { waitFor } from '../helpers/http.js';
import { runHttpConformance, send, type Delivery } from './channel-http.suite.js';

const post = (body: unknown, token?: string): Delivery => ({
  path: '/api/messages',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

let connector: FakeBotFramework;

runHttpConformance(() => ({
  channel: 'botframework',
  deadlineMs: 5_000,
  env: async () => {
    connector = await startFakeBotFramework();
    return { BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: 'true' };
  },
  valid: () => post(messageActivity(connector.serviceUrl, { text: '幸福路和建设路交叉口的红绿灯坏了，早高峰很危险' })),
  // Without a token to check, a serviceUrl off this machine is what an attacker would change.
  tamper: (d) => ({ ...d, body: String(d.body).replace(connector.serviceUrl, 'https://directline.botframework.com/') }),
  malformed: () => [
    post({ ...messageActivity(connector.serviceUrl), conversation: undefined }),
    post({ ...messageActivity(connector.serviceUrl), from: { id: '' } }),
    post('{"type": "message", '),
  ],
  okStatus: [200],
  rejectStatus: 401,
  expectReply: async (number) => {
    const posted = await waitFor(() => connector.activities.find((a) => String(a.activity.text).includes(number)), 15_000, 'the reply');
    expect(posted).toMatchObject({ conversationId: 'conv-web-1', activity: { type: 'message', recipient: { id: 'dl_user-42' } } });
  },
  teardown: () => connector.close(),
}));

describe('botframework over HTTP with an app id (JWT)', () => {
  let app: TestApp;
  let cloud: FakeBotFramework;
  const stored = () => app.db.prisma.message.count({ where: { channel: 'botframework', direction: 'INBOUND' } });

  beforeAll(async () => {
    cloud = await startFakeBotFramework({ appId: BOT_APP_ID, appPassword: BOT_APP_PASSWORD, endorsements: ['webchat', 'directline'] });
    cloud.requireToken = true;
    app = await startTestApp({
      env: {
        // One message, one ticket: this file is about the channel's pipeline; the bot's dialog is test/component/dialog.test.ts.
        SUQIU_DIALOG_CHANNELS: 'none',
        MICROSOFT_APP_ID: BOT_APP_ID,
        MICROSOFT_APP_PASSWORD: BOT_APP_PASSWORD,
        BOTFRAMEWORK_OPENID_METADATA_URL: cloud.openIdMetadataUrl,
        BOTFRAMEWORK_LOGIN_URL: cloud.loginUrl,
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await cloud?.close();
  });

  test('when a signed activity arrives, then it is stored, becomes a ticket, and the answer reaches the connector with the bot token', async () => {
    const activity = messageActivity(cloud.serviceUrl, { text: '小区门口的井盖丢了，晚上很危险' }, 'conv-jwt-1');
    const answer = await send(app, post(activity, cloud.signToken()));
    expect(answer.status, answer.body).toBe(200);
    expect(answer.body).toBe('');
    const ticket = await waitFor(
      async () =>
        (await app.db.prisma.ticket.findFirst({ where: { channel: 'botframework', description: { contains: '井盖' } } })) ?? undefined,
      20_000,
      'the ticket',
    );
    const reply = await waitFor(() => cloud.activities.find((a) => String(a.activity.text).includes(ticket.number)), 15_000, 'the reply');
    expect(reply).toMatchObject({ conversationId: 'conv-jwt-1', replyToId: activity.id });
    expect(cloud.issuedTokens.has(String(reply.authorization).replace('Bearer ', ''))).toBe(true);
    expect(cloud.tokenRequests.at(-1)).toMatchObject({ client_id: BOT_APP_ID, scope: 'https://api.botframework.com/.default' });
  });

  const forged = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const now = () => Math.floor(Date.now() / 1000);
  test.each([
    { description: 'no token', token: () => undefined, fields: {} },
    { description: 'an expired token', token: () => cloud.signToken({ exp: now() - 900, nbf: now() - 5000 }), fields: {} },
    { description: 'a token for another bot', token: () => cloud.signToken({ aud: 'someone-else' }), fields: {} },
    { description: 'a token signed with an unknown key', token: () => cloud.signToken({}, { key: forged }), fields: {} },
    {
      description: 'a token for another serviceUrl',
      token: () => cloud.signToken({ serviceurl: 'https://evil.example.com/' }),
      fields: {},
    },
    { description: 'a channel the key is not endorsed for', token: () => cloud.signToken(), fields: { channelId: 'msteams' } },
  ])('when the request carries $description, then it gets 401 and nothing is stored', async ({ token, fields }) => {
    const before = await stored();
    const answer = await send(app, post(messageActivity(cloud.serviceUrl, fields), token()));
    expect(answer.status, answer.body).toBe(401);
    expect(await stored()).toBe(before);
  });

  test('when a signed typing indicator arrives, then it is acknowledged and nothing is stored', async () => {
    const before = await stored();
    const answer = await send(app, post(activityOf(cloud.serviceUrl, 'typing'), cloud.signToken()));
    expect(answer.status).toBe(200);
    expect(await stored()).toBe(before);
  });
});
