/**
 * The database is the source of truth, the queue a work list. This sweep re-queues messages that
 * were stored but never queued (Redis was down) or never finished (a worker died and its job was
 * lost): job ids deduplicate what is still queued, and processing is idempotent for the rest.
 */
import type { IntakeDeps } from './deps.js';
import { enqueueInbound } from './accept.js';
import { enqueueOutbound } from './send-outbound.js';

export interface RecoveryOptions {
  intervalMs: number;
  /** Only rows older than this: younger ones are still on their normal path. */
  graceMs: number;
  batch?: number;
}

export async function sweepOnce(
  deps: Pick<IntakeDeps, 'db' | 'queues' | 'logger' | 'now'>,
  options: RecoveryOptions,
): Promise<{ inbound: number; outbound: number }> {
  const before = new Date(deps.now().getTime() - options.graceMs);
  const take = options.batch ?? 500;
  const inbound = await deps.db.prisma.message.findMany({
    where: { direction: 'INBOUND', status: 'RECEIVED', receivedAt: { lte: before } },
    select: { id: true, channel: true, dedupKey: true },
    orderBy: { receivedAt: 'asc' },
    take,
  });
  for (const row of inbound) await enqueueInbound(deps, { messageId: row.id, channel: row.channel, dedupKey: row.dedupKey ?? row.id });
  const outbound = await deps.db.prisma.message.findMany({
    where: { direction: 'OUTBOUND', status: 'PENDING', createdAt: { lte: before } },
    select: { id: true, channel: true },
    orderBy: { createdAt: 'asc' },
    take,
  });
  for (const row of outbound) await enqueueOutbound(deps, row.id, row.channel);
  return { inbound: inbound.length, outbound: outbound.length };
}

/** Runs the sweep now and then every interval until stopped; one sweep at a time. */
export function startRecovery(
  deps: Pick<IntakeDeps, 'db' | 'queues' | 'logger' | 'now'>,
  options: RecoveryOptions,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let stopped = false;
  const tick = () => {
    if (busy || stopped) return;
    busy = true;
    running = sweepOnce(deps, options)
      .then((counts) => {
        if (counts.inbound + counts.outbound > 0) deps.logger.info(counts, 're-queued stored messages');
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'recovery sweep failed'))
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
