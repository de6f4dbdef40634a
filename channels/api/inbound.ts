import type { InboundMessage, MediaRef, ParseError, RawRequest } from '../types.js';
import { err, ok, type Result } from '../../core/result.js';
import { parseResult } from '../../core/validation.js';
import { apiMessageSchema, type ApiMessage } from './schemas.js';

export function parseApiRequest(req: RawRequest): Result<InboundMessage[], ParseError> {
  if (req.principal?.kind !== 'apiKey') return err({ message: 'an API key is required' });
  const parsed = parseResult(apiMessageSchema, req.body, 'message');
  if (!parsed.ok) return parsed;
  return ok([toInboundMessage(parsed.value, req.principal.source, req.receivedAt)]);
}

/** External ids are scoped by the key's source system, so two systems' "1" never collide. */
export function toInboundMessage(body: ApiMessage, source: string, receivedAt: Date): InboundMessage {
  const { location } = body;
  return {
    channel: 'api',
    dedupKey: `${source}:${body.externalId}`,
    externalId: body.externalId,
    channelUserId: `${source}:${body.citizen.id}`,
    sender: { name: body.citizen.name, phone: body.citizen.phone },
    receivedAt,
    sentAt: body.sentAt ? new Date(body.sentAt) : undefined,
    kind: 'text',
    text: body.text,
    media: (body.attachments ?? []).map(toMedia),
    location:
      location?.lat !== undefined && location.lng !== undefined
        ? { lat: location.lat, lng: location.lng, datum: location.datum, label: location.text }
        : undefined,
    locationText: location?.text,
    raw: {
      ...body,
      attachments: body.attachments?.map((a) =>
        'data' in a ? { mime: a.mime, name: a.name, bytes: Math.floor((a.data.length * 3) / 4) } : a,
      ),
    },
  };
}

function toMedia(attachment: NonNullable<ApiMessage['attachments']>[number]): MediaRef {
  if ('url' in attachment) return { kind: kindOf(attachment.mime), url: attachment.url, mime: attachment.mime, name: attachment.name };
  return { kind: kindOf(attachment.mime), data: Buffer.from(attachment.data, 'base64'), mime: attachment.mime, name: attachment.name };
}

function kindOf(mime: string | undefined): MediaRef['kind'] {
  if (mime?.startsWith('image/')) return 'image';
  if (mime?.startsWith('audio/')) return 'audio';
  if (mime?.startsWith('video/')) return 'video';
  return 'file';
}
