import type { OutboundReply } from '../types.js';

/** What the chat page receives over its event stream; the page then shows the stored message. */
export function toWebchatEvent(reply: OutboundReply) {
  return { type: 'message', messageId: reply.messageId, text: reply.text, ticket: reply.ticket };
}
