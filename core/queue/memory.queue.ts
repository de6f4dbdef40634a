/**
 * In-process queue for the embedded default: retries with exponential backoff and a job id that
 * deduplicates while the job waits or runs, like BullMQ. Jobs live in memory only; after a crash the
 * recovery sweep re-queues them from the database.
 */
import { backoffDelay } from './backoff.js';
import {
  PermanentJobError,
  type JobData,
  type JobHandler,
  type JobQueue,
  type QueueJob,
  type QueueWorker,
  type WorkerOptions,
} from './types.js';

interface Entry {
  job: QueueJob;
  timer?: NodeJS.Timeout;
}

export class MemoryQueue implements JobQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: string[] = [];
  private readonly running = new Set<Promise<void>>();
  private handler?: JobHandler;
  private options: WorkerOptions = { concurrency: 1 };
  private closed = false;

  constructor(
    public readonly name: string,
    private readonly attempts: number,
    private readonly baseDelayMs = 1_000,
  ) {}

  public add(name: string, data: JobData, jobId: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`queue ${this.name} is closed`));
    if (!this.entries.has(jobId)) {
      this.entries.set(jobId, { job: { id: jobId, name, data, attemptsMade: 0 } });
      this.waiting.push(jobId);
      this.pump();
    }
    return Promise.resolve();
  }

  public process(handler: JobHandler, options: WorkerOptions): QueueWorker {
    this.handler = handler;
    this.options = options;
    this.pump();
    return { close: () => this.stop() };
  }

  public ping(): Promise<void> {
    return this.closed ? Promise.reject(new Error(`queue ${this.name} is closed`)) : Promise.resolve();
  }

  public async close(): Promise<void> {
    await this.stop();
  }

  private async stop(): Promise<void> {
    this.closed = true;
    this.handler = undefined;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    while (this.handler && this.running.size < this.options.concurrency && this.waiting.length > 0) {
      const entry = this.entries.get(this.waiting.shift()!);
      if (!entry) continue;
      const run = this.run(this.handler, entry).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async run(handler: JobHandler, entry: Entry): Promise<void> {
    const { job } = entry;
    try {
      await handler(job);
      this.entries.delete(job.id);
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      const attemptsMade = job.attemptsMade + 1;
      if (error instanceof PermanentJobError || attemptsMade >= this.attempts || this.closed) {
        this.entries.delete(job.id);
        if (!this.closed || error instanceof PermanentJobError) await this.options.onFailed?.({ ...job, attemptsMade }, error);
        return;
      }
      entry.job = { ...job, attemptsMade };
      entry.timer = setTimeout(
        () => {
          entry.timer = undefined;
          this.waiting.push(job.id);
          this.pump();
        },
        backoffDelay(attemptsMade, this.baseDelayMs),
      );
      entry.timer.unref();
    }
  }
}
