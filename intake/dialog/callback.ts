/**
 * The callback (回访) around the dialog: asking it when a ticket is answered, and recording the
 * citizen's answers on the ticket. An answered ticket whose lifecycle waits for the callback
 * (REVIEWED) moves on to CALLBACK_DONE once the satisfaction is known (DOMAIN.md T20).
 */
import type { Satisfaction } from '../../core/db/generated/client.js';
import type { Tx } from '../../core/db/database.js';
import { toJson } from '../../core/db/helpers.js';
import { transition } from '../../router/ticket-state-machine.js';
import type { ChannelRegistry } from '../../channels/registry.js';
import type { IntakeDeps } from '../deps.js';
import { prepareOutbound } from '../outbound-store.js';
import { recordEvent } from '../ticket-store.js';
import { detectLanguage, type Language } from '../texts.js';
import { callbackChoices } from './choices.js';
import { readState } from './state.js';

export async function recordCallbackAnswer(
  tx: Tx,
  answer: { ticketId: string; resolved?: boolean; satisfaction?: Satisfaction; comment?: string },
  now: Date,
): Promise<void> {
  const ticket = await tx.ticket.findUnique({ where: { id: answer.ticketId }, select: { status: true } });
  if (!ticket) return;
  const done = answer.satisfaction ? transition(ticket.status, 'recordCallback', 'centre') : undefined;
  await tx.ticket.update({
    where: { id: answer.ticketId },
    data: {
      ...(answer.resolved !== undefined ? { resolved: answer.resolved } : {}),
      ...(answer.satisfaction ? { satisfaction: answer.satisfaction, callbackAt: now } : {}),
      ...(done?.ok ? { status: done.value.to } : {}),
    },
  });
  await recordEvent(tx, {
    ticketId: answer.ticketId,
    event: answer.comment ? 'callbackComment' : 'callback',
    fromStatus: done?.ok ? ticket.status : undefined,
    toStatus: done?.ok ? done.value.to : undefined,
    actorType: 'CITIZEN',
    reason: answer.comment,
    after: toJson({ resolved: answer.resolved, satisfaction: answer.satisfaction }),
  });
}

/**
 * Tells the citizen the answer on the channel of their conversation and asks whether it solved the
 * problem. Returns the outbound message to queue, or nothing when the channel cannot carry it.
 */
export async function askForCallback(
  tx: Tx,
  deps: Pick<IntakeDeps, 'texts' | 'now'> & { channels: ChannelRegistry; dialogChannel: (channel: string) => boolean },
  ticket: {
    id: string;
    number: string;
    citizenId: string;
    conversationId: string | null;
    originMessageId: string | null;
    description: string;
  },
  answer: string,
): Promise<{ id: string; channel: string } | undefined> {
  const origin = ticket.originMessageId ? await tx.message.findUnique({ where: { id: ticket.originMessageId } }) : null;
  if (!origin || !deps.channels.get(origin.channel)?.canReply) return undefined;
  const conversationId = ticket.conversationId ?? origin.conversationId;
  let language: Language = detectLanguage(ticket.description);
  const asks = deps.dialogChannel(origin.channel) && conversationId !== null;
  if (asks) {
    const [row] = await tx.$queryRaw<{ state: unknown }[]>`SELECT state FROM "Conversation" WHERE id = ${conversationId}::uuid FOR UPDATE`;
    const state = readState(row?.state);
    language = state.language ?? language;
    state.callback = { ticketId: ticket.id, number: ticket.number, step: 'resolved', askedAt: deps.now().toISOString() };
    await tx.conversation.update({ where: { id: conversationId }, data: { state: toJson(state) } });
    await tx.ticket.update({ where: { id: ticket.id }, data: { callbackAttempts: { increment: 1 } } });
  }
  const text = asks
    ? deps.texts.render('callbackAsk', language, { number: ticket.number, answer })
    : deps.texts.render('ticketAnswered', language, { number: ticket.number, answer });
  const id = await prepareOutbound(tx, {
    channel: origin.channel,
    channelUserId: origin.channelUserId,
    text,
    language,
    purpose: 'status',
    idempotencyKey: `answer-${ticket.id}`,
    citizenId: ticket.citizenId,
    conversationId: conversationId ?? undefined,
    ticketId: ticket.id,
    choices: asks
      ? callbackChoices(ticket.number, 'resolved').map((choice) => ({
          value: choice.value,
          label: choice.label ? deps.texts.render(choice.label, language) : (choice.text ?? ''),
        }))
      : undefined,
  });
  return { id, channel: origin.channel };
}
