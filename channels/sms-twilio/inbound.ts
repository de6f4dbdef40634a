/**
 * A Twilio webhook → one InboundMessage. The sender's number is the citizen's id and, as Twilio
 * (or WhatsApp) vouches for it, a verified phone that links them across channels. Pure and quick:
 * media are only referenced here and fetched later by the worker.
 */
import { err, ok, type Result } from '../../core/result.js';
import { parseResult } from '../../core/validation.js';
import type { InboundMessage, MediaRef, MessageKind, ParseError, RawRequest } from '../types.js';
import { withoutNul } from '../sms/text.js';
import { first, paramsRecord, requestParams, type TwilioParams } from './params.js';
import { twilioInboundSchema, twilioMediaSchema, type TwilioInbound } from './schemas.js';

/** Where a reply to this citizen should come from: the number they wrote to (stored on their channel identity). */
export interface TwilioAddress {
  to: string;
}

export function parseTwilioRequest(req: RawRequest): Result<InboundMessage[], ParseError> {
  const params = requestParams(req);
  if (!params.ok) return params;
  const message = toInboundMessage(withoutNul(params.value), req.receivedAt);
  return message.ok ? ok([message.value]) : message;
}

export function toInboundMessage(params: TwilioParams, receivedAt: Date): Result<InboundMessage, ParseError> {
  const flat = Object.fromEntries([...params].map(([name, values]) => [name, values[0]]));
  // SmsSid and SmsMessageSid are legacy copies of MessageSid.
  const messageSid = first(params, 'MessageSid') ?? first(params, 'SmsMessageSid') ?? first(params, 'SmsSid');
  const parsed = parseResult(twilioInboundSchema, { ...flat, MessageSid: messageSid }, 'Twilio webhook');
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  const media = mediaOf(params, p.NumMedia);
  if (!media.ok) return media;
  const status = p.MessageStatus ?? p.SmsStatus;
  if (status !== undefined && status.toLowerCase() !== 'received') return ok(statusEvent(p, status, params, receivedAt));

  const phone = phoneOf(p.From);
  const text = p.Body.trim() ? p.Body : undefined;
  const location =
    p.Latitude !== undefined && p.Longitude !== undefined
      ? { lat: p.Latitude, lng: p.Longitude, datum: 'WGS84' as const, label: p.Label ?? p.Address }
      : undefined;
  // STOP/START/HELP under Twilio's Advanced Opt-Out: Twilio already answered and blocks or unblocks the number.
  const optOut = p.OptOutType ? { name: `opt_out.${p.OptOutType.toLowerCase()}`, key: p.Body.trim() } : undefined;
  const kind: MessageKind = optOut ? 'event' : location ? 'location' : text ? 'text' : media.value[0] ? kindOf(media.value[0]) : 'event';
  return ok({
    channel: 'sms_twilio',
    dedupKey: p.MessageSid,
    externalId: p.MessageSid,
    channelUserId: p.From,
    sender: { name: p.ProfileName, ...(phone ? { phone, phoneVerified: true } : {}) },
    receivedAt,
    kind,
    text,
    media: media.value,
    location,
    // A message with nothing suqiu understands (a WhatsApp reaction, a new Twilio type) is kept as an event.
    event: optOut ?? (kind === 'event' ? { name: `message.${p.MessageType ?? 'empty'}` } : undefined),
    address: p.To ? ({ to: p.To } satisfies TwilioAddress) : undefined,
    raw: paramsRecord(params),
  });
}

/**
 * A delivery-status callback pointed at this URL (a console misconfiguration): kept as an event of
 * the citizen it concerns (`To`), one per status, so it neither makes a ticket nor is refused.
 */
function statusEvent(p: TwilioInbound, status: string, params: TwilioParams, receivedAt: Date): InboundMessage {
  const citizen = p.To ?? p.From;
  return {
    channel: 'sms_twilio',
    dedupKey: `${p.MessageSid}-${status.toLowerCase()}`,
    externalId: p.MessageSid,
    channelUserId: citizen,
    receivedAt,
    kind: 'event',
    event: { name: 'status', key: status.toLowerCase() },
    media: [],
    raw: paramsRecord(params),
  };
}

function mediaOf(params: TwilioParams, count: number): Result<MediaRef[], ParseError> {
  const media: MediaRef[] = [];
  for (let index = 0; index < count; index += 1) {
    const item = parseResult(
      twilioMediaSchema,
      { url: first(params, `MediaUrl${index}`), mime: first(params, `MediaContentType${index}`) },
      `media ${index} (MediaUrl${index})`,
    );
    if (!item.ok) return err(item.error);
    const { url, mime } = item.value;
    media.push({ kind: mediaKind(mime), url, mime });
  }
  return ok(media);
}

function mediaKind(mime: string | undefined): MediaRef['kind'] {
  if (mime?.startsWith('image/')) return 'image';
  if (mime?.startsWith('audio/')) return 'audio';
  if (mime?.startsWith('video/')) return 'video';
  return 'file';
}

/** A message of media alone takes the kind of its first file; a document alone is a (text-less) text. */
function kindOf(media: MediaRef): MessageKind {
  return media.kind === 'image' ? 'image' : media.kind === 'audio' ? 'voice' : media.kind === 'video' ? 'video' : 'text';
}

/** E.164, also behind `whatsapp:` (WhatsApp accounts are tied to their number); other channels have none. */
function phoneOf(from: string): string | undefined {
  const number = from.replace(/^whatsapp:/, '');
  return /^\+[1-9]\d{5,14}$/.test(number) ? number : undefined;
}
