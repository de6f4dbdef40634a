/**
 * Bot Framework Activity → InboundMessage (DOMAIN.md §11.5, §13). The dedup key is
 * `channelId + conversation.id + id`, hashed: Teams conversation ids are long and contain ":" and
 * ";". The citizen is `from.id`; the address is the ConversationReference replies are sent to.
 * Message activities carry the request; every other type is an event to store, except typing
 * indicators, which are not worth a row.
 */
import { createHash } from 'node:crypto';

import { TurnContext, type Activity } from 'botbuilder';

import { ok, type Result } from '../../core/result.js';
import { parseResult } from '../../core/validation.js';
import type { InboundMessage, MessageKind, ParseError, RawRequest } from '../types.js';
import { locationOf, mediaOf, withoutBotMention } from './content.js';
import { activitySchema, type BotActivity } from './schemas.js';

export function parseBotFrameworkRequest(req: RawRequest): Result<InboundMessage[], ParseError> {
  const parsed = parseResult(activitySchema, req.body, 'Bot Framework activity');
  if (!parsed.ok) return parsed;
  const activity = parsed.value;
  if (activity.type === 'typing') return ok([]);
  const base = {
    channel: 'botframework' as const,
    dedupKey: dedupKeyOf(activity, req),
    externalId: activity.id,
    channelUserId: activity.from.id,
    sender: activity.from.name ? { name: activity.from.name } : {},
    receivedAt: req.receivedAt,
    sentAt: dateOf(activity.timestamp),
    // `deliveryMode: expectReplies` is not honoured: the answer always comes proactively, to this reference.
    address: TurnContext.getConversationReference(activity as unknown as Activity),
    raw: req.body,
  };
  if (activity.type !== 'message') return ok([{ ...base, kind: 'event', media: [], event: eventOf(activity) }]);
  return ok([{ ...base, ...messageOf(activity) }]);
}

/** The key of DOMAIN.md §13, hashed; an activity without an id falls back to its exact bytes. */
export function dedupKeyOf(activity: BotActivity, req: Pick<RawRequest, 'rawBody' | 'body'>): string {
  const source =
    activity.id !== undefined
      ? JSON.stringify([activity.channelId, activity.conversation.id, activity.id])
      : JSON.stringify(['body', req.rawBody.length > 0 ? req.rawBody.toString('base64') : JSON.stringify(req.body)]);
  return createHash('sha256').update(source).digest('hex');
}

type Content = Pick<InboundMessage, 'kind' | 'text' | 'media' | 'location' | 'event'>;

function messageOf(activity: BotActivity): Content {
  const channelData = (activity.channelData ?? {}) as { postBack?: unknown; messageBack?: unknown };
  // A suggested action (OutboundReply.choices) pressed in Web Chat: an answer, not a new request.
  if (channelData.postBack === true || channelData.messageBack === true) {
    const key = typeof activity.value === 'string' ? activity.value : activity.text;
    return { kind: 'event', media: [], event: { name: 'callback', key } };
  }
  const text = withoutBotMention(activity);
  const media = mediaOf(activity);
  const location = locationOf(activity);
  const kind = kindOf(media[0]?.kind, text, location !== undefined);
  if (kind === 'event') return { kind, media, event: { name: 'message' } };
  return { kind, text, media, location };
}

function kindOf(firstMedia: string | undefined, text: string | undefined, hasLocation: boolean): MessageKind {
  if (firstMedia === 'image') return 'image';
  if (firstMedia === 'audio') return 'voice';
  if (firstMedia === 'video') return 'video';
  if (firstMedia === 'file') return 'text';
  if (hasLocation && !text) return 'location';
  if (text) return 'text';
  return 'event';
}

function eventOf(activity: BotActivity): NonNullable<InboundMessage['event']> {
  switch (activity.type) {
    case 'conversationUpdate':
      // Someone other than the bot joined: the Bot Framework "follow", answered with the welcome.
      return (activity.membersAdded ?? []).some((member) => member.id !== activity.recipient.id)
        ? { name: 'subscribe' }
        : { name: 'conversationUpdate' };
    case 'installationUpdate':
      return { name: 'installationUpdate', key: activity.action };
    case 'event':
    case 'invoke':
      // Namespaced by type: a client-chosen event name must not pass for one of suqiu's events.
      return { name: activity.type, key: activity.name };
    default:
      return { name: activity.type };
  }
}

function dateOf(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
