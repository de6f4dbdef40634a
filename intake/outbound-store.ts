/** Outbound messages are rows first (the delivery record), then jobs: one per reply, never two. */
import type { Tx } from '../core/db/database.js';
import { toJson } from '../core/db/helpers.js';

export interface OutboundDraft {
  channel: string;
  channelUserId: string;
  text: string;
  purpose: 'reply' | 'status';
  /** Unique per delivery: a retried job or a second decision cannot send twice. */
  idempotencyKey: string;
  language: string;
  citizenId?: string;
  conversationId?: string;
  ticketId?: string;
  replyToId?: string;
  /** Quick replies offered as buttons where the channel has them (OutboundReply.choices). */
  choices?: { label: string; value: string }[];
}

export async function prepareOutbound(tx: Tx, draft: OutboundDraft): Promise<string> {
  const row = await tx.message.create({
    data: {
      direction: 'OUTBOUND',
      channel: draft.channel,
      channelUserId: draft.channelUserId,
      kind: 'text',
      text: draft.text,
      payload: toJson({ purpose: draft.purpose, language: draft.language, ...(draft.choices?.length ? { choices: draft.choices } : {}) }),
      status: 'PENDING',
      idempotencyKey: draft.idempotencyKey,
      replyToId: draft.replyToId,
      conversationId: draft.conversationId,
      citizenId: draft.citizenId,
      ticketId: draft.ticketId,
    },
    select: { id: true },
  });
  return row.id;
}
