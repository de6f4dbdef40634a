/**
 * OutboundReply → the Activity sent to the stored ConversationReference. Plain text; `choices` as
 * suggested actions of type postBack, whose presses come back flagged `channelData.postBack` and are
 * parsed as `callback` events (inbound.ts), not as new requests.
 */
import type { Activity } from 'botbuilder';

import type { OutboundReply } from '../types.js';
import type { StoredReference } from './schemas.js';

export function toActivity(reply: OutboundReply, reference: StoredReference): Partial<Activity> {
  const actions = (reply.choices ?? []).map((choice) => ({ type: 'postBack', title: choice.label, value: choice.value }));
  return {
    type: 'message',
    text: reply.text,
    textFormat: 'plain',
    ...(reference.locale ? { locale: reference.locale } : {}),
    ...(actions.length > 0 ? { suggestedActions: { to: [reference.user.id], actions } } : {}),
  };
}

/**
 * The activity a reply threads to. The reference remembers the citizen's latest activity in that
 * conversation; an answer to exactly that one is threaded (`/activities/{id}`), anything else — a
 * later notice, an answer to an older message that may be in another conversation — is posted to
 * the conversation (`/activities`).
 */
export function replyToIdOf(reply: OutboundReply, reference: StoredReference): string | undefined {
  const answered = reply.inReplyTo?.externalId;
  return reply.purpose === 'reply' && answered !== undefined && answered === reference.activityId ? answered : undefined;
}
