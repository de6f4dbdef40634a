import { describe, expect, test } from 'vitest';

import { TelegramAdapter } from '../../../channels/telegram/index.js';
import { verifySecretToken } from '../../../channels/telegram/signature.js';
import type { InboundMessage } from '../../../channels/types.js';
import {
  DOMAIN_LOCATION_UPDATE,
  GROUP_CHAT_ID,
  TELEGRAM_BOT_ID,
  TELEGRAM_BOT_USERNAME,
  TELEGRAM_SECRET,
  TELEGRAM_TOKEN,
  citizen,
  groupMessage,
  privateMessage,
  telegramRequest,
  update,
} from '../../fixtures/telegram/updates.js';

const adapter = (allowGroups = false) =>
  new TelegramAdapter(
    {
      botToken: TELEGRAM_TOKEN,
      webhookSecret: TELEGRAM_SECRET,
      apiRoot: 'http://127.0.0.1:9',
      allowGroups,
      botUsername: TELEGRAM_BOT_USERNAME,
      timeoutMs: 1_000,
    },
    fetch,
  );

function parseOne(body: unknown, allowGroups = false): InboundMessage {
  const parsed = adapter(allowGroups).parse(telegramRequest(body));
  if (!parsed.ok) throw new Error(parsed.error.message);
  expect(parsed.value).toHaveLength(1);
  return parsed.value[0]!;
}

interface TestCase {
  description: string;
  input: Record<string, any>;
  expects: Partial<InboundMessage>;
}

const photo = [
  { file_id: 'small', file_unique_id: 's', width: 90, height: 60, file_size: 1_000 },
  { file_id: 'medium', file_unique_id: 'm', width: 320, height: 240, file_size: 20_000 },
  { file_id: 'largest', file_unique_id: 'l', width: 1280, height: 960, file_size: 200_000 },
];
const selfContact = { phone_number: '8613812345678', first_name: 'Li', user_id: citizen.id };

