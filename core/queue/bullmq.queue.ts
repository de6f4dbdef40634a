/**
 * BullMQ on Redis. The producer connection fails fast when Redis is down (no offline queue), so a
 * webhook is acknowledged as soon as its message is stored; the recovery sweep queues it later.
 */
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';

import { PermanentJobError, type JobData, type JobHandler, type JobQueue, type QueueWorker, type WorkerOptions } from './types.js';

export interface BullQueueOptions {
  redisUrl: string;
  prefix: string;
  attempts: number;
  lockMs: number;
  /** How long `add` may take before it is treated as failed. */
  addTimeoutMs?: number;
  /** How long a graceful worker close may wait for jobs in flight before it forces the close. */
  closeTimeoutMs?: number;
}

export class BullQueue implements JobQueue {
  private readonly producerConnection: Redis;
  private readonly queue: Queue<JobData>;
  private readonly workers = new Set<Worker<JobData>>();
  private readonly workerConnections = new Set<Redis>();

  constructor(
    public readonly name: string,
    private readonly options: BullQueueOptions,
  ) {
    this.producerConnection = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      lazyConnect: false,
    });
    // Connection errors surface through failed commands; without a listener ioredis logs them as unhandled.
    this.producerConnection.on('error', () => undefined);
    this.queue = new Queue<JobData>(name, {
      connection: this.producerConnection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: options.attempts,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { age: 3_600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3_600 },
      },
    });
    this.queue.on('error', () => undefined);
  }

  public async add(name: string, data: JobData, jobId: string): Promise<void> {
    await withTimeout(this.queue.add(name, data, { jobId }), this.options.addTimeoutMs ?? 2_000, `queue ${this.name}`);
  }

  public process(handler: JobHandler, options: WorkerOptions): QueueWorker {
    const connection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    connection.on('error', () => undefined);
    const worker = new Worker<JobData>(
      this.name,
      async (job: Job<JobData>) => {
        try {
          await handler({ id: job.id ?? '', name: job.name, data: job.data, attemptsMade: job.attemptsMade });
        } catch (error) {
          if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
          throw error;
        }
      },
      {
        connection,
        prefix: this.options.prefix,
        concurrency: options.concurrency,
        lockDuration: this.options.lockMs,
        stalledInterval: this.options.lockMs,
        maxStalledCount: 3,
      },
    );
    worker.on('error', () => undefined);
    worker.on('failed', (job, error) => {
      if (!job || !options.onFailed) return;
      const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      if (final) {
        void options.onFailed({ id: job.id ?? '', name: job.name, data: job.data, attemptsMade: job.attemptsMade }, error);
      }
    });
    this.workers.add(worker);
    this.workerConnections.add(connection);
    return {
      close: async () => {
        await closeWorker(worker, this.options.closeTimeoutMs ?? 10_000);
        this.workers.delete(worker);
        connection.disconnect();
        this.workerConnections.delete(connection);
      },
    };
  }

  public async ping(): Promise<void> {
    await withTimeout(this.producerConnection.ping(), 1_000, 'redis ping');
  }

  public async close(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => closeWorker(worker, this.options.closeTimeoutMs ?? 10_000)));
    for (const connection of this.workerConnections) connection.disconnect();
    await this.queue.close().catch(() => undefined);
    this.producerConnection.disconnect();
  }

  /** Test and operations helper: removes every key of this queue. */
  public async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }
}

/**
 * Waits for jobs in flight, but not forever: with Redis gone a graceful close never completes, and a
 * forced close leaves the unfinished jobs to the stalled-job check and the recovery sweep.
 */
async function closeWorker(worker: Worker<JobData>, timeoutMs: number): Promise<void> {
  try {
    await withTimeout(worker.close(), timeoutMs, 'worker close');
  } catch {
    await worker.close(true).catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
