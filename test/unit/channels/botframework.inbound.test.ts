import { createHash } from 'node:crypto';

import { describe, expect, test } from 'vitest';

import { dedupKeyOf } from '../../../channels/botframework/inbound.js';
import { BotFrameworkAdapter } from '../../../channels/botframework/index.js';
import { activitySchema } from '../../../channels/botframework/schemas.js';
import type { InboundMessage } from '../../../channels/types.js';
import { MemoryTokenStore } from '../../../core/tokens/token-store.js';
import { DOMAIN_ACTIVITY, activityOf, botRequest, messageActivity } from '../../fixtures/botframework/activities.js';

const SERVICE = 'https://directline.botframework.com/';
const adapter = new BotFrameworkAdapter(
  { allowUnauthenticated: true, appType: 'MultiTenant', openIdMetadataUrl: 'http://127.0.0.1:9/metadata', timeoutMs: 1_000 },
  { fetch, tokens: new MemoryTokenStore() },
);

function parse(body: unknown): InboundMessage[] {
  const parsed = adapter.parse(botRequest(body));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}
const parseOne = (body: unknown) => {
  const messages = parse(body);
  expect(messages).toHaveLength(1);
  return messages[0]!;
};
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('botframework inbound: the DOMAIN.md activity', () => {
  test('when the published Direct Line message arrives, then text, photo by contentUrl and WGS-84 place are read', () => {
    expect(parseOne(DOMAIN_ACTIVITY)).toMatchObject({
      channel: 'botframework',
      externalId: 'abc123|0000001',
      channelUserId: 'dl_user-42',
      sender: { name: '市民' },
      kind: 'image',
      text: '我家楼下饭店油烟很大',
      media: [
        {
          kind: 'image',
          url: 'https://directline.botframework.com/attachments/abc123/photo.jpg',
          mime: 'image/jpeg',
          name: 'photo.jpg',
          // On the connector's host: the bot's token may be sent there.
          ref: 'https://directline.botframework.com/',
        },
      ],
      location: { lat: 31.23, lng: 121.47, datum: 'WGS84' },
      sentAt: new Date('2024-05-06T02:00:00.000Z'),
    });
  });

  test('when it is parsed, then the dedup key is sha256 of channelId + conversation.id + id (a valid BullMQ id)', () => {
    const { dedupKey } = parseOne(DOMAIN_ACTIVITY);
    expect(dedupKey).toBe(sha256(JSON.stringify(['directline', 'abc123', 'abc123|0000001'])));
    expect(dedupKey).toMatch(/^[0-9a-f]{64}$/);
  });

  test('when it is parsed, then the address is its ConversationReference', () => {
    expect(parseOne(DOMAIN_ACTIVITY).address).toEqual({
      activityId: 'abc123|0000001',
      user: { id: 'dl_user-42', name: '市民' },
      bot: { id: 'hotline-bot@abc', name: '12345' },
      conversation: { id: 'abc123' },
      channelId: 'directline',
      locale: 'zh-CN',
      serviceUrl: 'https://directline.botframework.com/',
    });
  });
});

describe('botframework inbound: dedup keys', () => {
  const base = messageActivity(SERVICE);
  test.each([
    { description: 'another id', change: { id: 'other' } },
    { description: 'another conversation', change: { conversation: { id: 'conv-2' } } },
    { description: 'another channel', change: { channelId: 'msteams' } },
  ])('when an activity has $description, then its key differs', ({ change }) => {
    expect(parseOne({ ...base, ...change }).dedupKey).not.toBe(parseOne(base).dedupKey);
  });

  test('when the same activity comes again, then the key is the same', () => {
    expect(parseOne(structuredClone(base)).dedupKey).toBe(parseOne(base).dedupKey);
  });

  test('when the parts could be joined ambiguously, then the keys still differ', () => {
    const a = activitySchema.parse({ ...base, conversation: { id: 'a|b' }, id: 'c' });
    const b = activitySchema.parse({ ...base, conversation: { id: 'a' }, id: 'b|c' });
    const req = { rawBody: Buffer.alloc(0), body: undefined };
    expect(dedupKeyOf(a, req)).not.toBe(dedupKeyOf(b, req));
  });

  test('when an activity has no id, then its key comes from its bytes', () => {
    const { id: _id, ...withoutId } = base;
    expect(parseOne(withoutId).dedupKey).toMatch(/^[0-9a-f]{64}$/);
    expect(parseOne(withoutId).dedupKey).toBe(parseOne(withoutId).dedupKey);
  });
});

