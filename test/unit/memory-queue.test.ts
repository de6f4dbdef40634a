import { describe, expect, test } from 'vitest';

import { MemoryQueue, PermanentJobError, type QueueJob } from '../../core/queue/index.js';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('in-process queue', () => {
  test('when the same job id is added while it waits, then it runs once', async () => {
    const queue = new MemoryQueue('t', 3, 1);
    const seen: string[] = [];
    await queue.add('inbound', { messageId: 'a' }, 'job-a');
    await queue.add('inbound', { messageId: 'a' }, 'job-a');
    queue.process(async (job) => void seen.push(job.data.messageId), { concurrency: 2 });
    await tick(20);
    expect(seen).toEqual(['a']);
    await queue.close();
  });

  test('when a handler fails twice, then the job is retried and succeeds on the third attempt', async () => {
    const queue = new MemoryQueue('t', 5, 1);
    const attempts: number[] = [];
    queue.process(
      async (job) => {
        attempts.push(job.attemptsMade);
        if (attempts.length < 3) throw new Error('transient');
      },
      { concurrency: 1 },
    );
    await queue.add('inbound', { messageId: 'b' }, 'job-b');
    await tick(50);
    expect(attempts).toEqual([0, 1, 2]);
    await queue.close();
  });

  test('when a handler throws a permanent error, then onFailed runs once without retries', async () => {
    const queue = new MemoryQueue('t', 5, 1);
    const failed: QueueJob[] = [];
    let runs = 0;
    queue.process(
      async () => {
        runs += 1;
        throw new PermanentJobError('bad payload');
      },
      { concurrency: 1, onFailed: async (job) => void failed.push(job) },
    );
    await queue.add('inbound', { messageId: 'c' }, 'job-c');
    await tick(30);
    expect(runs).toBe(1);
    expect(failed.map((job) => job.id)).toEqual(['job-c']);
    await queue.close();
  });

  test('when attempts are exhausted, then onFailed reports the last attempt', async () => {
    const queue = new MemoryQueue('t', 2, 1);
    const failed: QueueJob[] = [];
    queue.process(
      async () => {
        throw new Error('always');
      },
      { concurrency: 1, onFailed: async (job) => void failed.push(job) },
    );
    await queue.add('inbound', { messageId: 'd' }, 'job-d');
    await tick(50);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.attemptsMade).toBe(2);
    await queue.close();
  });

  test('when the queue closes, then it waits for the job in flight', async () => {
    const queue = new MemoryQueue('t', 1, 1);
    let finished = false;
    queue.process(
      async () => {
        await tick(50);
        finished = true;
      },
      { concurrency: 1 },
    );
    await queue.add('inbound', { messageId: 'e' }, 'job-e');
    await tick(5);
    await queue.close();
    expect(finished).toBe(true);
    await expect(queue.add('inbound', { messageId: 'f' }, 'job-f')).rejects.toThrow(/closed/);
  });

  test('when concurrency is 2, then at most two jobs run at once', async () => {
    const queue = new MemoryQueue('t', 1, 1);
    let running = 0;
    let peak = 0;
    queue.process(
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await tick(10);
        running -= 1;
      },
      { concurrency: 2 },
    );
    for (let i = 0; i < 6; i += 1) await queue.add('inbound', { messageId: String(i) }, `job-${i}`);
    await tick(80);
    expect(peak).toBe(2);
    await queue.close();
  });
});
