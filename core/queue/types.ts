/**
 * The intake queue, on BullMQ (Redis) or in process. The database is the source of truth: a job
 * only names a stored message, so a lost job is re-created from the database (intake/recovery.ts)
 * and a job run twice finds its work already done.
 */
export interface QueueJob<D = JobData> {
  readonly id: string;
  readonly name: string;
  readonly data: D;
  /** Attempts already made before this one. */
  readonly attemptsMade: number;
}

export interface JobData {
  messageId: string;
}

export type JobHandler = (job: QueueJob) => Promise<void>;

export interface WorkerOptions {
  concurrency: number;
  /** Called once when a job fails for good (permanent error or attempts exhausted). */
  onFailed?: (job: QueueJob, error: Error) => Promise<void>;
}

export interface QueueWorker {
  /** Stops taking jobs and waits for the ones in flight. */
  close(): Promise<void>;
}

export interface JobQueue {
  readonly name: string;
  /** Adds a job unless one with this id is already waiting or running. Rejects fast when the backend is down. */
  add(name: string, data: JobData, jobId: string): Promise<void>;
  process(handler: JobHandler, options: WorkerOptions): QueueWorker;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by a handler when retrying cannot help (bad payload, unknown channel, forbidden transition). */
export class PermanentJobError extends Error {}