describe('telegram inbound: message kinds', () => {
  const cases: TestCase[] = [
    {
      description: 'text',
      input: privateMessage({ text: '  幸福路的路灯坏了一个星期了  ' }),
      expects: { kind: 'text', text: '幸福路的路灯坏了一个星期了', media: [] },
    },
    {
      description: 'a photo with a caption (the largest size, by file_id)',
      input: privateMessage({ photo, caption: '垃圾堆在路边' }),
      expects: { kind: 'image', text: '垃圾堆在路边', media: [{ kind: 'image', ref: 'largest', mime: 'image/jpeg' }] },
    },
    {
      description: 'a voice note (OGG/Opus)',
      input: privateMessage({ voice: { file_id: 'voice-1', file_unique_id: 'v', duration: 7, mime_type: 'audio/ogg' } }),
      expects: { kind: 'voice', text: undefined, media: [{ kind: 'audio', ref: 'voice-1', mime: 'audio/ogg' }] },
    },
    {
      description: 'a video',
      input: privateMessage({ video: { file_id: 'video-1', file_unique_id: 'v', width: 1, height: 1, duration: 3 }, caption: '噪音' }),
      expects: { kind: 'video', text: '噪音', media: [{ kind: 'video', ref: 'video-1', mime: 'video/mp4' }] },
    },
    {
      description: 'a PDF document',
      input: privateMessage({ document: { file_id: 'doc-1', file_unique_id: 'd', mime_type: 'application/pdf', file_name: '合同.pdf' } }),
      expects: { kind: 'text', media: [{ kind: 'file', ref: 'doc-1', mime: 'application/pdf', name: '合同.pdf' }] },
    },
    {
      description: 'a photo sent as a document',
      input: privateMessage({ document: { file_id: 'doc-2', file_unique_id: 'd', mime_type: 'image/png', file_name: 'a.png' } }),
      expects: { kind: 'image', media: [{ kind: 'image', ref: 'doc-2', mime: 'image/png', name: 'a.png' }] },
    },
    {
      description: 'a venue (location with its name)',
      input: privateMessage({
        location: { latitude: 31.23, longitude: 121.47 },
        venue: { location: { latitude: 31.23, longitude: 121.47 }, title: '人民广场', address: '黄浦区人民大道' },
      }),
      expects: { kind: 'location', location: { lat: 31.23, lng: 121.47, datum: 'WGS84', label: '人民广场, 黄浦区人民大道' } },
    },
    {
      description: 'a sticker (not content)',
      input: privateMessage({ sticker: { file_id: 'st', file_unique_id: 's', width: 1, height: 1, is_animated: false, type: 'regular' } }),
      expects: { kind: 'event', event: { name: 'sticker' }, media: [] },
    },
    {
      description: '/start (the Telegram "follow")',
      input: privateMessage({ text: '/start', entities: [{ type: 'bot_command', offset: 0, length: 6 }] }),
      expects: { kind: 'event', event: { name: 'subscribe', key: undefined } },
    },
    {
      description: '/start with a deep-link payload',
      input: privateMessage({ text: '/start qr-street-17', entities: [{ type: 'bot_command', offset: 0, length: 6 }] }),
      expects: { kind: 'event', event: { name: 'subscribe', key: 'qr-street-17' } },
    },
    {
      description: 'another command',
      input: privateMessage({ text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] }),
      expects: { kind: 'event', event: { name: 'command', key: '/help' } },
    },
  ];

  test.each(cases)('when the message is $description, then it parses as expected', ({ input, expects }) => {
    expect(parseOne(input)).toMatchObject(expects);
  });

  test('when the DOMAIN.md location vector arrives, then it is a WGS-84 location of user 11111111 keyed by chat and message id', () => {
    expect(parseOne(DOMAIN_LOCATION_UPDATE)).toMatchObject({
      channel: 'telegram',
      dedupKey: 'm:11111111:42',
      externalId: '11111111:42',
      channelUserId: '11111111',
      kind: 'location',
      location: { lat: 31.2304, lng: 121.4737, datum: 'WGS84' },
      address: { chatId: '11111111' },
      sentAt: new Date(1714960000 * 1000),
      sender: { name: 'Li' },
    });
  });

  test('when a private message arrives, then the address is the chat and the raw update is kept', () => {
    const body = privateMessage({ text: '你好' });
    const message = parseOne(body);
    expect(message).toMatchObject({
      channelUserId: String(citizen.id),
      address: { chatId: String(citizen.id) },
      sender: { name: 'Li Wei' },
    });
    expect(message.raw).toEqual(body);
  });

  test('when an update is delivered again, then the dedup key is the same; another message gives another key', () => {
    const body = privateMessage({ text: 'x' });
    expect(parseOne({ ...body }).dedupKey).toBe(parseOne(body).dedupKey);
    expect(parseOne(privateMessage({ text: 'x' })).dedupKey).not.toBe(parseOne(body).dedupKey);
  });

  test('when Telegram restarts its update_id sequence and reuses an id, then a new message still gets a new key', () => {
    const old = privateMessage({ text: '上周反映的问题' });
    const reused = { ...privateMessage({ text: '新的问题' }), update_id: old.update_id };
    expect(parseOne(reused).dedupKey).not.toBe(parseOne(old).dedupKey);
    const event = { update_id: old.update_id, poll: { id: 'p1' } };
    expect(parseOne({ update_id: old.update_id, poll: { id: 'p2' } }).dedupKey).not.toBe(parseOne(event).dedupKey);
    expect(parseOne({ ...event }).dedupKey).toBe(parseOne(event).dedupKey);
  });
});

describe('telegram inbound: contacts', () => {
  test('when the citizen shares their own contact, then the phone is verified (it links them to their SMS identity)', () => {
    const message = parseOne(privateMessage({ contact: selfContact }));
    expect(message).toMatchObject({ kind: 'contact', sender: { name: 'Li Wei', phone: '8613812345678', phoneVerified: true } });
  });

  test.each([
    { description: "someone else's card", contact: { phone_number: '8613900000000', first_name: 'Zhang', user_id: 22222222 } },
    { description: 'a card without a Telegram user', contact: { phone_number: '8613900000000', first_name: 'Zhang' } },
  ])('when the citizen forwards $description, then no phone is taken and it is only an event', ({ contact }) => {
    const message = parseOne(privateMessage({ contact }));
    expect(message).toMatchObject({ kind: 'event', event: { name: 'contact', key: 'unverified' } });
    expect(message.sender?.phone).toBeUndefined();
    expect(message.sender?.phoneVerified).toBeUndefined();
  });
});

