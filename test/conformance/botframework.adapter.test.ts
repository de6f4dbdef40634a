/** The Bot Framework channel (with an app id) against the adapter conformance suite, with a fake connector. */
import { randomUUID } from 'node:crypto';

import { afterAll, describe, expect } from 'vitest';

import { BotFrameworkAdapter } from '../../channels/botframework/index.js';
import { MemoryTokenStore } from '../../core/tokens/token-store.js';
import { BOT_APP_ID, BOT_APP_PASSWORD, activityOf, botRequest, messageActivity, vendor } from '../fixtures/botframework/activities.js';
import { startFakeBotFramework, type FakeBotFramework } from '../helpers/fakes/botframework.js';
import { runAdapterConformance } from './channel-adapter.suite.js';

const fakes: FakeBotFramework[] = [];
afterAll(async () => Promise.all(fakes.map((fake) => fake.close())));

describe('botframework channel', () => {
  runAdapterConformance(async () => {
    const fake = await startFakeBotFramework({ appId: BOT_APP_ID, appPassword: BOT_APP_PASSWORD });
    fakes.push(fake);
    fake.requireToken = true;
    const adapter = new BotFrameworkAdapter(
      {
        appId: BOT_APP_ID,
        appPassword: BOT_APP_PASSWORD,
        appType: 'MultiTenant',
        allowUnauthenticated: false,
        openIdMetadataUrl: fake.openIdMetadataUrl,
        loginUrl: fake.loginUrl,
        timeoutMs: 5_000,
      },
      { fetch, tokens: new MemoryTokenStore() },
    );
    const principal = vendor(fake.serviceUrl);
    const words = '我家楼下饭店油烟很大，晚上十点还在营业';
    const valid = () => botRequest(messageActivity(fake.serviceUrl, { text: words }), principal);
    const activity = messageActivity(fake.serviceUrl);
    return {
      name: 'botframework',
      adapter,
      valid,
      redeliver: (req) => ({ ...botRequest(req.body, principal), receivedAt: new Date(req.receivedAt.getTime() + 30_000) }),
      tamper: (req) => ({ ...req, principal: undefined }),
      malformed: [
        { description: 'no serviceUrl', request: () => botRequest({ ...activity, serviceUrl: undefined }, principal) },
        { description: 'no conversation', request: () => botRequest({ ...activity, conversation: undefined }, principal) },
        { description: 'no sender', request: () => botRequest({ ...activity, from: undefined }, principal) },
        { description: 'not an object', request: () => botRequest([activity], principal) },
      ],
      unknownKind: () => botRequest(activityOf(fake.serviceUrl, 'messageReaction', { reactionsAdded: [{ type: 'like' }] }), principal),
      expected: {
        channel: 'botframework',
        kind: 'text',
        text: words,
        channelUserId: 'dl_user-42',
        address: expect.objectContaining({ serviceUrl: fake.serviceUrl, conversation: { id: 'conv-web-1' } }),
      },
      reply: {
        purpose: 'reply',
        messageId: randomUUID(),
        channel: 'botframework',
        channelUserId: 'dl_user-42',
        text: '您的诉求已受理',
        inReplyTo: { messageId: randomUUID(), externalId: activity.id },
        address: { ...activity, activityId: activity.id, user: activity.from, bot: activity.recipient },
        ticket: { id: randomUUID(), number: '20261121-000001', status: 'ACCEPTED' },
      },
      delivered: async () => {
        expect(fake.activities.at(-1)).toMatchObject({
          conversationId: 'conv-web-1',
          replyToId: activity.id,
          activity: { type: 'message', text: '您的诉求已受理', recipient: { id: 'dl_user-42' } },
        });
        expect(fake.issuedTokens.has(String(fake.activities.at(-1)?.authorization).replace('Bearer ', ''))).toBe(true);
      },
    };
  });
});
