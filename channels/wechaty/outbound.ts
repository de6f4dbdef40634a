/**
 * A reply goes back where the citizen wrote: into the group chat with an @mention of them, or into
 * their one-to-one conversation. Only the reply text is sent — never the citizen's own message.
 * Every failure throws, so the job is retried with backoff and marked FAILED at the end.
 */
import type { Wechaty } from 'wechaty';

import { UpstreamError } from '../../core/errors/index.js';
import { PermanentJobError } from '../../core/queue/index.js';
import type { OutboundReply } from '../types.js';
import { wechatyAddressSchema, type WechatyAddress } from './schemas.js';

export async function deliverReply(bot: Wechaty, reply: OutboundReply, timeoutMs: number): Promise<{ externalId: string }> {
  if (!reply.text.trim()) throw new PermanentJobError('wechaty: an empty reply is not sent');
  // Before login the SDK cannot reach anyone; the queue retries until the bot is back.
  if (!bot.isLoggedIn) throw new UpstreamError('wechaty: the bot is not logged in');
  const address = addressOf(reply.address);
  const sent = await withTimeout(say(bot, reply, address), timeoutMs);
  return { externalId: sent?.id ?? reply.messageId };
}

async function say(bot: Wechaty, reply: OutboundReply, address: WechatyAddress) {
  // `find` answers undefined both for an unknown id and for a puppet that could not be reached.
  const talker = await bot.Contact.find({ id: reply.channelUserId });
  if (!talker) throw new UpstreamError('wechaty: the citizen is not a contact the bot can reach');
  if (!address.roomId) return sendOrWrap(() => talker.say(reply.text));
  const room = await bot.Room.find({ id: address.roomId });
  if (!room) throw new UpstreamError('wechaty: the group chat is not known to the bot');
  return sendOrWrap(() => room.say(reply.text, talker));
}

async function sendOrWrap<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (cause) {
    throw new UpstreamError('wechaty: the puppet did not send the reply', { cause });
  }
}

/** An address that is missing or not ours (it is stored data) means the one-to-one conversation. */
function addressOf(value: unknown): WechatyAddress {
  const parsed = wechatyAddressSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

/** A hung puppet call must not hold a worker slot forever; the retry may send twice (at-least-once). */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UpstreamError(`wechaty: no answer from the puppet within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
