/**
 * What a Telegram message says, in suqiu's terms: one kind, its words (text or caption), the files
 * to fetch by `file_id`, a WGS-84 location, a phone number the sender vouched for. The first field
 * that matches decides; anything else (stickers, polls, service messages) is an event.
 */
import type { InboundMessage, MediaRef, MessageKind } from '../types.js';
import type { TelegramMessage } from './schemas.js';

export interface MessageContent {
  kind: MessageKind;
  text?: string;
  media: MediaRef[];
  location?: InboundMessage['location'];
  /** The sender's own number from a contact they shared themselves. */
  verifiedPhone?: string;
  event?: { name: string; key?: string };
}

/** Deep-link payloads of `/start` are 0–64 of these (https://core.telegram.org/bots/features#deep-linking). */
const START = /^\/start(?:@[A-Za-z0-9_]+)?(?:\s+([A-Za-z0-9_-]{1,64}))?\s*$/;

/** Fields of service and other non-content messages, named in the event so they can be told apart. */
const OTHER_KINDS = ['sticker', 'poll', 'dice', 'game', 'story', 'new_chat_members', 'left_chat_member', 'pinned_message'] as const;

export function messageContent(message: TelegramMessage): MessageContent {
  const text = words(message);
  const command = commandOf(message);
  if (command) return { kind: 'event', media: [], event: command };
  if (message.contact) return contactContent(message);
  if (message.venue) {
    const { location, title, address } = message.venue;
    return { kind: 'location', text, media: [], location: point(location, [title, address].filter(Boolean).join(', ')) };
  }
  if (message.location) return { kind: 'location', text, media: [], location: point(message.location) };
  const media = mediaOf(message);
  if (media) return { kind: media.kind, text, media: [media.ref] };
  if (text !== undefined) return { kind: 'text', text, media: [] };
  return { kind: 'event', media: [], event: { name: OTHER_KINDS.find((key) => message[key] !== undefined) ?? 'message' } };
}

/** Text of a text message, caption of a media message; blank is absent. */
export function words(message: TelegramMessage): string | undefined {
  const value = (message.text ?? message.caption)?.trim();
  return value ? value : undefined;
}

/**
 * Every private chat opens with `/start` (the Telegram "follow"): an event named `subscribe`, so the
 * citizen gets the welcome instead of a ticket reading "/start". Other commands are events too.
 */
function commandOf(message: TelegramMessage): MessageContent['event'] | undefined {
  const text = message.text;
  const first = message.entities?.[0];
  if (text === undefined || first?.type !== 'bot_command' || first.offset !== 0) return undefined;
  const start = START.exec(text);
  if (start) return { name: 'subscribe', key: start[1] };
  return { name: 'command', key: text.slice(0, first.length).replace(/@.*$/, '') };
}

/**
 * A contact is the sender's own number only when `contact.user_id === from.id` (DOMAIN.md §11.4);
 * anyone can forward someone else's card, which must never link two people. A foreign card is kept
 * as an event: storing it as a contact would answer "we saved your number".
 */
function contactContent(message: TelegramMessage): MessageContent {
  const contact = message.contact!;
  const own = contact.user_id !== undefined && message.from !== undefined && contact.user_id === message.from.id;
  if (!own) return { kind: 'event', media: [], event: { name: 'contact', key: 'unverified' } };
  return { kind: 'contact', media: [], verifiedPhone: contact.phone_number };
}

function point(location: { latitude: number; longitude: number }, label?: string): InboundMessage['location'] {
  return { lat: location.latitude, lng: location.longitude, datum: 'WGS84', ...(label ? { label } : {}) };
}

function mediaOf(message: TelegramMessage): { kind: MessageKind; ref: MediaRef } | undefined {
  if (message.photo) {
    // PhotoSize entries come in increasing size: the last one is the original resolution.
    const largest = message.photo[message.photo.length - 1]!;
    return { kind: 'image', ref: { kind: 'image', ref: largest.file_id, mime: 'image/jpeg' } };
  }
  if (message.voice) return { kind: 'voice', ref: file('audio', message.voice, 'audio/ogg') };
  if (message.audio) return { kind: 'voice', ref: file('audio', message.audio, 'audio/mpeg') };
  const video = message.video ?? message.video_note ?? message.animation;
  if (video) return { kind: 'video', ref: file('video', video, 'video/mp4') };
  if (message.document) {
    const ref = file(kindOfMime(message.document.mime_type), message.document);
    return { kind: ref.kind === 'image' ? 'image' : ref.kind === 'video' ? 'video' : ref.kind === 'audio' ? 'voice' : 'text', ref };
  }
  return undefined;
}

function file(kind: MediaRef['kind'], source: { file_id: string; mime_type?: string; file_name?: string }, defaultMime?: string): MediaRef {
  const mime = source.mime_type ?? defaultMime;
  return { kind, ref: source.file_id, ...(mime ? { mime } : {}), ...(source.file_name ? { name: source.file_name } : {}) };
}

function kindOfMime(mime: string | undefined): MediaRef['kind'] {
  if (mime?.startsWith('image/')) return 'image';
  if (mime?.startsWith('audio/')) return 'audio';
  if (mime?.startsWith('video/')) return 'video';
  return 'file';
}