describe('telegram inbound: groups', () => {
  const mention = `@${TELEGRAM_BOT_USERNAME} 小区门口的井盖丢了`;
  const mentioned = () =>
    groupMessage({ text: mention, entities: [{ type: 'mention', offset: 0, length: TELEGRAM_BOT_USERNAME.length + 1 }] });
  const replyToBot = () =>
    groupMessage({
      text: '还是没人来修',
      reply_to_message: {
        message_id: 7,
        date: 1,
        chat: { id: GROUP_CHAT_ID, type: 'supergroup' },
        from: { id: TELEGRAM_BOT_ID, is_bot: true, first_name: '12345' },
      },
    });
  const chatter = () => groupMessage({ text: '今晚吃什么' });

  test.each([
    { description: 'groups are not allowed, a mention', input: mentioned, allowGroups: false },
    { description: 'groups are allowed, chatter not meant for the bot', input: chatter, allowGroups: true },
    {
      description: 'groups are allowed, a mention of another bot',
      input: () => groupMessage({ text: '@other_bot hi', entities: [{ type: 'mention', offset: 0, length: 10 }] }),
      allowGroups: true,
    },
  ])(
    'when $description, then it is stored as an event without an address (no ticket, replies not redirected)',
    ({ input, allowGroups }) => {
      const message = parseOne(input(), allowGroups);
      expect(message).toMatchObject({ kind: 'event', event: { name: 'group_message' }, channelUserId: String(citizen.id) });
      expect(message.address).toBeUndefined();
    },
  );

  test('when groups are allowed and the bot is mentioned, then the message is taken without the handle and answered in the group', () => {
    expect(parseOne(mentioned(), true)).toMatchObject({
      kind: 'text',
      text: '小区门口的井盖丢了',
      channelUserId: String(citizen.id),
      address: { chatId: String(GROUP_CHAT_ID) },
    });
  });

  test('when groups are allowed and a member replies to the bot, then the message is taken', () => {
    expect(parseOne(replyToBot(), true)).toMatchObject({ kind: 'text', text: '还是没人来修' });
  });

  test('when a text_mention names the bot by id, then the message is taken', () => {
    const input = groupMessage({
      text: '12345 路灯',
      entities: [{ type: 'text_mention', offset: 0, length: 5, user: { id: TELEGRAM_BOT_ID, is_bot: true, first_name: '12345' } }],
    });
    expect(parseOne(input, true)).toMatchObject({ kind: 'text' });
  });

  test('when a channel post or a bot writes, then it is an event', () => {
    expect(parseOne(update('channel_post', { message_id: 1, date: 1, chat: { id: -100, type: 'channel' }, text: 'x' }))).toMatchObject({
      kind: 'event',
      event: { name: 'channel_post' },
    });
    expect(parseOne(privateMessage({ text: 'x' }, { id: 5, is_bot: true, first_name: 'bot' }))).toMatchObject({
      kind: 'event',
      event: { name: 'foreign_sender' },
    });
  });
});

