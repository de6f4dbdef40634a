import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

import { UpstreamError } from '../../../core/errors/index.js';
import { TelegramAdapter, acknowledgeTelegram } from '../../../channels/telegram/index.js';
import { split, toSendMessages } from '../../../channels/telegram/outbound.js';
import type { OutboundReply } from '../../../channels/types.js';
import { TELEGRAM_SECRET, TELEGRAM_TOKEN, telegramRequest, update } from '../../fixtures/telegram/updates.js';
import { startFakeTelegram, type FakeTelegram } from '../../helpers/fakes/telegram.js';

const reply = (overrides: Partial<OutboundReply> = {}): OutboundReply => ({
  messageId: randomUUID(),
  channel: 'telegram',
  channelUserId: '11111111',
  text: '您的诉求已受理，工单号 20261121-000001',
  purpose: 'reply',
  ...overrides,
});

describe('telegram outbound payloads', () => {
  test.each([
    {
      description: 'an answer to a message: its chat, threaded to it',
      input: reply({ inReplyTo: { messageId: 'm', externalId: '-1001234567890:42' }, address: { chatId: '11111111' } }),
      expects: { chat_id: '-1001234567890', reply_parameters: { message_id: 42, allow_sending_without_reply: true } },
    },
    {
      description: 'a later status notice: the stored address, not threaded',
      input: reply({ purpose: 'status', inReplyTo: { messageId: 'm', externalId: '11111111:42' }, address: { chatId: '-100777' } }),
      expects: { chat_id: '-100777', reply_parameters: undefined },
    },
    {
      description: 'no address: the private chat (= user id)',
      input: reply({ purpose: 'status' }),
      expects: { chat_id: '11111111' },
    },
    {
      description: 'a malformed address: the private chat',
      input: reply({ purpose: 'status', address: { chatId: 'not-a-number' } }),
      expects: { chat_id: '11111111' },
    },
  ])('when the reply is $description, then the payload targets it', ({ input, expects }) => {
    const [payload] = toSendMessages(input);
    expect(payload).toMatchObject({ text: input.text });
    for (const [key, value] of Object.entries(expects)) expect(payload?.[key as keyof typeof payload]).toEqual(value);
  });

  test('when the reply offers choices, then they become an inline keyboard with the values as callback data', () => {
    const [payload] = toSendMessages(
      reply({
        choices: [
          { label: '已解决', value: 'resolved' },
          { label: '未解决', value: 'unresolved' },
        ],
      }),
    );
    expect(payload?.reply_markup).toEqual({
      inline_keyboard: [[{ text: '已解决', callback_data: 'resolved' }], [{ text: '未解决', callback_data: 'unresolved' }]],
    });
  });

  test('when a choice value is longer than 64 bytes, then no keyboard is sent (the text still carries the options)', () => {
    const [payload] = toSendMessages(reply({ choices: [{ label: '是', value: '满意'.repeat(11) }] }));
    expect(payload?.reply_markup).toBeUndefined();
  });

  test('when the text is longer than 4096 characters, then it is split; threading on the first part, buttons on the last', () => {
    const long = `${'路'.repeat(3000)}\n${'灯'.repeat(3000)}`;
    const payloads = toSendMessages(
      reply({ text: long, inReplyTo: { messageId: 'm', externalId: '1:2' }, choices: [{ label: 'a', value: 'a' }] }),
    );
    expect(payloads).toHaveLength(2);
    expect(payloads.map((p) => p.text).join('\n')).toBe(long);
    expect(payloads[0]?.reply_parameters).toBeDefined();
    expect(payloads[1]?.reply_parameters).toBeUndefined();
    expect(payloads[0]?.reply_markup).toBeUndefined();
    expect(payloads[1]?.reply_markup).toBeDefined();
  });

  test('when a split would cut a surrogate pair, then the pair stays whole', () => {
    const chunks = split(`${'a'.repeat(9)}😀b`, 10);
    expect(chunks).toEqual(['a'.repeat(9), '😀b']);
  });
});

describe('telegram acknowledgement', () => {
  test('when a button press is acknowledged, then the response answers the callback query (the spinner stops)', () => {
    const body = update('callback_query', { id: 'cq-1', from: { id: 1, is_bot: false, first_name: 'a' }, chat_instance: '1', data: 'x' });
    expect(acknowledgeTelegram(telegramRequest(body))).toEqual({
      status: 200,
      body: { method: 'answerCallbackQuery', callback_query_id: 'cq-1' },
    });
  });

  test('when anything else is acknowledged, then the answer is 200 with an empty JSON object', () => {
    expect(acknowledgeTelegram(telegramRequest(update('message', {})))).toEqual({ status: 200, body: {} });
  });
});

