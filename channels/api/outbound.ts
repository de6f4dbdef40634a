import type { OutboundReply } from '../types.js';
import type { ApiCallbackBody } from './schemas.js';

/** The channel user id is `<source>:<citizen id>`; the receiving system gets its own citizen id back. */
export function toCallbackBody(reply: OutboundReply): ApiCallbackBody {
  const separator = reply.channelUserId.indexOf(':');
  return {
    type: 'reply',
    messageId: reply.messageId,
    citizenId: separator >= 0 ? reply.channelUserId.slice(separator + 1) : reply.channelUserId,
    text: reply.text,
    inReplyTo: reply.inReplyTo?.externalId,
    ticket: reply.ticket,
  };
}
