import { Redis } from 'ioredis';

import type { EventBus, EventHandler } from './event-bus.js';

/** Redis pub/sub, so a worker process can notify the web process that serves a console or chat page. */
export class RedisEventBus implements EventBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Set<EventHandler>>();

  constructor(
    redisUrl: string,
    private readonly prefix: string,
  ) {
    this.publisher = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.publisher.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
  }

  public async publish(topic: string, payload: unknown): Promise<void> {
    await this.publisher.publish(this.channel(topic), JSON.stringify(payload ?? null)).catch(() => undefined);
  }

  public async subscribe(topic: string, handler: EventHandler): Promise<() => Promise<void>> {
    let set = this.handlers.get(topic);
    if (!set) {
      set = new Set();
      this.handlers.set(topic, set);
      await this.subscriber.subscribe(this.channel(topic));
    }
    set.add(handler);
    return async () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(topic) === set) {
        this.handlers.delete(topic);
        await this.subscriber.unsubscribe(this.channel(topic)).catch(() => undefined);
      }
    };
  }

  public async close(): Promise<void> {
    this.handlers.clear();
    this.subscriber.disconnect();
    this.publisher.disconnect();
    return Promise.resolve();
  }

  private channel(topic: string): string {
    return `${this.prefix}:events:${topic}`;
  }

  private deliver(channel: string, message: string): void {
    const topic = channel.slice(this.prefix.length + ':events:'.length);
    let payload: unknown;
    try {
      payload = JSON.parse(message);
    } catch {
      return;
    }
    for (const handler of this.handlers.get(topic) ?? []) handler(payload);
  }
}
