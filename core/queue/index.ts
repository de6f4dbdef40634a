import { BullQueue } from './bullmq.queue.js';
import { MemoryQueue } from './memory.queue.js';
import type { JobQueue } from './types.js';

export * from './types.js';
export { BullQueue } from './bullmq.queue.js';
export { MemoryQueue } from './memory.queue.js';

export interface QueueSettings {
  redisUrl?: string;
  prefix: string;
  attempts: number;
  lockMs: number;
}

/** Builds one queue by name: BullMQ when a Redis URL is configured, in-process otherwise. */
export function createQueue(name: string, settings: QueueSettings): JobQueue {
  return settings.redisUrl
    ? new BullQueue(name, { redisUrl: settings.redisUrl, prefix: settings.prefix, attempts: settings.attempts, lockMs: settings.lockMs })
    : new MemoryQueue(name, settings.attempts);
}
