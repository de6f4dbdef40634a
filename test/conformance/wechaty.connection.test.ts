/**
 * The Wechaty channel end to end, on the backend of the vitest project (embedded, or PostgreSQL +
 * Redis): suqiu starts with WECHATY_PUPPET=wechaty-puppet-mock, its worker hosts the bot, and the
 * test plays the citizens with the mock puppet's Mocker. The HTTP conformance suite does not apply —
 * this channel receives no webhooks — so the same properties are checked here over the connection:
 * stored once, ticket with the channel identity, reply on the channel (own dedicated outbound queue).
 */
import type { mock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { WechatyChannelAdapter } from '../../channels/wechaty/index.js';
import { createAgent } from '../helpers/actors.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { inbox, loginBot, mockerOf, redeliver, say } from '../helpers/fakes/wechaty.js';
import { http, waitFor } from '../helpers/http.js';

// One message, one ticket: this file is about the channel's pipeline; the bot's dialog is test/component/dialog.test.ts.
const DIRECT = { SUQIU_DIALOG_CHANNELS: 'none' };

let app: TestApp;
let agent: string;
let adapter: WechatyChannelAdapter;
let mocker: mock.Mocker;
let bot: mock.ContactMock;

beforeAll(async () => {
  app = await startTestApp({ env: { ...DIRECT, WECHATY_PUPPET: 'wechaty-puppet-mock' } });
  agent = (await createAgent(app.url)).token;
  const wechaty = app.runtime.deps.channels.get('wechaty');
  if (!(wechaty instanceof WechatyChannelAdapter)) throw new Error('the wechaty channel is not running');
  adapter = wechaty;
  mocker = mockerOf(adapter);
  bot = await loginBot(adapter);
});
afterAll(async () => app?.close());

const stored = (externalId: string) => app.db.prisma.message.findMany({ where: { channel: 'wechaty', direction: 'INBOUND', externalId } });

async function ticketOf(externalId: string) {
  const message = await waitFor(async () => (await stored(externalId))[0], 15_000, 'the stored message');
  return waitFor(
    async () => (await app.db.prisma.ticket.findFirst({ where: { originMessageId: message.id } })) ?? undefined,
    20_000,
    'the ticket',
  );
}

describe('wechaty channel over the bot connection (conformance)', () => {
  test('when a citizen writes to the bot, then a ticket with the channel identity is in the review queue and the citizen gets its number', async () => {
    const citizen = mocker.createContact({ name: '张三' });
    const received = inbox(citizen, bot);
    const id = say(citizen, '幸福里小区3号楼门口的路灯坏了三天了，晚上很黑，请尽快修理', bot);

    const ticket = await ticketOf(id);
    expect(ticket).toMatchObject({ status: 'ACCEPTED', channel: 'wechaty' });
    const identity = await app.db.prisma.channelIdentity.findFirst({ where: { channel: 'wechaty', channelUserId: citizen.id } });
    expect(identity).toMatchObject({ citizenId: ticket.citizenId, displayName: '张三', address: { talkerName: '张三' } });
    const queue = await http(`${app.url}/api/v1/review/queue`, { token: agent });
    expect((queue.body as { items: { id: string }[] }).items.map((item) => item.id)).toContain(ticket.id);

    await waitFor(() => received.length > 0, 20_000, 'the reply on the citizen’s phone');
    expect(received).toHaveLength(1);
    expect(received[0]?.text).toContain(ticket.number);
    expect(received[0]?.text).not.toContain('路灯坏了');
    const reply = await app.db.prisma.message.findFirst({ where: { channel: 'wechaty', direction: 'OUTBOUND', ticketId: ticket.id } });
    expect(reply).toMatchObject({ status: 'SENT', channelUserId: citizen.id });
    // Replies travel on the queue served where the bot lives, not the shared outbound queue.
    expect(app.runtime.deps.queues.dedicated?.has('wechaty')).toBe(true);
  });

  test('when a group message does not @mention the bot, then nothing is stored; with a mention, a ticket and a reply that @mentions the talker', async () => {
    const worker = mocker.createContact({ name: '网格员李四' });
    const neighbour = mocker.createContact({ name: '王五' });
    const room = mocker.createRoom({ topic: '幸福里社区网格群', memberIdList: [bot.id, worker.id, neighbour.id] });
    const said = inbox(room, bot);

    const chatter = say(neighbour, '今天垃圾车来得很晚，大家注意一下', room);
    const mentioned = say(worker, '@12345热线\u2005幸福里5号楼下水道堵塞，污水漫到路面', room, [bot]);

    const ticket = await ticketOf(mentioned);
    expect(ticket.description).toBe('幸福里5号楼下水道堵塞，污水漫到路面');
    const identity = await app.db.prisma.channelIdentity.findFirst({ where: { channel: 'wechaty', channelUserId: worker.id } });
    expect(identity?.address).toEqual({ roomId: room.id, talkerName: '网格员李四' });
    await waitFor(() => said.length > 0, 20_000, 'the reply in the group');
    expect(said[0]?.text).toMatch(/^@网格员李四 /);
    expect(said[0]?.text).toContain(ticket.number);
    expect(await stored(chatter)).toHaveLength(0);
    expect(await app.db.prisma.channelIdentity.count({ where: { channel: 'wechaty', channelUserId: neighbour.id } })).toBe(0);
  });

  test('when the puppet delivers the same message several times, then one message, one ticket and one reply', async () => {
    const citizen = mocker.createContact({ name: '赵六' });
    const received = inbox(citizen, bot);
    const id = say(citizen, '和平路与建设路交叉口的红绿灯不亮了', bot);
    // At once (racing the first delivery) and again once it was processed.
    redeliver(mocker, id);
    redeliver(mocker, id);
    const ticket = await ticketOf(id);
    await waitFor(() => received.length > 0, 20_000, 'the reply');
    redeliver(mocker, id);
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(await stored(id)).toHaveLength(1);
    expect(await app.db.prisma.ticket.count({ where: { originMessageId: ticket.originMessageId } })).toBe(1);
    expect(received).toHaveLength(1);
  });

  test('when the bot is logged out as a notice is due, then the queue retries it and it arrives after the next login', async () => {
    const citizen = mocker.createContact({ name: '孙七' });
    const received = inbox(citizen, bot);
    const ticket = await ticketOf(say(citizen, '小区里有人长期占用消防通道停车', bot));
    await waitFor(() => received.length > 0, 20_000, 'the acceptance reply');

    await adapter.bot.puppet.logout();
    await waitFor(() => !adapter.bot.isLoggedIn, 5_000, 'the logout');
    const review = await http(`${app.url}/api/v1/tickets/${ticket.id}/review`, {
      body: { action: 'reject', reasonCode: 'NOT_GOV_DUTY' },
      token: agent,
    });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    const notice = await waitFor(
      async () =>
        (await app.db.prisma.message.findFirst({
          where: { channel: 'wechaty', direction: 'OUTBOUND', ticketId: ticket.id, lastError: { contains: 'not logged in' } },
        })) ?? undefined,
      15_000,
      'a failed attempt while logged out',
    );
    expect(notice.status).toBe('PENDING');

    mocker.login(bot);
    await waitFor(
      async () => (await app.db.prisma.message.findUnique({ where: { id: notice.id } }))?.status === 'SENT',
      30_000,
      'the notice sent after the login',
    );
    expect(received).toHaveLength(2);
    expect(received[1]?.text).toContain(ticket.number);
  });
});