describe('telegram inbound: other updates', () => {
  test('when a button is pressed, then it is a callback event with the button data', () => {
    const body = update('callback_query', {
      id: '4382bfdwdsb323b2d9',
      from: citizen,
      chat_instance: '-1',
      data: 'confirm:yes',
      message: { message_id: 55, date: 1, chat: { id: citizen.id, type: 'private' }, text: '请确认' },
    });
    expect(parseOne(body)).toMatchObject({
      kind: 'event',
      event: { name: 'callback', key: 'confirm:yes' },
      channelUserId: String(citizen.id),
      externalId: '4382bfdwdsb323b2d9',
      dedupKey: 'c:4382bfdwdsb323b2d9',
      address: { chatId: String(citizen.id) },
    });
  });

  test('when a message is edited, then the new wording is stored as text under its own update, linked to the original', () => {
    const original = privateMessage({ text: '路灯坏了' });
    const edited = update('edited_message', { ...original.message, text: '幸福路3号的路灯坏了', edit_date: 1_790_000_100 });
    const message = parseOne(edited);
    expect(message).toMatchObject({
      kind: 'text',
      text: '幸福路3号的路灯坏了',
      event: { name: 'edited_message', key: `${citizen.id}:${original.message.message_id}` },
      sentAt: new Date(1_790_000_100 * 1000),
    });
    expect(message.dedupKey).not.toBe(parseOne(original).dedupKey);
  });

  test('when a live location moves (an edit without words), then it is an event', () => {
    const edited = update('edited_message', { ...privateMessage({ location: { latitude: 1, longitude: 2 } }).message, edit_date: 2 });
    expect(parseOne(edited)).toMatchObject({ kind: 'event', event: { name: 'edited_message' } });
  });

  test('when the citizen blocks the bot, then my_chat_member is an event with the new status', () => {
    const body = update('my_chat_member', {
      chat: { id: citizen.id, type: 'private' },
      from: citizen,
      date: 1,
      old_chat_member: { status: 'member', user: { id: TELEGRAM_BOT_ID, is_bot: true, first_name: 'b' } },
      new_chat_member: { status: 'kicked', until_date: 0, user: { id: TELEGRAM_BOT_ID, is_bot: true, first_name: 'b' } },
    });
    expect(parseOne(body)).toMatchObject({
      kind: 'event',
      event: { name: 'my_chat_member', key: 'kicked' },
      channelUserId: String(citizen.id),
    });
  });

  test.each([
    {
      description: 'a reaction',
      key: 'message_reaction',
      payload: { chat: { id: 1, type: 'private' }, user: citizen, date: 1 },
      user: String(citizen.id),
    },
    { description: 'a poll without a user', key: 'poll', payload: { id: 'p1', question: '?' }, user: 'update:poll' },
    { description: 'a type from a future Bot API', key: 'future_update', payload: { from: { id: 77 } }, user: '77' },
  ])('when $description arrives, then it is stored as an event naming the update type', ({ key, payload, user }) => {
    expect(parseOne(update(key, payload))).toMatchObject({ kind: 'event', event: { name: key }, channelUserId: user, media: [] });
  });
});

describe('telegram inbound: malformed updates', () => {
  test.each([
    { description: 'no payload field', body: { update_id: 1 } },
    { description: 'two payload fields', body: { update_id: 1, message: privateMessage({ text: 'a' }).message, edited_message: {} } },
    { description: 'no update_id', body: { message: privateMessage({ text: 'a' }).message } },
    { description: 'update_id as a string', body: { update_id: '1', message: privateMessage({ text: 'a' }).message } },
    { description: 'a message without chat', body: { update_id: 1, message: { message_id: 1, date: 1, text: 'x' } } },
    { description: 'latitude out of range', body: privateMessage({ location: { latitude: 91, longitude: 0 } }) },
    { description: 'an empty photo array', body: privateMessage({ photo: [] }) },
    { description: 'not an object', body: 'update' },
    { description: 'no body', body: undefined },
  ])('when the update has $description, then parse returns an error', ({ body }) => {
    const parsed = adapter().parse(telegramRequest(body));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/Telegram/);
  });
});

describe('telegram webhook secret', () => {
  test.each([
    { description: 'the right secret', header: TELEGRAM_SECRET, expects: true },
    { description: 'no header', header: undefined, expects: false },
    { description: 'an empty header', header: '', expects: false },
    { description: 'a wrong secret of the same length', header: TELEGRAM_SECRET.replace(/.$/, 'x'), expects: false },
    { description: 'a prefix of the secret', header: TELEGRAM_SECRET.slice(0, 10), expects: false },
    { description: 'the secret with a suffix', header: `${TELEGRAM_SECRET}0`, expects: false },
  ])('when the request carries $description, then verify is $expects', ({ header, expects }) => {
    expect(adapter().verify(telegramRequest(privateMessage({ text: 'x' }), header ?? null))).toBe(expects);
    expect(verifySecretToken(header === undefined ? {} : { 'x-telegram-bot-api-secret-token': header }, TELEGRAM_SECRET)).toBe(expects);
  });
});
