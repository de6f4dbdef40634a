/**
 * Notifications between processes: "a ticket entered the review queue", "a reply for this web-chat
 * session". Best effort by design — consoles and chat pages also re-read the database — so a lost
 * notification delays a refresh and loses nothing.
 */
import { EventEmitter } from 'node:events';

export type EventHandler = (payload: unknown) => void;

export interface EventBus {
  publish(topic: string, payload: unknown): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(topic: string, handler: EventHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class LocalEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  public publish(topic: string, payload: unknown): Promise<void> {
    this.emitter.emit(topic, payload);
    return Promise.resolve();
  }

  public subscribe(topic: string, handler: EventHandler): Promise<() => Promise<void>> {
    this.emitter.on(topic, handler);
    return Promise.resolve(() => {
      this.emitter.off(topic, handler);
      return Promise.resolve();
    });
  }

  public close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}

export const topics = {
  reviewQueue: 'review-queue',
  /** A training run was requested: a runner should look for work. */
  training: 'nlu-training',
  webchat: (sessionId: string) => `webchat.${sessionId}`,
} as const;
