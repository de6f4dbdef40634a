/**
 * OutboundReply → `sendMessage` payloads. Plain text (no parse_mode: a citizen's or agent's `*` or
 * `<` must not break the message), at most 4096 characters each, a reply thread to the message being
 * answered, and `choices` as an inline keyboard whose presses come back as `callback` events.
 */
import type { OutboundReply } from '../types.js';
import { telegramAddressSchema } from './schemas.js';

/** sendMessage accepts 1–4096 characters of text. */
export const MAX_TEXT = 4096;
/** callback_data is 1–64 bytes. */
const MAX_CALLBACK_BYTES = 64;

export interface SendMessagePayload {
  chat_id: string;
  text: string;
  reply_parameters?: { message_id: number; allow_sending_without_reply: true };
  reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
}

export function toSendMessages(reply: OutboundReply): SendMessagePayload[] {
  const target = targetOf(reply);
  const keyboard = keyboardOf(reply.choices);
  const chunks = split(reply.text);
  return chunks.map((text, index) => ({
    chat_id: target.chatId,
    text,
    // The original may have been deleted meanwhile; the answer must still arrive.
    ...(index === 0 && target.replyTo !== undefined
      ? { reply_parameters: { message_id: target.replyTo, allow_sending_without_reply: true as const } }
      : {}),
    ...(index === chunks.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
  }));
}

/**
 * An answer goes to the chat of the message it answers (its externalId is `<chat id>:<message id>`),
 * threaded to it; a later notice goes where the citizen last wrote (the stored address), or to their
 * private chat, whose id is their user id.
 */
export function targetOf(reply: OutboundReply): { chatId: string; replyTo?: number } {
  const answered = /^(-?\d+):(\d+)$/.exec(reply.inReplyTo?.externalId ?? '');
  if (reply.purpose === 'reply' && answered) return { chatId: answered[1]!, replyTo: Number(answered[2]) };
  const address = telegramAddressSchema.safeParse(reply.address);
  return { chatId: address.success ? address.data.chatId : reply.channelUserId };
}

/** Buttons only when every value fits callback_data; the text carries the options anyway. */
function keyboardOf(choices: OutboundReply['choices']): SendMessagePayload['reply_markup'] {
  if (!choices?.length) return undefined;
  const fits = choices.every((c) => c.label.trim() !== '' && c.value !== '' && Buffer.byteLength(c.value, 'utf8') <= MAX_CALLBACK_BYTES);
  if (!fits) return undefined;
  return { inline_keyboard: choices.map((choice) => [{ text: choice.label, callback_data: choice.value }]) };
}

/** Splits at line breaks where possible, never inside a surrogate pair. */
export function split(text: string, max = MAX_TEXT): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = max;
    if (cut === max && /[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  chunks.push(rest);
  return chunks;
}
