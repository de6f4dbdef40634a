/** The Telegram channel against the adapter conformance suite, with a fake Bot API on loopback. */
import { randomUUID } from 'node:crypto';

import { afterAll, describe, expect } from 'vitest';

import { TelegramAdapter } from '../../channels/telegram/index.js';
import { TELEGRAM_SECRET, TELEGRAM_TOKEN, citizen, privateMessage, telegramRequest, update } from '../fixtures/telegram/updates.js';
import { startFakeTelegram, type FakeTelegram } from '../helpers/fakes/telegram.js';
import { runAdapterConformance } from './channel-adapter.suite.js';

const fakes: FakeTelegram[] = [];
afterAll(async () => Promise.all(fakes.map((fake) => fake.close())));

describe('telegram channel', () => {
  runAdapterConformance(async () => {
    const fake = await startFakeTelegram(TELEGRAM_TOKEN);
    fakes.push(fake);
    const adapter = new TelegramAdapter(
      { botToken: TELEGRAM_TOKEN, webhookSecret: TELEGRAM_SECRET, apiRoot: fake.url, allowGroups: false, timeoutMs: 2_000 },
      fetch,
    );
    const words = '我家楼下饭店油烟很大，晚上十点还在营业';
    return {
      name: 'telegram',
      adapter,
      valid: () => telegramRequest(privateMessage({ text: words })),
      redeliver: (req) => ({ ...telegramRequest(req.body), receivedAt: new Date(req.receivedAt.getTime() + 60_000) }),
      tamper: (req) => telegramRequest(req.body, 'not-the-secret'),
      malformed: [
        { description: 'no payload field', request: () => telegramRequest({ update_id: 5 }) },
        { description: 'two payload fields', request: () => telegramRequest({ ...privateMessage({ text: 'a' }), callback_query: {} }) },
        { description: 'message without chat', request: () => telegramRequest(update('message', { message_id: 1, date: 1, text: 'a' })) },
        { description: 'not an object', request: () => telegramRequest([1, 2]) },
      ],
      unknownKind: () =>
        telegramRequest(update('business_connection', { id: 'bc1', user: citizen, user_chat_id: 1, date: 1, can_reply: true })),
      expected: {
        channel: 'telegram',
        kind: 'text',
        text: words,
        channelUserId: String(citizen.id),
        address: { chatId: String(citizen.id) },
      },
      reply: {
        purpose: 'reply',
        messageId: randomUUID(),
        channel: 'telegram',
        channelUserId: String(citizen.id),
        text: '您的诉求已受理',
        inReplyTo: { messageId: randomUUID(), externalId: `${citizen.id}:41` },
        ticket: { id: randomUUID(), number: '20261121-000001', status: 'ACCEPTED' },
      },
      delivered: async () => {
        expect(fake.sent().at(-1)).toEqual({
          chat_id: String(citizen.id),
          text: '您的诉求已受理',
          reply_parameters: { message_id: 41, allow_sending_without_reply: true },
        });
      },
    };
  });
});
