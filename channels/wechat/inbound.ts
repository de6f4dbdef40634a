/**
 * An opened WeChat push → one InboundMessage. Messages are deduplicated by MsgId; events carry
 * none, so by account + sender + CreateTime + Event + EventKey (DOMAIN.md §13), hashed to a fixed
 * length. Unknown message types are kept as events rather than refused: WeChat adds types, and a
 * refusal would only make it retry.
 */
import { createHash } from 'node:crypto';

import { ok, type Result } from '../../core/result.js';
import { parseResult } from '../../core/validation.js';
import type { InboundMessage, MediaRef, ParseError } from '../types.js';
import {
  baseSchema,
  eventSchema,
  locationEventSchema,
  menuChoiceSchema,
  otherSchema,
  templateJobSchema,
  USER_MESSAGE_TYPES,
  userMessageSchema,
  type UserMessage,
} from './schemas.js';
import { textOf, type XmlFields } from './xml.js';

type Base = { ToUserName: string; FromUserName: string; CreateTime: string };

export function parseWeChatMessage(fields: XmlFields, receivedAt: Date): Result<InboundMessage[], ParseError> {
  const base = parseResult(baseSchema, fields, 'WeChat message');
  if (!base.ok) return base;
  const type = base.value.MsgType;
  if (type === 'text' && textOf(fields, 'bizmsgmenuid')) return parseMenuChoice(fields, receivedAt);
  if (USER_MESSAGE_TYPES.has(type)) {
    const parsed = parseResult(userMessageSchema, fields, `WeChat ${type} message`);
    return parsed.ok ? ok([fromUserMessage(parsed.value, fields, receivedAt)]) : parsed;
  }
  if (type === 'event') return parseEvent(fields, receivedAt);
  const other = parseResult(otherSchema, fields, 'WeChat message');
  if (!other.ok) return other;
  return ok([
    {
      ...common(other.value, fields, receivedAt),
      dedupKey: other.value.MsgId ?? eventDedupKey(other.value, type),
      externalId: other.value.MsgId,
      kind: 'event',
      event: { name: type },
    },
  ]);
}

function fromUserMessage(m: UserMessage, fields: XmlFields, receivedAt: Date): InboundMessage {
  const message = { ...common(m, fields, receivedAt), dedupKey: m.MsgId, externalId: m.MsgId };
  switch (m.MsgType) {
    case 'text':
      return { ...message, kind: 'text', text: m.Content };
    case 'image':
      // PicUrl is a public CDN link; the MediaId through the authenticated API is the durable way.
      return { ...message, kind: 'image', media: [{ kind: 'image', ref: m.MediaId }] };
    case 'voice':
      return {
        ...message,
        kind: 'voice',
        asrText: m.Recognition?.trim() || undefined,
        media: [{ kind: 'audio', ref: m.MediaId, mime: voiceMime(m.Format) }],
      };
    case 'video':
    case 'shortvideo':
      return { ...message, kind: 'video', media: [{ kind: 'video', ref: m.MediaId, mime: 'video/mp4' }] };
    case 'location':
      // Location messages come from Tencent Maps, which uses GCJ-02.
      return {
        ...message,
        kind: 'location',
        location: { lat: m.Location_X, lng: m.Location_Y, datum: 'GCJ02', label: m.Label || undefined },
      };
    case 'link':
      return { ...message, kind: 'link', text: [m.Title, m.Description, m.Url].filter(Boolean).join('\n') || undefined };
  }
}

/**
 * A tapped msgmenu option is an answer, not a new request: a `callback` event keyed by the option's
 * id, which outbound.ts makes the choice's value, with the option's words as the text.
 */
function parseMenuChoice(fields: XmlFields, receivedAt: Date): Result<InboundMessage[], ParseError> {
  const parsed = parseResult(menuChoiceSchema, fields, 'WeChat menu choice');
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  return ok([
    {
      ...common(m, fields, receivedAt),
      dedupKey: m.MsgId ?? eventDedupKey(m, 'callback', m.bizmsgmenuid),
      externalId: m.MsgId,
      kind: 'event',
      text: m.Content,
      event: { name: 'callback', key: m.bizmsgmenuid },
    },
  ]);
}

function parseEvent(fields: XmlFields, receivedAt: Date): Result<InboundMessage[], ParseError> {
  const parsed = parseResult(eventSchema, fields, 'WeChat event');
  if (!parsed.ok) return parsed;
  const e = parsed.value;
  const event = { ...common(e, fields, receivedAt), kind: 'event' as const };
  switch (e.Event) {
    case 'LOCATION': {
      const report = parseResult(locationEventSchema, fields, 'WeChat LOCATION event');
      if (!report.ok) return report;
      // (unconfirmed) Reports are said to be raw GPS fixes (WGS-84), unlike location messages.
      const location = { lat: report.value.Latitude, lng: report.value.Longitude, datum: 'WGS84' as const };
      return ok([{ ...event, dedupKey: eventDedupKey(e, e.Event, e.EventKey), event: { name: e.Event }, location }]);
    }
    case 'TEMPLATESENDJOBFINISH': {
      const job = parseResult(templateJobSchema, fields, 'WeChat TEMPLATESENDJOBFINISH event');
      if (!job.ok) return job;
      // The key is the msgid template/send returned (the outbound message's externalId); Status stays in raw.
      const msgId = job.value.MsgID;
      return ok([{ ...event, dedupKey: eventDedupKey(e, e.Event, msgId), event: { name: e.Event, key: msgId } }]);
    }
    default:
      return ok([
        { ...event, dedupKey: eventDedupKey(e, e.Event, e.EventKey), event: { name: e.Event, key: eventKey(e.Event, e.EventKey) } },
      ]);
  }
}

/**
 * A parameter QR code scanned before following arrives as `subscribe` with `qrscene_<scene>`, after
 * following as `SCAN` with the bare scene: the key is the scene either way (the raw key stays in raw).
 */
function eventKey(name: string, key: string | undefined): string | undefined {
  if (!key) return undefined;
  return name === 'subscribe' && key.startsWith('qrscene_') ? key.slice('qrscene_'.length) || undefined : key;
}

/** Events have no id: the same push repeated has the same account, sender, second, event and key. */
export function eventDedupKey(e: Base, name: string, key?: string): string {
  const composite = JSON.stringify([e.ToUserName, e.FromUserName, e.CreateTime, name, key ?? '']);
  return `event-${createHash('sha256').update(composite).digest('hex')}`;
}

function common(m: Base, fields: XmlFields, receivedAt: Date) {
  return {
    channel: 'wechat' as const,
    channelUserId: m.FromUserName,
    receivedAt,
    sentAt: new Date(Number(m.CreateTime) * 1000),
    media: [] as MediaRef[],
    raw: fields,
  };
}

/** `Format` of voice messages: AMR-NB normally, Speex for 高清 recordings. */
function voiceMime(format: string | undefined): string | undefined {
  switch (format?.toLowerCase()) {
    case 'amr':
      return 'audio/amr';
    case 'speex':
      return 'audio/speex';
    default:
      return undefined;
  }
}
