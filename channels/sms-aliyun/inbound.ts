/**
 * An Aliyun 上行 push → one InboundMessage per SMS. The sender's number is the citizen's id (E.164)
 * and a verified phone. A message answering another signature or extension code of the same Aliyun
 * account is kept as an event: stored (nothing is lost if the configuration is wrong), acknowledged
 * (refusing would make Aliyun redeliver the whole batch ten times), but no ticket and no reply.
 */
import { createHash } from 'node:crypto';

import { ok, type Result } from '../../core/result.js';
import { parseResult } from '../../core/validation.js';
import type { InboundMessage, ParseError, RawRequest } from '../types.js';
import { withoutNul } from '../sms/text.js';
import { parseJsonKeepingNumbers } from './json.js';
import { aliyunPushSchema, type AliyunPushItem } from './schemas.js';

export interface RecipientRules {
  signName?: string;
  destCodes: readonly string[];
}

export function parseAliyunPush(req: RawRequest, rules: RecipientRules): Result<InboundMessage[], ParseError> {
  const json = parseJsonKeepingNumbers(req.rawBody.toString('utf8').replace(/^\uFEFF/, ''));
  if (!json.ok) return { ok: false, error: { message: `the push is not valid JSON: ${json.error}` } };
  // The documented body is an array; a lone object is one message.
  const body = withoutNul(json.value);
  const items = parseResult(aliyunPushSchema, Array.isArray(body) ? body : [body], 'Aliyun SMS push');
  if (!items.ok) return items;
  const messages: InboundMessage[] = [];
  for (const [index, item] of items.value.entries()) {
    const phone = toE164(item.phone_number);
    if (!phone) return { ok: false, error: { message: `invalid Aliyun SMS push: ${index}.phone_number: not a phone number` } };
    messages.push(toInboundMessage(item, phone, req.receivedAt, rules));
  }
  return ok(messages);
}

export function toInboundMessage(item: AliyunPushItem, phone: string, receivedAt: Date, rules: RecipientRules): InboundMessage {
  const foreign = foreignRecipient(item, rules);
  return {
    channel: 'sms_aliyun',
    dedupKey: dedupKey(item),
    externalId: item.sequence_id,
    channelUserId: phone,
    sender: { phone, phoneVerified: true },
    receivedAt,
    sentAt: item.send_time ? parseSendTime(item.send_time) : undefined,
    kind: foreign ? 'event' : 'text',
    text: item.content.trim() ? item.content : undefined,
    event: foreign ? { name: 'unexpected_recipient', key: foreign } : undefined,
    media: [],
    raw: item,
  };
}

/**
 * `sequence_id`, Aliyun's id of the message; without it (never seen, but Aliyun retries up to ten
 * times, so the key must be stable) the sender, time and a hash of the content.
 */
export function dedupKey(item: AliyunPushItem): string {
  if (item.sequence_id) return item.sequence_id;
  const hash = createHash('sha256')
    .update(`${item.phone_number}\n${item.send_time ?? ''}\n${item.content}`)
    .digest('hex');
  return `h-${hash}`;
}

/** Which configured rule the message breaks, e.g. `sign_name=某某公司`, or undefined when it is the hotline's. */
function foreignRecipient(item: AliyunPushItem, rules: RecipientRules): string | undefined {
  if (rules.signName && item.sign_name !== rules.signName) return `sign_name=${item.sign_name ?? ''}`;
  if (rules.destCodes.length > 0 && !rules.destCodes.includes(item.dest_code ?? '')) return `dest_code=${item.dest_code ?? ''}`;
  return undefined;
}

/**
 * Aliyun sends mainland numbers without country code (`13812345678`): those become `+86…`. A number
 * with `+`, `00` or `86` in front keeps its country. Landline-style and IoT numbers are mainland too.
 */
export function toE164(raw: string): string | undefined {
  const number = raw.replace(/[\s()-]/g, '');
  if (/^\+[1-9]\d{5,14}$/.test(number)) return number;
  if (/^00[1-9]\d{5,14}$/.test(number)) return `+${number.slice(2)}`;
  if (/^861\d{10}$/.test(number)) return `+${number}`;
  if (/^0?[1-9]\d{4,12}$/.test(number)) return `+86${number.replace(/^0/, '')}`;
  return undefined;
}

/**
 * `yyyy-MM-dd HH:mm:ss` (current pages) or `yyyyMMddHHmmss` (an older sample), China Standard Time
 * (UTC+8, no daylight saving). Anything else leaves sentAt unset rather than refusing the message.
 */
export function parseSendTime(value: string): Date | undefined {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})(?:\.\d{1,3})?$/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(year, month - 1, day, hour - 8, minute, second);
  const check = new Date(utc + 8 * 3_600_000);
  const valid =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second;
  return valid ? new Date(utc) : undefined;
}
