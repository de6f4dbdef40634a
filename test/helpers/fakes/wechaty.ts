/**
 * The citizen's side of a Wechaty conversation, played with wechaty-puppet-mock's public Mocker
 * (reached through the adapter's read-only `bot`): contacts and rooms that say things to the bot,
 * and inboxes that collect what the bot said back.
 */
import { EventEmitter } from 'node:events';

import type { types } from 'wechaty';
import { PuppetMock, type mock } from 'wechaty-puppet-mock';

import { WechatyChannelAdapter } from '../../../channels/wechaty/index.js';
import type { ChannelAdapter, InboundMessage } from '../../../channels/types.js';

type Said = Parameters<mock.ContactMock['say']>[0];
type MessagePayload = mock.MessageMock['payload'];

export function mockerOf(adapter: ChannelAdapter | undefined): mock.Mocker {
  if (!(adapter instanceof WechatyChannelAdapter)) throw new Error('the wechaty channel is not configured');
  const puppet = adapter.bot.puppet;
  if (!(puppet instanceof PuppetMock)) throw new Error('the wechaty channel does not run wechaty-puppet-mock');
  return puppet.mocker;
}

/** Creates the bot's account and logs it in; resolves once the SDK reports the login. */
export async function loginBot(adapter: WechatyChannelAdapter, name = '12345热线'): Promise<mock.ContactMock> {
  const mocker = mockerOf(adapter);
  const user = mocker.createContact({ name });
  mocker.login(user);
  await until(() => adapter.bot.isLoggedIn, 'the bot login');
  return user;
}

/** `talker` says something to a contact or into a room; returns the message id the puppet gave it. */
export function say(
  talker: mock.ContactMock,
  something: Said,
  to: mock.ContactMock | mock.RoomMock,
  mentions: mock.ContactMock[] = [],
): string {
  let id: string | undefined;
  const capture = (message: mock.MessageMock) => {
    if (message.payload.talkerId === talker.id) id ??= message.id;
  };
  events(talker).on('message', capture);
  talker.say(something, mentions).to(to);
  events(talker).off('message', capture);
  if (!id) throw new Error('the mock did not create the message');
  return id;
}

/** A message of a type `say` cannot make (location, link, contact card …), delivered like a real one. */
export function deliver(
  mocker: mock.Mocker,
  payload: { talkerId: string; listenerId?: string; roomId?: string; type: types.Message; text?: string },
): string {
  const id = `crafted-${Math.random().toString(36).slice(2)}`;
  mocker.MessageMock.create({ id, timestamp: Date.now(), mentionIdList: [], ...payload } as MessagePayload);
  mocker.puppet.emit('message', { messageId: id });
  return id;
}

/** The puppet delivers a message it delivered before (as a reconnecting puppet service does). */
export function redeliver(mocker: mock.Mocker, messageId: string): void {
  mocker.puppet.emit('message', { messageId });
}

/** What the bot said into a conversation, as the citizen's phone (or the group) shows it. */
export function inbox(conversation: mock.ContactMock | mock.RoomMock, bot: mock.ContactMock): MessagePayload[] {
  const received: MessagePayload[] = [];
  events(conversation).on('message', (message: mock.MessageMock) => {
    const { talkerId, roomId, listenerId } = message.payload as { talkerId?: string; roomId?: string; listenerId?: string };
    if (talkerId === bot.id && (roomId ?? listenerId) === conversation.id) received.push(message.payload);
  });
  return received;
}

/**
 * The mock's contacts and rooms (and the bot) are EventEmitters at runtime, but their typed-emitter
 * typings do not resolve under NodeNext, so TypeScript sees no `on`/`off`/`emit` on them.
 */
export function events(emitter: object): EventEmitter {
  if (!(emitter instanceof EventEmitter)) throw new Error('not an EventEmitter');
  return emitter;
}

/** A ChannelIntake that keeps what it is given; `fail` makes the next hand-overs throw. */
export class RecordingIntake {
  public readonly messages: InboundMessage[] = [];
  public failures = 0;
  private readonly keys = new Map<string, string>();

  public async accept(messages: InboundMessage[]) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('the database is not reachable');
    }
    return messages.map((message) => {
      this.messages.push(message);
      const known = this.keys.get(message.dedupKey);
      if (!known) this.keys.set(message.dedupKey, `m${this.keys.size + 1}`);
      return { messageId: known ?? this.keys.get(message.dedupKey)!, duplicate: Boolean(known) };
    });
  }
}

export async function until(probe: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
