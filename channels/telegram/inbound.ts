/**
 * Telegram Update → InboundMessage (DOMAIN.md §11.4, §13). Redeliveries of an update are recognised
 * by `dedupKeyOf`. The citizen is the user (`from.id`); the address is
 * the chat replies go to. Updates that are not a citizen writing to the hotline (group chatter,
 * button presses, membership changes, update types suqiu does not know) are stored as events.
 */
import { createHash } from 'node:crypto';

import { ok, type Result } from '../../core/result.js';
import { parseResult } from '../../core/validation.js';
import type { InboundMessage, ParseError, RawRequest } from '../types.js';
import { messageContent, words, type MessageContent } from './content.js';
import { addressesBot, scopeOf, withoutMention, type BotIdentity } from './groups.js';
import {
  callbackQuerySchema,
  chatMemberUpdatedSchema,
  messageSchema,
  payloadKeys,
  updateSchema,
  type TelegramAddress,
  type TelegramMessage,
  type TelegramUser,
} from './schemas.js';

export interface TelegramParseSettings {
  bot: BotIdentity;
  allowGroups: boolean;
}

type Base = Pick<InboundMessage, 'channel' | 'dedupKey' | 'receivedAt' | 'raw'>;

export function parseTelegramRequest(req: RawRequest, settings: TelegramParseSettings): Result<InboundMessage[], ParseError> {
  const parsed = parseResult(updateSchema, req.body, 'Telegram update');
  if (!parsed.ok) return parsed;
  const update = parsed.value as Record<string, unknown> & { update_id: number };
  const key = payloadKeys(update)[0]!;
  const payload = update[key];
  const base: Base = {
    channel: 'telegram',
    dedupKey: dedupKeyOf(update.update_id, key, payload, req.rawBody),
    receivedAt: req.receivedAt,
    raw: req.body,
  };
  switch (key) {
    case 'message':
    case 'edited_message': {
      const message = parseResult(messageSchema, payload, `Telegram ${key}`);
      return message.ok ? ok([fromMessage(message.value, key === 'edited_message', base, settings)]) : message;
    }
    case 'callback_query': {
      const query = parseResult(callbackQuerySchema, payload, 'Telegram callback_query');
      if (!query.ok) return query;
      const { id, from, message, data } = query.value;
      const chat = message && isServed(scopeOf(message.chat), settings) ? address(message.chat.id) : undefined;
      // A button press (OutboundReply.choices) is an answer, not a new request.
      return ok([
        { ...base, ...who(from), externalId: id, kind: 'event', media: [], event: { name: 'callback', key: data }, address: chat },
      ]);
    }
    case 'my_chat_member':
    case 'chat_member': {
      const change = parseResult(chatMemberUpdatedSchema, payload, `Telegram ${key}`);
      if (!change.ok) return change;
      const { from, date, new_chat_member } = change.value;
      return ok([
        { ...base, ...who(from), sentAt: unix(date), kind: 'event', media: [], event: { name: key, key: new_chat_member.status } },
      ]);
    }
    default:
      return ok([{ ...base, channelUserId: actorOf(payload, key), kind: 'event', media: [], event: { name: key } }]);
  }
}

/**
 * Telegram redelivers an update until it gets a 2xx. update_id alone is not a safe key: after a week
 * without updates Telegram restarts the sequence at a random number, which could collide with a stored
 * update and silently drop a new message. So messages are keyed by chat and message_id (unique in the
 * chat), edits also by their edit time, button presses by their query id; anything else by update_id
 * together with a digest of the exact body Telegram repeats.
 */
export function dedupKeyOf(updateId: number, key: string, payload: unknown, rawBody: Buffer): string {
  const p = (payload ?? {}) as { message_id?: unknown; chat?: { id?: unknown }; edit_date?: unknown; date?: unknown; id?: unknown };
  if (key === 'message') return `m:${String(p.chat?.id)}:${String(p.message_id)}`;
  if (key === 'edited_message') return `e:${String(p.chat?.id)}:${String(p.message_id)}:${String(p.edit_date ?? p.date)}`;
  if (key === 'callback_query') return `c:${String(p.id)}`;
  return `u:${updateId}:${createHash('sha256').update(rawBody).digest('hex').slice(0, 16)}`;
}

function fromMessage(message: TelegramMessage, edited: boolean, base: Base, settings: TelegramParseSettings): InboundMessage {
  const common = {
    ...base,
    ...(message.from ? who(message.from) : { channelUserId: String(message.chat.id) }),
    // message_id is unique within its chat only; the chat id makes it a reply target.
    externalId: `${message.chat.id}:${message.message_id}`,
    sentAt: unix(edited ? (message.edit_date ?? message.date) : message.date),
  };
  const ignored = notForTheHotline(message, settings);
  // No address: chatter the hotline does not answer must not redirect the citizen's replies.
  if (ignored) return { ...common, kind: 'event', media: [], event: { name: ignored } };
  const group = scopeOf(message.chat) === 'group';
  const content = edited ? editedContent(message, common.externalId) : messageContent(message);
  const text = group ? withoutMention(content.text, settings.bot) : content.text;
  return {
    ...common,
    sender: { ...common.sender, ...(content.verifiedPhone ? { phone: content.verifiedPhone, phoneVerified: true } : {}) },
    kind: content.kind,
    text,
    media: content.media,
    location: content.location,
    event: content.event,
    address: address(message.chat.id),
  };
}

/** The reason a message is kept as an event only, or undefined when the hotline takes it. */
function notForTheHotline(message: TelegramMessage, settings: TelegramParseSettings): string | undefined {
  const scope = scopeOf(message.chat);
  if (scope === 'other') return 'channel_message';
  // Anonymous group admins and channels post "as a chat"; other bots are not citizens.
  if (!message.from || message.sender_chat || message.from.is_bot) return 'foreign_sender';
  if (scope === 'group' && !(settings.allowGroups && addressesBot(message, settings.bot))) return 'group_message';
  return undefined;
}

/**
 * An edit is stored under its own update_id as the new wording, linked to the original by the event
 * key. Its files were fetched with the original; an edit without words (a live location moving)
 * is an event only.
 */
function editedContent(message: TelegramMessage, externalId: string): MessageContent {
  const text = words(message);
  if (text === undefined) return { kind: 'event', media: [], event: { name: 'edited_message', key: externalId } };
  return { kind: 'text', text, media: [], event: { name: 'edited_message', key: externalId } };
}

function isServed(scope: ReturnType<typeof scopeOf>, settings: TelegramParseSettings): boolean {
  return scope === 'private' || (scope === 'group' && settings.allowGroups);
}

function who(user: TelegramUser): Pick<InboundMessage, 'channelUserId' | 'sender'> {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return { channelUserId: String(user.id), sender: name ? { name } : {} };
}

function address(chatId: number): TelegramAddress {
  return { chatId: String(chatId) };
}

function unix(seconds: number): Date {
  return new Date(seconds * 1000);
}

/** Update types suqiu does not model still name who caused them when they say so. */
function actorOf(payload: unknown, key: string): string {
  const record = (payload ?? {}) as Record<string, unknown>;
  for (const field of ['from', 'user', 'chat', 'actor_chat']) {
    const value = record[field] as { id?: unknown } | undefined;
    if (typeof value?.id === 'number' || typeof value?.id === 'string') return String(value.id);
  }
  return `update:${key}`;
}
