/**
 * The bot connection and the reply path against wechaty-puppet-mock, with an intake that records
 * what it is given (the pipeline behind it is covered by test/conformance/wechaty.connection.test.ts).
 */
import { randomUUID } from 'node:crypto';

import type { mock } from 'wechaty-puppet-mock';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';

import { UpstreamError } from '../../../core/errors/index.js';
import { PermanentJobError } from '../../../core/queue/index.js';
import type { OutboundReply, RawRequest } from '../../../channels/types.js';
import type { ChannelLogger, Connection } from '../../../channels/wechaty/connection.js';
import { wechatyChannelConfigSchema } from '../../../channels/wechaty/definition.js';
import { WechatyChannelAdapter } from '../../../channels/wechaty/index.js';
import { events, inbox, loginBot, mockerOf, RecordingIntake, say, until } from '../../helpers/fakes/wechaty.js';

class RecordingLogger implements ChannelLogger {
  public readonly lines: { level: string; message: string; fields: object }[] = [];
  public info = (fields: object, message: string) => void this.lines.push({ level: 'info', message, fields });
  public warn = (fields: object, message: string) => void this.lines.push({ level: 'warn', message, fields });
  public error = (fields: object, message: string) => void this.lines.push({ level: 'error', message, fields });
}

const config = wechatyChannelConfigSchema.parse({ puppet: 'wechaty-puppet-mock', sendTimeoutMs: 2_000 });

function reply(overrides: Partial<OutboundReply>): OutboundReply {
  return {
    messageId: randomUUID(),
    channel: 'wechaty',
    channelUserId: 'nobody',
    text: '您的诉求已受理，编号 20261121-000001',
    purpose: 'reply',
    ...overrides,
  };
}

describe('wechaty connection of a logged-in bot', () => {
  let adapter: WechatyChannelAdapter;
  let connection: Connection;
  let intake: RecordingIntake;
  let logger: RecordingLogger;
  let mocker: mock.Mocker;
  let bot: mock.ContactMock;
  let citizen: mock.ContactMock;
  let room: mock.RoomMock;

  beforeAll(async () => {
    logger = new RecordingLogger();
    adapter = new WechatyChannelAdapter(config, { logger, retryDelaysMs: [10, 10] });
    intake = new RecordingIntake();
    connection = await adapter.start(intake);
    mocker = mockerOf(adapter);
    bot = await loginBot(adapter);
    citizen = mocker.createContact({ name: '张三' });
    room = mocker.createRoom({ topic: '网格群', memberIdList: [bot.id, citizen.id] });
  });

  afterAll(async () => connection?.stop());
  afterEach(() => {
    intake.failures = 0;
  });

  test('when a reply goes to a one-to-one conversation, then the citizen receives exactly the reply text from the bot', async () => {
    const received = inbox(citizen, bot);
    const result = await adapter.send(reply({ channelUserId: citizen.id, address: { talkerName: '张三' } }));
    expect(result.externalId).not.toBe('');
    await until(() => received.length > 0, 'the reply');
    expect(received.map((m) => m.text)).toEqual(['您的诉求已受理，编号 20261121-000001']);
  });

  test('when a reply goes to a group chat, then it is said in the room with an @mention of the citizen', async () => {
    const received = inbox(room, bot);
    await adapter.send(reply({ channelUserId: citizen.id, address: { roomId: room.id, talkerName: '张三' } }));
    await until(() => received.length > 0, 'the reply in the room');
    expect(received[0]?.text).toBe('@张三 您的诉求已受理，编号 20261121-000001');
  });

  test('when the identity has no address (a later status notice), then the reply goes to the one-to-one conversation', async () => {
    const received = inbox(citizen, bot);
    await adapter.send(reply({ channelUserId: citizen.id, purpose: 'status', address: undefined, text: '您的诉求已办结' }));
    await until(() => received.length > 0, 'the notice');
    expect(received[0]?.text).toBe('您的诉求已办结');
  });

  test.each([
    { description: 'the contact is unknown', target: () => ({ channelUserId: 'wxid_unknown' }) },
    {
      description: 'the room is unknown',
      target: () => ({ channelUserId: citizen.id, address: { roomId: 'gone@chatroom', talkerName: '张三' } }),
    },
  ])('when $description, then send throws an upstream error so the queue retries', async ({ target }) => {
    await expect(adapter.send(reply(target()))).rejects.toBeInstanceOf(UpstreamError);
  });

  test('when the reply text is empty, then send refuses it for good (no retry can help)', async () => {
    await expect(adapter.send(reply({ channelUserId: citizen.id, text: '  ' }))).rejects.toBeInstanceOf(PermanentJobError);
  });

  test('when storing a message fails for a while, then it is retried and handed over once it works', async () => {
    intake.failures = 2;
    const id = say(citizen, '垃圾没人清运', bot);
    await until(() => intake.messages.some((m) => m.externalId === id), 'the retried hand-over');
    expect(logger.lines.filter((l) => l.level === 'warn' && /retrying/.test(l.message))).toHaveLength(2);
  });

  test('when storing keeps failing, then the message is logged as lost (by id, not content) and the bot goes on', async () => {
    intake.failures = 3;
    const lost = say(citizen, '这条会丢失', bot);
    await until(() => logger.lines.some((l) => l.level === 'error' && (l.fields as { messageId?: string }).messageId === lost), 'the loss');
    expect(JSON.stringify(logger.lines)).not.toContain('这条会丢失');
    const next = say(citizen, '下一条', bot);
    await until(() => intake.messages.some((m) => m.externalId === next), 'the next message');
  });

  test('when the SDK reports an error, then it is logged and the process goes on', () => {
    expect(() => events(adapter.bot).emit('error', new Error('grpc stream closed'))).not.toThrow();
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'Wechaty reported an error' }));
  });

  test('when the adapter is asked about HTTP requests, then it refuses them (Wechaty has no webhooks)', () => {
    const req = {
      method: 'POST',
      url: '/',
      publicUrl: '/',
      headers: {},
      query: {},
      params: {},
      rawBody: Buffer.from('{}'),
      receivedAt: new Date(),
    };
    expect(adapter.verify(req as RawRequest)).toBe(false);
    expect(adapter.parse(req as RawRequest).ok).toBe(false);
  });

  test('when the adapter is started a second time, then it refuses', async () => {
    await expect(adapter.start(new RecordingIntake())).rejects.toThrow(/already started/);
  });
});

