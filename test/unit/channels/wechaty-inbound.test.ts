/**
 * Wechaty message → InboundMessage, driven through wechaty-puppet-mock: what the citizen's phone
 * sends is what the adapter hands to the pipeline (or nothing, for messages the bot must not take).
 */
import { FileBox } from 'file-box';
import { types } from 'wechaty';
import type { mock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { InboundMessage } from '../../../channels/types.js';
import type { Connection } from '../../../channels/wechaty/connection.js';
import { wechatyChannelConfigSchema } from '../../../channels/wechaty/definition.js';
import { WechatyChannelAdapter } from '../../../channels/wechaty/index.js';
import { stripSelfMention, toInboundMessage } from '../../../channels/wechaty/inbound.js';
import type { WechatyMessageSnapshot } from '../../../channels/wechaty/schemas.js';
import { deliver, loginBot, mockerOf, RecordingIntake, redeliver, say, until } from '../../helpers/fakes/wechaty.js';

interface World {
  mocker: mock.Mocker;
  bot: mock.ContactMock;
  citizen: mock.ContactMock;
  neighbour: mock.ContactMock;
  room: mock.RoomMock;
}

interface TestCase {
  description: string;
  /** Makes the citizen's side send something; returns the puppet's message id. */
  act: (w: World) => string;
  /** The message handed to the pipeline, or undefined when the bot must not take it. */
  expects: ((w: World, id: string) => Partial<InboundMessage>) | undefined;
}

const RECEIVED_AT = new Date('2026-11-21T08:00:00.000Z');
const file = (name: string, bytes = 3) => FileBox.fromBase64(Buffer.alloc(bytes, 7).toString('base64'), name);

let world: World;
let intake: RecordingIntake;
let adapter: WechatyChannelAdapter;
let connection: Connection | undefined;

beforeAll(async () => {
  adapter = new WechatyChannelAdapter(wechatyChannelConfigSchema.parse({ puppet: 'wechaty-puppet-mock', maxMediaBytes: 2048 }), {
    now: () => RECEIVED_AT,
  });
  intake = new RecordingIntake();
  connection = await adapter.start(intake);
  const mocker = mockerOf(adapter);
  const bot = await loginBot(adapter);
  const citizen = mocker.createContact({ name: '张三' });
  const neighbour = mocker.createContact({ name: '李四' });
  const room = mocker.createRoom({ topic: '幸福里社区网格群', memberIdList: [bot.id, citizen.id, neighbour.id] });
  world = { mocker, bot, citizen, neighbour, room };
});

afterAll(async () => connection?.stop());

/** Sends, then waits for the hand-over (or, for skipped messages, for a later message to pass them). */
async function handOver(act: (w: World) => string): Promise<{ id: string; message?: InboundMessage }> {
  const id = act(world);
  const sentinel = say(world.neighbour, 'sentinel', world.bot);
  await until(() => intake.messages.some((m) => m.externalId === sentinel), 'the sentinel message');
  // Skipped messages finish in a few microtasks; give them a moment past the sentinel all the same.
  await new Promise((resolve) => setTimeout(resolve, 30));
  return { id, message: intake.messages.find((m) => m.externalId === id) };
}

const cases: TestCase[] = [
  {
    description: 'when a citizen writes to the bot, then a text message with the talker as sender and a dedup key of bot and message id',
    act: (w) => say(w.citizen, '  小区门口的路灯坏了三天了  ', w.bot),
    expects: (w, id) => ({
      channel: 'wechaty',
      kind: 'text',
      text: '小区门口的路灯坏了三天了',
      dedupKey: `${w.bot.id}:${id}`,
      externalId: id,
      channelUserId: w.citizen.id,
      sender: { name: '张三' },
      address: { talkerName: '张三' },
      receivedAt: RECEIVED_AT,
      media: [],
    }),
  },
  {
    description: 'when a group message @mentions the bot, then the mention is stripped and the reply address is the room',
    act: (w) => say(w.citizen, '@12345热线\u2005幸福里3号楼井盖丢了', w.room, [w.bot]),
    expects: (w) => ({
      kind: 'text',
      text: '幸福里3号楼井盖丢了',
      channelUserId: w.citizen.id,
      address: { roomId: w.room.id, talkerName: '张三' },
    }),
  },
  {
    description: 'when a group message @mentions the bot and a neighbour, then only the bot’s mention is stripped',
    act: (w) => say(w.citizen, '@12345热线\u2005@李四\u2005你看井盖又丢了', w.room, [w.bot, w.neighbour]),
    expects: () => ({ kind: 'text', text: '@李四\u2005你看井盖又丢了' }),
  },
  {
    description: 'when a group message does not @mention the bot, then it is not taken',
    act: (w) => say(w.citizen, '大家晚上好', w.room),
    expects: undefined,
  },
  {
    description: 'when a photo is sent to the bot, then its bytes are handed over (no fetch needed later)',
    act: (w) => say(w.citizen, file('井盖.jpg', 5), w.bot),
    expects: () => ({ kind: 'image', media: [{ kind: 'image', data: Buffer.alloc(5, 7), mime: 'image/jpeg', name: '井盖.jpg' }] }),
  },
  {
    description: 'when a voice note is sent, then it is a voice message with the audio attached',
    act: (w) => say(w.citizen, file('voice.sil'), w.bot),
    expects: () => ({ kind: 'voice', media: [{ kind: 'audio', data: Buffer.alloc(3, 7), mime: 'audio/silk', name: 'voice.sil' }] }),
  },
  {
    description: 'when a video is sent, then it is a video message with the video attached',
    act: (w) => say(w.citizen, file('clip.mp4'), w.bot),
    expects: () => ({ kind: 'video', media: [{ kind: 'video', data: Buffer.alloc(3, 7), mime: 'video/mp4', name: 'clip.mp4' }] }),
  },
  {
    description: 'when a photo is larger than the limit, then the message is kept without the file, noted in raw',
    act: (w) => say(w.citizen, file('big.jpg', 4096), w.bot),
    expects: () => ({
      kind: 'image',
      media: [],
      raw: expect.objectContaining({ file: expect.objectContaining({ skipped: 'too-large' }) }),
    }),
  },
  {
    description: 'when a photo is posted in the group, then it is not taken (only text can @mention the bot)',
    act: (w) => say(w.citizen, file('group.jpg'), w.room),
    expects: undefined,
  },
  {
    description: 'when a location is shared, then it is a location in GCJ-02 with its name and address as label',
    act: (w) => deliver(w.mocker, { talkerId: w.citizen.id, listenerId: w.bot.id, type: types.Message.Location }),
    expects: () => ({
      kind: 'location',
      location: {
        lat: 39.995121,
        lng: 116.334154,
        datum: 'GCJ02',
        label: '东升乡人民政府(海淀区成府路45号) 北京市北京市海淀区45 Chengfu Rd',
      },
    }),
  },
  {
    description: 'when a link is shared, then it is a link message whose text is the title and the URL',
    act: (w) => deliver(w.mocker, { talkerId: w.citizen.id, listenerId: w.bot.id, type: types.Message.Url }),
    expects: (_w, id) => ({ kind: 'link', text: `mock title for ${id}\nhttps://mock.url` }),
  },
  ...(
    [
      [types.Message.Contact, 'contact_card'],
      [types.Message.Attachment, 'file'],
      [types.Message.Emoticon, 'emoticon'],
      [types.Message.MiniProgram, 'mini_program'],
      [types.Message.Recalled, 'recalled'],
      [types.Message.Unknown, 'unknown'],
    ] as const
  ).map(([type, name]): TestCase => ({
    description: `when a ${types.Message[type]} message arrives, then it is stored as the event "${name}"`,
    act: (w) => deliver(w.mocker, { talkerId: w.citizen.id, listenerId: w.bot.id, type }),
    expects: () => ({ kind: 'event', event: { name }, media: [] }),
  })),
  {
    description: 'when the bot itself speaks (its reply comes back as a message), then it is not taken',
    act: (w) => say(w.bot, '您的诉求已受理', w.citizen),
    expects: undefined,
  },
];

describe('wechaty inbound mapping', () => {
  test.each(cases)('$description', async ({ act, expects }) => {
    const { id, message } = await handOver(act);
    if (!expects) {
      expect(message).toBeUndefined();
      return;
    }
    expect(message).toMatchObject(expects(world, id));
  });

  test('when the puppet delivers the same message again, then the same message with the same dedup key is handed over', async () => {
    const { id } = await handOver((w) => say(w.citizen, '楼道灯不亮', w.bot));
    redeliver(world.mocker, id);
    await until(() => intake.messages.filter((m) => m.externalId === id).length === 2, 'the redelivery');
    const [first, second] = intake.messages.filter((m) => m.externalId === id);
    expect(second).toEqual(first);
  });
});

describe('wechaty mapping of a snapshot', () => {
  const snapshot: WechatyMessageSnapshot = {
    botId: 'bot-1',
    botNames: ['12345热线'],
    id: 'msg-1',
    type: types.Message.Text,
    talker: { id: 'wxid_citizen', name: '张三' },
    room: { id: 'room-1@chatroom', topic: '网格群' },
    text: '@12345热线\u2005路灯坏了',
    sentAt: new Date('2026-11-21T07:59:58.000Z'),
  };

  test('when the same snapshot is mapped twice, then the results are equal', () => {
    expect(toInboundMessage(snapshot, RECEIVED_AT)).toEqual(toInboundMessage(snapshot, RECEIVED_AT));
  });

  test('when two accounts see the same message id, then the dedup keys differ', () => {
    expect(toInboundMessage(snapshot, RECEIVED_AT).dedupKey).not.toBe(
      toInboundMessage({ ...snapshot, botId: 'bot-2' }, RECEIVED_AT).dedupKey,
    );
  });

  test('when a message only @mentions the bot, then it is text without words (stored, no ticket)', () => {
    expect(toInboundMessage({ ...snapshot, text: '@12345热线' }, RECEIVED_AT)).toMatchObject({ kind: 'text', text: undefined });
  });

  test('when a location cannot be resolved by the puppet, then it is stored as an event', () => {
    expect(toInboundMessage({ ...snapshot, room: undefined, type: types.Message.Location }, RECEIVED_AT)).toMatchObject({
      kind: 'event',
      event: { name: 'location_unavailable' },
    });
  });
});

describe('stripSelfMention', () => {
  test.each([
    { description: 'mention with four-per-em space', text: '@12345热线\u2005路灯坏了', names: ['12345热线'], expects: '路灯坏了' },
    { description: 'mention with a plain space', text: '@12345热线 路灯坏了', names: ['12345热线'], expects: '路灯坏了' },
    { description: 'mention at the end', text: '路灯坏了 @12345热线', names: ['12345热线'], expects: '路灯坏了' },
    {
      description: 'group nickname of the bot',
      text: '@市民热线小助手\u2005路灯坏了',
      names: ['12345热线', '市民热线小助手'],
      expects: '路灯坏了',
    },
    { description: 'mentioned twice', text: '@12345热线\u2005路灯@12345热线\u2005坏了', names: ['12345热线'], expects: '路灯坏了' },
    { description: 'other members stay', text: '@12345热线\u2005@李四\u2005看这里', names: ['12345热线'], expects: '@李四\u2005看这里' },
    {
      description: 'a longer name that starts the same stays',
      text: '@12345热线小组 开会',
      names: ['12345热线'],
      expects: '@12345热线小组 开会',
    },
    { description: 'names with regex characters', text: '@热线(测试)\u2005路灯', names: ['热线(测试)'], expects: '路灯' },
  ])('when $description, then the text is "$expects"', ({ text, names, expects }) => {
    expect(stripSelfMention(text, names)).toBe(expects);
  });
});
