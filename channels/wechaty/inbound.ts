/**
 * Wechaty message → InboundMessage, in two steps: `readMessage` asks the SDK (and through it the
 * puppet) everything once, including the file; `toInboundMessage` is a pure function of that
 * snapshot, so the same delivery always maps to the same message and the same dedup key.
 */
import { types, type Message, type Wechaty } from 'wechaty';

import type { InboundMessage, MediaRef } from '../types.js';
import { downloadFile } from './media.js';
import type { WechatyAddress, WechatyMessageSnapshot } from './schemas.js';

/** Message types that are not content suqiu understands: stored as events under these names. */
const EVENT_NAMES: Readonly<Record<number, string>> = {
  [types.Message.Unknown]: 'unknown',
  [types.Message.Attachment]: 'file',
  [types.Message.Contact]: 'contact_card',
  [types.Message.ChatHistory]: 'chat_history',
  [types.Message.Emoticon]: 'emoticon',
  [types.Message.MiniProgram]: 'mini_program',
  [types.Message.GroupNote]: 'group_note',
  [types.Message.Transfer]: 'transfer',
  [types.Message.RedEnvelope]: 'red_envelope',
  [types.Message.Recalled]: 'recalled',
  [types.Message.Post]: 'post',
  [types.Message.Location]: 'location_unavailable',
  [types.Message.Url]: 'link_unavailable',
};

const MEDIA: Readonly<Record<number, { kind: 'image' | 'voice' | 'video'; media: MediaRef['kind'] }>> = {
  [types.Message.Image]: { kind: 'image', media: 'image' },
  [types.Message.Audio]: { kind: 'voice', media: 'audio' },
  [types.Message.Video]: { kind: 'video', media: 'video' },
};

/**
 * Reads what the mapping needs, or undefined for messages the bot must not take: its own (a reply
 * comes back as a message — answering it would loop) and group chatter that does not @mention it.
 */
export async function readMessage(bot: Wechaty, message: Message, maxMediaBytes: number): Promise<WechatyMessageSnapshot | undefined> {
  if (message.self()) return undefined;
  const room = message.room();
  if (room && !(await message.mentionSelf())) return undefined;
  const self = bot.currentUser;
  const talker = message.talker();
  const type = message.type();
  const snapshot: WechatyMessageSnapshot = {
    botId: self.id,
    botNames: [self.name()],
    id: message.id,
    type,
    talker: { id: talker.id, name: talker.name() },
    text: message.text(),
    sentAt: message.date(),
  };
  if (room) {
    snapshot.room = { id: room.id, topic: await room.topic().catch(() => undefined) };
    const alias = await room.alias(self).catch(() => undefined);
    if (alias) snapshot.botNames.push(alias);
  }
  if (MEDIA[type]) snapshot.file = await downloadFile(message, maxMediaBytes);
  // Puppets that cannot resolve a location or link throw; the message is then kept as an event.
  if (type === types.Message.Location) {
    // Asked of the puppet directly: wechaty 1.20's `message.toLocation()` always throws "WUC can not
    // be instantiated directly" (the bug wechaty#2358 fixed for toUrlLink only).
    snapshot.location = await bot.puppet
      .messageLocation(message.id)
      .then(({ latitude, longitude, name, address, accuracy }) => ({ latitude, longitude, name, address, accuracy }))
      .catch(() => undefined);
  }
  if (type === types.Message.Url) {
    snapshot.urlLink = await message
      .toUrlLink()
      .then((u) => ({ url: u.url(), title: u.title(), description: u.description() }))
      .catch(() => undefined);
  }
  return snapshot;
}

export function toInboundMessage(s: WechatyMessageSnapshot, receivedAt: Date): InboundMessage {
  const address: WechatyAddress = s.room ? { roomId: s.room.id, talkerName: s.talker.name } : { talkerName: s.talker.name };
  const base = {
    channel: 'wechaty' as const,
    // Wechaty message ids are unique per logged-in account only.
    dedupKey: `${s.botId}:${s.id}`,
    externalId: s.id,
    channelUserId: s.talker.id,
    sender: s.talker.name ? { name: s.talker.name } : undefined,
    receivedAt,
    sentAt: s.sentAt,
    media: [] as MediaRef[],
    address,
    raw: rawOf(s),
  };
  if (s.type === types.Message.Text) {
    const text = s.room ? stripSelfMention(s.text, s.botNames) : s.text.trim();
    return { ...base, kind: 'text', text: text || undefined };
  }
  const media = MEDIA[s.type];
  if (media && s.file) {
    const { bytes, mime, name } = s.file;
    return { ...base, kind: media.kind, media: bytes ? [{ kind: media.media, data: bytes, mime, name: name || undefined }] : [] };
  }
  if (s.type === types.Message.Location && s.location) {
    const label = [s.location.name, s.location.address].filter(Boolean).join(' ') || undefined;
    // WeChat's map is Tencent's: coordinates are GCJ-02, not WGS-84.
    return { ...base, kind: 'location', location: { lat: s.location.latitude, lng: s.location.longitude, datum: 'GCJ02', label } };
  }
  if (s.type === types.Message.Url && s.urlLink) {
    const text = [s.urlLink.title, s.urlLink.description, s.urlLink.url].filter(Boolean).join('\n');
    return { ...base, kind: 'link', text };
  }
  return { ...base, kind: 'event', event: { name: EVENT_NAMES[s.type] ?? 'unknown' } };
}

/**
 * Removes the @mentions of the bot from a group message. WeChat writes a mention as `@<name>`
 * followed by U+2005 (four-per-em space), a plain space or the end of the text; the name is the
 * bot's group nickname when it has one. Mentions of other members stay: they may matter.
 */
export function stripSelfMention(text: string, names: readonly string[]): string {
  let result = text;
  for (const name of names.filter(Boolean)) {
    result = result.replace(new RegExp(`@${escapeRegExp(name)}(?:\u2005|\u0020|$)`, 'gu'), '');
  }
  return result.trim();
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** For audit and replay: what the puppet said, without the file bytes (they are stored as an attachment). */
function rawOf(s: WechatyMessageSnapshot) {
  const file = s.file ? { name: s.file.name, mime: s.file.mime, size: s.file.size, skipped: s.file.skipped } : undefined;
  return {
    id: s.id,
    botId: s.botId,
    type: types.Message[s.type] ?? String(s.type),
    talkerId: s.talker.id,
    room: s.room,
    text: s.text,
    sentAt: s.sentAt.toISOString(),
    file,
    location: s.location,
    urlLink: s.urlLink,
  };
}
