/**
 * The intake worker: thin wiring from queue jobs to use cases (STYLE.md §5), plus the recovery
 * sweep. Runs inside `suqiu start` or alone as `suqiu worker`.
 */
import { runInContext } from '../core/context.js';
import type { QueueJob } from '../core/queue/index.js';
import type { IntakeDeps } from './deps.js';
import { processInbound } from './process-inbound.js';
import { startRecovery, type RecoveryOptions } from './recovery.js';
import { markOutboundFailed, sendOutbound } from './send-outbound.js';

export interface WorkerSettings {
  concurrency: number;
  recovery: RecoveryOptions;
  /** Channels whose connection lives in this process: their dedicated outbound queues are served here. */
  connectedChannels?: string[];
}

export interface RunningWorkers {
  /** Stops taking jobs, waits for those in flight. */
  close(): Promise<void>;
}

export function startWorkers(deps: IntakeDeps, settings: WorkerSettings): RunningWorkers {
  const inbound = deps.queues.intake.process((job) => inContext(job, async () => void (await processInbound(deps, job.data.messageId))), {
    concurrency: settings.concurrency,
    onFailed: (job, error) => markInboundFailed(deps, job, error),
  });
  const deliver = {
    concurrency: settings.concurrency,
    onFailed: async (job: QueueJob, error: Error) => {
      deps.logger.error({ jobId: job.id, err: error }, 'reply could not be delivered');
      await markOutboundFailed(deps, job.data.messageId, error);
    },
  };
  const send = (job: QueueJob) => inContext(job, async () => void (await sendOutbound(deps, job.data.messageId)));
  const outbound = [deps.queues.outbound, ...(settings.connectedChannels ?? []).map((id) => deps.queues.dedicated?.get(id))]
    .filter((queue) => queue !== undefined)
    .map((queue) => queue.process(send, deliver));
  const recovery = startRecovery(deps, settings.recovery);
  return {
    close: async () => {
      await recovery.stop();
      await Promise.all([inbound.close(), ...outbound.map((worker) => worker.close())]);
    },
  };
}

function inContext(job: QueueJob, fn: () => Promise<void>): Promise<void> {
  return runInContext({ jobId: job.id }, fn);
}

/** A message the worker gave up on stays visible (status FAILED, with the error) for an operator to replay. */
async function markInboundFailed(deps: IntakeDeps, job: QueueJob, error: Error): Promise<void> {
  deps.logger.error({ jobId: job.id, err: error }, 'inbound message could not be processed');
  await deps.db.prisma.message
    .updateMany({
      where: { id: job.data.messageId, direction: 'INBOUND', status: 'RECEIVED' },
      data: { status: 'FAILED', lastError: error.message.slice(0, 1_000), attempts: job.attemptsMade },
    })
    .catch((failure: unknown) => deps.logger.error({ err: failure }, 'could not mark the message failed'));
}
