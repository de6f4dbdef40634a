import { ok, type Result } from '../../core/result.js';
import { parseResult } from '../../core/validation.js';
import type { InboundMessage, ParseError, RawRequest } from '../types.js';
import { webMessageSchema } from './schemas.js';

export function parseWebRequest(req: RawRequest, sessionId: string): Result<InboundMessage[], ParseError> {
  const parsed = parseResult(webMessageSchema, req.body, 'message');
  if (!parsed.ok) return parsed;
  const body = parsed.value;
  const media = (body.attachmentIds ?? []).map((attachmentId) => ({ kind: 'image' as const, attachmentId }));
  return ok([
    {
      channel: 'web',
      dedupKey: `${sessionId}:${body.clientMessageId}`,
      externalId: body.clientMessageId,
      channelUserId: sessionId,
      receivedAt: req.receivedAt,
      kind: body.text ? 'text' : media.length > 0 ? 'image' : 'location',
      text: body.text || undefined,
      media,
      location: body.location ? { lat: body.location.lat, lng: body.location.lng, datum: 'WGS84', label: body.location.label } : undefined,
      raw: body,
    },
  ]);
}
