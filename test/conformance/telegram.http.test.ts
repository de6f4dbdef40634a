/**
 * The Telegram webhook over real HTTP (conformance suite), plus what only the whole app shows: a
 * contact shared by its owner links the Telegram user to the citizen known from SMS.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { TELEGRAM_SECRET, TELEGRAM_TOKEN, privateMessage } from '../fixtures/telegram/updates.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { startFakeTelegram, type FakeTelegram } from '../helpers/fakes/telegram.js';
import { waitFor } from '../helpers/http.js';
import { runHttpConformance, send, type Delivery } from './channel-http.suite.js';

// One message, one ticket: this file is about the channel's pipeline; the bot's dialog is test/component/dialog.test.ts.
const DIRECT = { SUQIU_DIALOG_CHANNELS: 'none' };

const delivery = (body: unknown, secret: string | null = TELEGRAM_SECRET): Delivery => ({
  path: '/webhooks/telegram',
  headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const telegramEnv = (fake: FakeTelegram) => ({
  TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
  TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
  TELEGRAM_API_ROOT: fake.url,
});

let fake: FakeTelegram;

runHttpConformance(() => ({
  channel: 'telegram',
  deadlineMs: 5_000,
  env: async () => {
    fake = await startFakeTelegram(TELEGRAM_TOKEN);
    return telegramEnv(fake);
  },
  valid: () => delivery(privateMessage({ text: '幸福路和建设路交叉口的红绿灯坏了，早高峰很危险' })),
  tamper: (d) => ({ ...d, headers: { ...d.headers, 'x-telegram-bot-api-secret-token': 'guessed-secret' } }),
  malformed: () => [
    delivery({ update_id: 1 }),
    delivery({ ...privateMessage({ text: 'a' }), edited_message: { message_id: 1 } }),
    delivery({ update_id: 2, message: { message_id: 1, date: 1, text: 'no chat' } }),
    delivery('{"update_id": 3, "message": '),
  ],
  okStatus: [200],
  rejectStatus: 401,
  expectReply: async (number) => {
    const sent = await waitFor(() => fake.sent().find((payload) => String(payload.text).includes(number)), 15_000, 'sendMessage');
    expect(sent).toMatchObject({ chat_id: '11111111', reply_parameters: { allow_sending_without_reply: true } });
  },
  teardown: () => fake.close(),
}));

describe('telegram contact sharing links the citizen known from SMS', () => {
  let app: TestApp;
  let api: FakeTelegram;
  const phone = '+8613812345678';
  const smsCitizen = async () =>
    (
      await app.db.prisma.channelIdentity.findUniqueOrThrow({
        where: { channel_channelUserId: { channel: 'sms_twilio', channelUserId: phone } },
      })
    ).citizenId;
  const processed = ({ message }: Record<string, any>) =>
    waitFor(
      async () =>
        (await app.db.prisma.message.findFirst({
          where: { channel: 'telegram', externalId: `${message.chat.id}:${message.message_id}`, status: 'PROCESSED' },
        })) ?? undefined,
      20_000,
      `message ${message.message_id} processed`,
    );

  beforeAll(async () => {
    api = await startFakeTelegram(TELEGRAM_TOKEN);
    app = await startTestApp({ env: { ...DIRECT, ...telegramEnv(api) } });
    // The SMS side, as the SMS channel leaves it: the sender's number, vouched for by the network.
    await app.db.prisma.channelIdentity.create({
      data: { channel: 'sms_twilio', channelUserId: phone, phone, phoneVerified: true, citizen: { create: { phone } } },
    });
  });
  afterAll(async () => {
    await app?.close();
    await api?.close();
  });

  test('when a Telegram user who wrote before shares their own contact, then they and their ticket join the SMS citizen', async () => {
    const user = { id: 31313131, is_bot: false, first_name: 'Wang' };
    const first = privateMessage({ text: '小区门口的路灯坏了三天了' }, user);
    expect((await send(app, delivery(first))).status).toBe(200);
    const report = await processed(first);
    expect(report.ticketId).not.toBeNull();
    expect(report.citizenId).not.toBe(await smsCitizen());

    // Telegram sends the number without "+"; it is the same person's number.
    const contact = privateMessage({ contact: { phone_number: '8613812345678', first_name: 'Wang', user_id: user.id } }, user);
    expect((await send(app, delivery(contact))).status).toBe(200);
    await processed(contact);

    const identities = await app.db.prisma.channelIdentity.findMany({
      where: { OR: [{ phone }, { channel: 'telegram', channelUserId: '31313131' }] },
    });
    expect(identities.map((i) => i.channel).sort()).toEqual(['sms_twilio', 'telegram']);
    expect(new Set(identities.map((i) => i.citizenId))).toEqual(new Set([await smsCitizen()]));
    expect(identities.find((i) => i.channel === 'telegram')).toMatchObject({ phone, phoneVerified: true });
    const ticket = await app.db.prisma.ticket.findUniqueOrThrow({ where: { id: report.ticketId! } });
    expect(ticket.citizenId).toBe(await smsCitizen());
    expect(await app.db.prisma.citizen.count({ where: { id: report.citizenId! } })).toBe(0);
    // And the citizen is told (contactLinked), in their private chat.
    await waitFor(() => api.sent().find((p) => p.chat_id === '31313131' && String(p.text).includes('手机号')), 15_000, 'the confirmation');
  });

  test("when a user forwards someone else's card with that number, then nothing is linked", async () => {
    const user = { id: 42424242, is_bot: false, first_name: 'Zhao' };
    const card = privateMessage({ contact: { phone_number: '+86 138 1234 5678', first_name: 'Wang', user_id: 31313131 } }, user);
    expect((await send(app, delivery(card))).status).toBe(200);
    await processed(card);
    const identity = await app.db.prisma.channelIdentity.findUniqueOrThrow({
      where: { channel_channelUserId: { channel: 'telegram', channelUserId: '42424242' } },
    });
    expect(identity.citizenId).not.toBe(await smsCitizen());
    expect(identity.phone).toBeNull();
    expect(identity.phoneVerified).toBe(false);
  });
});