describe('telegram adapter against a fake Bot API', () => {
  let fake: FakeTelegram;
  let adapter: TelegramAdapter;
  beforeAll(async () => {
    fake = await startFakeTelegram(TELEGRAM_TOKEN);
    adapter = new TelegramAdapter(
      { botToken: TELEGRAM_TOKEN, webhookSecret: TELEGRAM_SECRET, apiRoot: fake.url, allowGroups: false, timeoutMs: 2_000 },
      fetch,
    );
  });
  beforeEach(() => {
    fake.calls.length = 0;
    fake.failures.length = 0;
  });
  afterAll(() => fake.close());

  test('when a reply is sent, then sendMessage reaches the API and its message id is the external id', async () => {
    const result = await adapter.send(reply({ inReplyTo: { messageId: 'm', externalId: '11111111:42' } }));
    expect(fake.sent()).toEqual([
      {
        chat_id: '11111111',
        text: '您的诉求已受理，工单号 20261121-000001',
        reply_parameters: { message_id: 42, allow_sending_without_reply: true },
      },
    ]);
    expect(result.externalId).toMatch(/^\d+$/);
  });

  test('when Telegram answers 429, then an UpstreamError carries retry_after so the queue retries later', async () => {
    fake.failures.push({
      method: 'sendMessage',
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    const error = await adapter.send(reply()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', details: { errorCode: 429, retryAfterSeconds: 7 } });
  });

  test("when the citizen blocked the bot, then the 403 is an UpstreamError with Telegram's description and no message text", async () => {
    fake.blocked.add('999');
    const error = (await adapter.send(reply({ purpose: 'status', channelUserId: '999' })).catch((e: unknown) => e)) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      code: 'TELEGRAM_403',
      message: 'Telegram sendMessage failed: 403 Forbidden: bot was blocked by the user',
    });
    expect(JSON.stringify({ ...error, message: error.message, cause: error.cause })).not.toContain('工单号');
  });

  test('when a group was upgraded to a supergroup, then the reply goes to the new chat id at once', async () => {
    fake.failures.push({
      method: 'sendMessage',
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1009 },
    });
    await adapter.send(reply({ purpose: 'status', address: { chatId: '-55' } }));
    expect(fake.sent().map((p) => p.chat_id)).toEqual(['-55', '-1009']);
  });

  test('when the API is unreachable, then the error names the failure but not the URL (it holds the token)', async () => {
    const offline = new TelegramAdapter(
      { botToken: TELEGRAM_TOKEN, webhookSecret: TELEGRAM_SECRET, apiRoot: 'http://127.0.0.1:9', allowGroups: false, timeoutMs: 2_000 },
      fetch,
    );
    const error = (await offline.send(reply()).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).not.toContain(TELEGRAM_TOKEN.split(':')[1]);
  });

  test('when media is fetched, then getFile resolves the path and the file comes from /file/bot<token>/<path>', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const fileId = fake.addFile(bytes, { path: 'photos/file_7.jpg' });
    const fetched = await adapter.fetchMedia({ kind: 'image', ref: fileId, mime: 'image/jpeg' });
    expect(fetched).toEqual({ bytes, mime: 'image/jpeg', name: 'file_7.jpg' });
    expect(fake.calls.at(-1)).toEqual({ method: 'getFile', payload: { file_id: fileId } });
    expect(fake.paths.at(-1)).toBe(`/file/bot${TELEGRAM_TOKEN}/photos/file_7.jpg`);
  });

  test('when the file is larger than 20 MB, then it is refused before downloading', async () => {
    const fileId = fake.addFile(Buffer.from('x'), { path: 'videos/big.mp4', declaredSize: 21 * 1024 * 1024 });
    const before = fake.paths.length;
    await expect(adapter.fetchMedia({ kind: 'video', ref: fileId })).rejects.toThrow(/larger than/);
    expect(fake.paths.slice(before).some((p) => p.startsWith('/file/'))).toBe(false);
  });

  test('when the file_id is unknown, then fetchMedia throws an UpstreamError', async () => {
    await expect(adapter.fetchMedia({ kind: 'image', ref: 'gone' })).rejects.toThrow(/getFile failed: 400 Bad Request: invalid file_id/);
  });
});