describe('wechaty connection without a login', () => {
  test('when the bot is not logged in, then send throws so the queue retries later', async () => {
    const adapter = new WechatyChannelAdapter(config);
    const connection = await adapter.start(new RecordingIntake());
    try {
      await expect(adapter.send(reply({ channelUserId: 'wxid_citizen' }))).rejects.toThrow(/not logged in/);
    } finally {
      await connection.stop();
    }
  });

  test('when the bot logs out, then it is logged and replies wait for the next login', async () => {
    const logger = new RecordingLogger();
    const adapter = new WechatyChannelAdapter(config, { logger });
    const connection = await adapter.start(new RecordingIntake());
    try {
      const bot = await loginBot(adapter);
      const citizen = mockerOf(adapter).createContact({ name: '王五' });
      await adapter.bot.puppet.logout();
      await until(() => !adapter.bot.isLoggedIn, 'the logout');
      await expect(adapter.send(reply({ channelUserId: citizen.id }))).rejects.toBeInstanceOf(UpstreamError);
      await until(() => logger.lines.some((l) => l.level === 'warn' && /logged out/.test(l.message)), 'the logout line');
      mockerOf(adapter).login(bot);
      await until(() => adapter.bot.isLoggedIn, 'the second login');
      await expect(adapter.send(reply({ channelUserId: citizen.id }))).resolves.toHaveProperty('externalId');
    } finally {
      await connection.stop();
    }
  });

  test('when the connection stops, then messages the puppet still emits are not taken', async () => {
    const adapter = new WechatyChannelAdapter(config);
    const intake = new RecordingIntake();
    const connection = await adapter.start(intake);
    const bot = await loginBot(adapter);
    const citizen = mockerOf(adapter).createContact({ name: '赵六' });
    await connection.stop();
    expect(() => say(citizen, '还在吗', bot)).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(intake.messages).toHaveLength(0);
  });
});
