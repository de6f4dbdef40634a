/**
 * Which chats suqiu answers. A hotline talks to citizens one to one; groups only when the operator
 * allows them, and there only to messages meant for the bot (a mention, a command for it, a reply
 * to it) — the rest of a group's chatter is stored as an event, never made a ticket.
 */
import type { TelegramChat, TelegramEntity, TelegramMessage } from './schemas.js';

export interface BotIdentity {
  /** The bot's user id (the token's prefix). */
  id: string;
  /** Without "@". */
  username?: string;
}

export type ChatScope = 'private' | 'group' | 'other';

export function scopeOf(chat: TelegramChat): ChatScope {
  if (chat.type === 'private') return 'private';
  if (chat.type === 'group' || chat.type === 'supergroup') return 'group';
  return 'other';
}

export function addressesBot(message: TelegramMessage, bot: BotIdentity): boolean {
  if (message.reply_to_message?.from && String(message.reply_to_message.from.id) === bot.id) return true;
  const text = message.text ?? message.caption ?? '';
  const entities = message.entities ?? message.caption_entities ?? [];
  return entities.some((entity) => mentionsBot(entity, text, bot));
}

/** Entity offsets count UTF-16 code units, which is what JS string indices are. */
function mentionsBot(entity: TelegramEntity, text: string, bot: BotIdentity): boolean {
  if (entity.type === 'text_mention') return entity.user !== undefined && String(entity.user.id) === bot.id;
  if (!bot.username) return false;
  const slice = text.slice(entity.offset, entity.offset + entity.length).toLowerCase();
  const handle = `@${bot.username.toLowerCase()}`;
  if (entity.type === 'mention') return slice === handle;
  if (entity.type === 'bot_command') return slice.endsWith(handle);
  return false;
}

/** "@hotline_bot 路灯坏了" → "路灯坏了": the handle is addressing, not part of the request. */
export function withoutMention(text: string | undefined, bot: BotIdentity): string | undefined {
  if (text === undefined || !bot.username) return text;
  const stripped = text.replace(new RegExp(`@${bot.username}\\b`, 'gi'), '').trim();
  return stripped ? stripped : undefined;
}
