/**
 * POST requests → one InboundMessage. The description is the message text as written (no service
 * prefix); the service_code, attributes and every other field stay in `raw` for the worker and audit.
 */
import { createHash } from 'node:crypto';

import { normalizePhone } from '../../core/phone.js';
import { err, ok, type Result } from '../../core/result.js';
import { parseResult } from '../../core/validation.js';
import type { InboundMessage, MediaRef, ParseError, RawRequest } from '../types.js';
import { checkContentType, decodeForm } from './form.js';
import { idempotencyKeySchema, open311FormSchema, type Attributes, type Open311Form } from './schemas.js';

/** What is stored as the message's `raw`: the validated form without the api_key. */
export interface Open311Raw extends Open311Form {
  attributes: Attributes;
  idempotency_key?: string;
}

export function parseOpen311Request(req: RawRequest): Result<InboundMessage[], ParseError> {
  if (req.principal?.kind !== 'apiKey') return err({ message: 'a suqiu API key is required as api_key' });
  const contentProblem = checkContentType(req.headers['content-type']);
  if (contentProblem) return err(contentProblem);
  const decoded = decodeForm(req.rawBody);
  if (!decoded.ok) return decoded;
  const form = parseResult(open311FormSchema, decoded.value.fields, 'service request');
  if (!form.ok) return form;
  const idempotencyKey = req.headers['idempotency-key']?.trim() || undefined;
  if (idempotencyKey !== undefined && !idempotencyKeySchema.safeParse(idempotencyKey).success)
    return err({ message: 'Idempotency-Key must be 1–255 visible ASCII characters' });
  const raw: Open311Raw = { ...form.value, attributes: decoded.value.attributes, idempotency_key: idempotencyKey };
  return ok([toInboundMessage(raw, req.principal.source, req.receivedAt)]);
}

export function toInboundMessage(raw: Open311Raw, source: string, receivedAt: Date): InboundMessage {
  const media: MediaRef[] = raw.media_url ? [{ kind: 'image', url: raw.media_url }] : [];
  return {
    channel: 'open311',
    categoryCode: raw.service_code,
    dedupKey: dedupKey(raw, source),
    channelUserId: channelUserId(raw, source),
    sender: { name: fullName(raw.first_name, raw.last_name), phone: raw.phone },
    receivedAt,
    kind: 'text',
    text: raw.description,
    media,
    location:
      raw.lat !== undefined && raw.long !== undefined
        ? { lat: raw.lat, lng: raw.long, datum: 'WGS84', label: raw.address_string }
        : undefined,
    locationText: raw.address_string ?? (raw.address_id ? `地址编号 ${raw.address_id}` : undefined),
    raw,
  };
}

/**
 * GeoReport v2 has no idempotency key (DOMAIN.md §11.6): the Idempotency-Key header when the client
 * sends one, else a hash of who + what + where, so a client retrying a POST files one request.
 * Both are scoped by the API key's source, so two systems never share keys.
 */
export function dedupKey(raw: Open311Raw, source: string): string {
  if (raw.idempotency_key) return `${source}:key:${raw.idempotency_key}`;
  const content = [
    raw.device_id ?? '',
    raw.account_id ?? '',
    raw.service_code,
    raw.description,
    raw.lat ?? '',
    raw.long ?? '',
    raw.address_string ?? '',
    raw.address_id ?? '',
  ];
  return `${source}:hash:${createHash('sha256').update(JSON.stringify(content)).digest('hex')}`;
}

/**
 * The most stable id the client gave, prefixed by its kind so an account id and a phone number that
 * happen to be the same digits are not one person. Without any, each request is its own reporter.
 */
export function channelUserId(raw: Open311Raw, source: string): string {
  if (raw.account_id) return `${source}:account:${raw.account_id}`;
  if (raw.device_id) return `${source}:device:${raw.device_id}`;
  if (raw.email) return `${source}:email:${raw.email.toLowerCase()}`;
  if (raw.phone) return `${source}:phone:${normalizePhone(raw.phone) ?? raw.phone}`;
  return `${source}:anonymous:${createHash('sha256').update(dedupKey(raw, source)).digest('hex').slice(0, 16)}`;
}

/** Chinese names read family name first without a space (张 + 三 → 张三); others "first last". */
export function fullName(first: string | undefined, last: string | undefined): string | undefined {
  if (!first || !last) return first ?? last;
  const han = /^[\p{Script=Han}·]+$/u;
  return han.test(first) && han.test(last) ? `${last}${first}` : `${first} ${last}`;
}