describe('botframework inbound: message contents', () => {
  test.each([
    { description: 'text only', fields: { text: '  路灯坏了  ' }, expects: { kind: 'text', text: '路灯坏了', media: [] } },
    {
      description: 'a voice clip',
      fields: { text: undefined, attachments: [{ contentType: 'audio/ogg', contentUrl: 'https://files.example.com/a.ogg' }] },
      expects: { kind: 'voice', media: [{ kind: 'audio', url: 'https://files.example.com/a.ogg', mime: 'audio/ogg' }] },
    },
    {
      description: 'a video',
      fields: { attachments: [{ contentType: 'video/mp4', contentUrl: 'https://files.example.com/v.mp4' }] },
      expects: { kind: 'video', media: [{ kind: 'video', mime: 'video/mp4' }] },
    },
    {
      description: 'a PDF',
      fields: { attachments: [{ contentType: 'application/pdf', contentUrl: 'https://files.example.com/f.pdf', name: 'f.pdf' }] },
      expects: { kind: 'text', media: [{ kind: 'file', mime: 'application/pdf', name: 'f.pdf' }] },
    },
    {
      description: 'an inline data: image (the Emulator)',
      fields: {
        text: undefined,
        attachments: [{ contentType: 'image/png', contentUrl: `data:image/png;base64,${Buffer.from('PNG!').toString('base64')}` }],
      },
      expects: { kind: 'image', media: [{ kind: 'image', data: Buffer.from('PNG!'), mime: 'image/png' }] },
    },
    {
      description: 'a Teams file (pre-authenticated download link)',
      fields: {
        attachments: [
          {
            contentType: 'application/vnd.microsoft.teams.file.download.info',
            name: 'report.docx',
            content: { downloadUrl: 'https://contoso.sharepoint.com/download?x=1', uniqueId: 'u', fileType: 'docx' },
          },
        ],
      },
      expects: { kind: 'text', media: [{ kind: 'file', url: 'https://contoso.sharepoint.com/download?x=1', name: 'report.docx' }] },
    },
    {
      description: "Teams' HTML copy of the text and a card (not files)",
      fields: {
        attachments: [
          { contentType: 'text/html', content: '<p>小区垃圾站</p>' },
          { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } },
        ],
      },
      expects: { kind: 'text', media: [] },
    },
    {
      description: 'a place without words',
      fields: { text: '', entities: [{ type: 'Place', name: '人民广场', geo: { latitude: '31.2', longitude: 121.4 } }] },
      expects: { kind: 'location', location: { lat: 31.2, lng: 121.4, datum: 'WGS84', label: '人民广场' } },
    },
    {
      description: 'a GeoCoordinates entity with words',
      fields: { entities: [{ type: 'GeoCoordinates', latitude: 30, longitude: 120 }] },
      expects: { kind: 'text', location: { lat: 30, lng: 120, datum: 'WGS84' } },
    },
    {
      description: 'coordinates out of range (ignored)',
      fields: { entities: [{ type: 'GeoCoordinates', latitude: 300, longitude: 120 }] },
      expects: { kind: 'text', location: undefined },
    },
    {
      description: 'a Teams mention of the bot',
      fields: {
        text: '<at>12345</at> 井盖丢了',
        entities: [{ type: 'mention', text: '<at>12345</at>', mentioned: { id: 'hotline-bot@abc', name: '12345' } }],
      },
      expects: { kind: 'text', text: '井盖丢了' },
    },
    {
      description: 'a suggested action pressed (postBack)',
      fields: { text: 'resolved', channelData: { postBack: true, clientActivityID: 'x' } },
      expects: { kind: 'event', event: { name: 'callback', key: 'resolved' } },
    },
    { description: 'nothing at all', fields: { text: undefined }, expects: { kind: 'event', event: { name: 'message' } } },
  ])('when the message has $description, then it parses as expected', ({ fields, expects }) => {
    expect(parseOne(messageActivity(SERVICE, fields))).toMatchObject(expects);
  });

  test('when an attachment is on another host than the connector, then it carries no ref (no token goes there)', () => {
    const [message] = parse(
      messageActivity(SERVICE, { attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://evil.example.com/p.jpg' }] }),
    );
    expect(message?.media[0]?.ref).toBeUndefined();
  });
});

describe('botframework inbound: other activity types', () => {
  test.each([
    {
      description: 'a user joins the conversation',
      input: activityOf(SERVICE, 'conversationUpdate', { membersAdded: [{ id: 'dl_user-42' }] }),
      event: { name: 'subscribe' },
    },
    {
      description: 'only the bot joins',
      input: activityOf(SERVICE, 'conversationUpdate', { membersAdded: [{ id: 'hotline-bot@abc' }] }),
      event: { name: 'conversationUpdate' },
    },
    {
      description: 'an event',
      input: activityOf(SERVICE, 'event', { name: 'subscribe', value: {} }),
      event: { name: 'event', key: 'subscribe' },
    },
    {
      description: 'an invoke',
      input: activityOf(SERVICE, 'invoke', { name: 'adaptiveCard/action' }),
      event: { name: 'invoke', key: 'adaptiveCard/action' },
    },
    {
      description: 'an install',
      input: activityOf(SERVICE, 'installationUpdate', { action: 'add' }),
      event: { name: 'installationUpdate', key: 'add' },
    },
    { description: 'the end of a conversation', input: activityOf(SERVICE, 'endOfConversation'), event: { name: 'endOfConversation' } },
    { description: 'a type from the future', input: activityOf(SERVICE, 'hologram'), event: { name: 'hologram' } },
  ])('when $description, then it is an event with the reference kept', ({ input, event }) => {
    const message = parseOne(input);
    expect(message).toMatchObject({ kind: 'event', event, media: [], channelUserId: 'dl_user-42' });
    expect(message.address).toMatchObject({ serviceUrl: SERVICE, conversation: { id: 'conv-web-1' } });
  });

  test('when a typing indicator arrives, then nothing is stored', () => {
    expect(parse(activityOf(SERVICE, 'typing'))).toEqual([]);
  });

  test('when deliveryMode is expectReplies, then the message is taken like any other (the answer comes proactively)', () => {
    expect(parseOne(messageActivity(SERVICE, { deliveryMode: 'expectReplies' }))).toMatchObject({ kind: 'text' });
  });
});

describe('botframework inbound: malformed activities', () => {
  const ok = messageActivity(SERVICE);
  test.each([
    { description: 'no serviceUrl', body: { ...ok, serviceUrl: undefined } },
    { description: 'a non-http serviceUrl', body: { ...ok, serviceUrl: 'ftp://x/' } },
    { description: 'no conversation', body: { ...ok, conversation: undefined } },
    { description: 'no from', body: { ...ok, from: undefined } },
    { description: 'an empty from.id', body: { ...ok, from: { id: '' } } },
    { description: 'no channelId', body: { ...ok, channelId: undefined } },
    { description: 'no type', body: { ...ok, type: undefined } },
    { description: 'attachments not an array', body: { ...ok, attachments: {} } },
    { description: 'not an object', body: 'hello' },
  ])('when the activity has $description, then parse returns an error', ({ body }) => {
    const parsed = adapter.parse(botRequest(body));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/Bot Framework activity/);
  });
});
