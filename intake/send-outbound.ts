/**
 * Delivers one outbound message through its channel. The row is the delivery record: attempts,
 * last error and the vendor's message id. Failures rethrow so the queue retries with backoff; the
 * final failure marks the row FAILED (STYLE.md §16: never catch-and-log a failed send).
 */
import type { OutboundReply } from '../channels/types.js';
import { AppError } from '../core/errors/index.js';
import { PermanentJobError } from '../core/queue/index.js';
import { STATUS_LABELS } from '../router/ticket-labels.js';
import type { IntakeDeps } from './deps.js';
import { JOB_OUTBOUND, outboundJobId } from './jobs.js';

export async function sendOutbound(
  deps: Pick<IntakeDeps, 'db' | 'channels' | 'now'>,
  messageId: string,
): Promise<'sent' | 'skipped' | 'done-before'> {
  const message = await deps.db.prisma.message.findUnique({
    where: { id: messageId },
    include: {
      ticket: { select: { id: true, number: true, status: true } },
      replyTo: { select: { id: true, externalId: true, payload: true } },
    },
  });
  if (!message || message.direction !== 'OUTBOUND') throw new PermanentJobError(`outbound message ${messageId} does not exist`);
  if (message.status !== 'PENDING') return 'done-before';
  const adapter = deps.channels.get(message.channel);
  if (!adapter?.canReply) {
    await deps.db.prisma.message.update({
      where: { id: messageId },
      data: { status: 'SKIPPED', lastError: 'channel cannot carry replies' },
    });
    return 'skipped';
  }
  const identity = await deps.db.prisma.channelIdentity.findUnique({
    where: { channel_channelUserId: { channel: message.channel, channelUserId: message.channelUserId } },
    select: { address: true, lastSeenAt: true },
  });
  const stored = (message.payload ?? {}) as { purpose?: string; choices?: OutboundReply['choices'] };
  const purpose = stored.purpose === 'status' ? 'status' : 'reply';
  await deps.db.prisma.message.update({ where: { id: messageId }, data: { attempts: { increment: 1 } } });
  try {
    const { externalId } = await adapter.send({
      messageId,
      channel: adapter.id,
      channelUserId: message.channelUserId,
      text: message.text ?? '',
      purpose,
      inReplyTo: message.replyTo ? { messageId: message.replyTo.id, externalId: message.replyTo.externalId ?? undefined } : undefined,
      ticket: message.ticket ? { ...message.ticket, statusLabel: STATUS_LABELS[message.ticket.status] } : undefined,
      // A reply goes where the message it answers came from (the same group chat), later notices to the latest address.
      address: (message.replyTo?.payload as { address?: unknown } | null)?.address ?? identity?.address ?? undefined,
      lastInboundAt: identity?.lastSeenAt,
      choices: stored.choices,
    });
    await deps.db.prisma.message.update({
      where: { id: messageId },
      data: { status: 'SENT', externalId, deliveredAt: deps.now(), lastError: null },
    });
    return 'sent';
  } catch (error) {
    await deps.db.prisma.message.update({ where: { id: messageId }, data: { lastError: describe(error) } });
    // A vendor that refused for good (an invalid number, an opted-out recipient) is not asked again.
    if (error instanceof AppError && !error.retryable) throw new PermanentJobError(describe(error));
    throw error;
  }
}

/** Called when the queue gives up on a delivery. */
export async function markOutboundFailed(deps: Pick<IntakeDeps, 'db'>, messageId: string, error: Error): Promise<void> {
  await deps.db.prisma.message.updateMany({
    where: { id: messageId, direction: 'OUTBOUND', status: 'PENDING' },
    data: { status: 'FAILED', lastError: describe(error) },
  });
}

/** Channels that keep their own connection (Wechaty) have their own outbound queue, served where the connection is. */
export async function enqueueOutbound(deps: Pick<IntakeDeps, 'queues' | 'logger'>, messageId: string, channel: string): Promise<void> {
  try {
    await (deps.queues.dedicated?.get(channel) ?? deps.queues.outbound).add(JOB_OUTBOUND, { messageId }, outboundJobId(messageId));
  } catch (error) {
    deps.logger.warn({ messageId, err: error }, 'queueing a reply failed; the recovery sweep will queue it');
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 1_000);
}
