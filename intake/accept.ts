/**
 * The inbound half of every channel, in the order STYLE.md §5 prescribes: verify → validate →
 * persist → enqueue → acknowledge. Nothing here waits on classification or replies; a failed
 * enqueue is logged and left to the recovery sweep, because the message is already safe in the database.
 */
import type { AcceptOutcome, ChannelAdapter, InboundMessage, RawRequest } from '../channels/types.js';
import { InvalidDataError, UnauthorizedError } from '../core/errors/index.js';
import type { IntakeDeps } from './deps.js';
import { JOB_INBOUND, inboundJobId } from './jobs.js';
import { storeInbound, type StoredInbound } from './store-inbound.js';

export async function acceptInbound(
  deps: Pick<IntakeDeps, 'db' | 'attachments' | 'queues' | 'logger'>,
  adapter: ChannelAdapter,
  req: RawRequest,
): Promise<AcceptOutcome[]> {
  if (!adapter.verify(req)) throw new UnauthorizedError(`${adapter.id}: the request could not be verified`);
  const parsed = adapter.parse(req);
  if (!parsed.ok) throw new InvalidDataError(parsed.error.message, { details: parsed.error.issues });
  return acceptMessages(deps, parsed.value);
}

/** Persist → enqueue for messages already verified and parsed (also used by connection-based channels). */
export async function acceptMessages(
  deps: Pick<IntakeDeps, 'db' | 'attachments' | 'queues' | 'logger'>,
  messages: InboundMessage[],
): Promise<AcceptOutcome[]> {
  const stored: StoredInbound[] = [];
  for (const message of messages) stored.push(await storeInbound(deps, message));
  await Promise.all(stored.filter((row) => row.status === 'RECEIVED').map((row) => enqueueInbound(deps, row)));
  return stored.map((row) => ({ messageId: row.messageId, duplicate: row.duplicate }));
}

export async function enqueueInbound(
  deps: Pick<IntakeDeps, 'queues' | 'logger'>,
  row: { messageId: string; channel: string; dedupKey: string },
): Promise<boolean> {
  try {
    await deps.queues.intake.add(JOB_INBOUND, { messageId: row.messageId }, inboundJobId(row.channel, row.dedupKey));
    return true;
  } catch (error) {
    deps.logger.warn({ messageId: row.messageId, err: error }, 'queueing failed; the recovery sweep will queue the stored message');
    return false;
  }
}
