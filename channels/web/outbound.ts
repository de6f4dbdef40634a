import type { OutboundReply } from '../types.js';
import { storedChoicesSchema } from './schemas.js';

export type WebChoice = NonNullable<OutboundReply['choices']>[number];

/**
 * What the chat page receives over its event stream; the page then shows the stored message. The
 * choices are buttons under the latest bot message; a press comes back as a `choice` message.
 */
export function toWebchatEvent(reply: OutboundReply) {
  return {
    type: 'message',
    messageId: reply.messageId,
    text: reply.text,
    ticket: reply.ticket,
    ...(reply.choices?.length ? { choices: reply.choices.map(({ label, value }) => ({ label, value })) } : {}),
  };
}

/** The choices a stored outbound message offered (its payload's `choices`), for the conversation history; nothing else of the payload. */
export function choicesOfPayload(payload: unknown): WebChoice[] | undefined {
  const choices = (payload as { choices?: unknown } | null | undefined)?.choices;
  const parsed = storedChoicesSchema.safeParse(choices);
  return parsed.success ? parsed.data.map(({ label, value }) => ({ label, value })) : undefined;
}
