import { ok, type Result } from '../../core/result.js';
import { parseResult } from '../../core/validation.js';
import type { InboundMessage, ParseError, RawRequest } from '../types.js';
import { webMessageSchema, type WebMessage } from './schemas.js';

export function parseWebRequest(req: RawRequest, sessionId: string): Result<InboundMessage[], ParseError> {
  const parsed = parseResult(webMessageSchema, req.body, 'message');
  if (!parsed.ok) return parsed;
  const body = parsed.value;
  return ok([
    {
      channel: 'web',
      dedupKey: `${sessionId}:${body.clientMessageId}`,
      externalId: body.clientMessageId,
      channelUserId: sessionId,
      receivedAt: req.receivedAt,
      ...contentOf(body),
      raw: body,
    },
  ]);
}

type Content = Pick<InboundMessage, 'kind' | 'text' | 'media' | 'location' | 'event'>;

function contentOf(body: WebMessage): Content {
  // A pressed button (OutboundReply.choices) is an answer, not a new request; its label is what the citizen saw themselves say.
  if (body.choice) return { kind: 'event', event: { name: 'callback', key: body.choice.value }, text: body.choice.label, media: [] };
  const media = (body.attachmentIds ?? []).map((attachmentId) => ({ kind: 'image' as const, attachmentId }));
  return {
    kind: body.text ? 'text' : media.length > 0 ? 'image' : 'location',
    text: body.text || undefined,
    media,
    location: body.location ? { lat: body.location.lat, lng: body.location.lng, datum: 'WGS84', label: body.location.label } : undefined,
  };
}
