/**
 * The bot's side of the intake: every message the bot should take is read, mapped and handed to
 * the pipeline, which stores it once under its dedup key. Unlike a webhook, Wechaty never delivers
 * a message again when storing it failed, so a failed hand-over is retried here with backoff
 * (harmless: a repeat is a duplicate). Nothing here may throw into the SDK's event emitter — an
 * exception there would bring down the worker process.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { ScanStatus, type Message, type Wechaty } from 'wechaty';

import type { ChannelIntake } from '../types.js';
import { readMessage, toInboundMessage } from './inbound.js';
import type { WechatyMessageSnapshot } from './schemas.js';

/** The part of suqiu's logger the connection uses (pino's `Logger` fits). */
export interface ChannelLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface ConnectionOptions {
  maxMediaBytes: number;
  logger?: ChannelLogger;
  /** Waits between attempts to hand a message over; when they are used up, the message is logged as lost. */
  retryDelaysMs: readonly number[];
  now: () => Date;
}

export interface Connection {
  stop(): Promise<void>;
}

export async function startConnection(bot: Wechaty, intake: ChannelIntake, options: ConnectionOptions): Promise<Connection> {
  const log = options.logger;
  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();

  const take = async (message: Message): Promise<void> => {
    const receivedAt = options.now();
    let snapshot: WechatyMessageSnapshot | undefined;
    for (let attempt = 0; ; attempt += 1) {
      try {
        snapshot ??= await readMessage(bot, message, options.maxMediaBytes);
        if (snapshot) await intake.accept([toInboundMessage(snapshot, receivedAt)]);
        return;
      } catch (error) {
        const delay = options.retryDelaysMs[attempt];
        if (delay === undefined || stopping.signal.aborted) {
          log?.error({ messageId: message.id, err: error }, 'a Wechaty message could not be stored and is lost');
          return;
        }
        log?.warn({ messageId: message.id, attempt: attempt + 1, err: error }, 'storing a Wechaty message failed; retrying');
        const slept = await sleep(delay, true, { signal: stopping.signal }).catch(() => false);
        if (!slept) {
          log?.error({ messageId: message.id }, 'the bot stopped before a Wechaty message could be stored; it is lost');
          return;
        }
      }
    }
  };

  const listeners = {
    message: (message: Message) => {
      if (stopping.signal.aborted) return;
      const task = take(message).finally(() => inFlight.delete(task));
      inFlight.add(task);
    },
    // Without an `error` listener an EventEmitter throws; the SDK reports puppet trouble here.
    error: (error: Error) => log?.warn({ err: { name: error.name, message: error.message } }, 'Wechaty reported an error'),
    login: () => log?.info({}, 'the Wechaty bot logged in'),
    logout: () => log?.warn({}, 'the Wechaty bot logged out: no messages arrive and replies wait until it logs in again'),
    scan: (qrcode: string, status: ScanStatus) =>
      log?.info({ status: ScanStatus[status], qrcode }, 'the Wechaty bot waits for its login to be confirmed (scan the QR code)'),
  };
  bot.on('message', listeners.message);
  bot.on('error', listeners.error);
  bot.on('login', listeners.login);
  bot.on('logout', listeners.logout);
  bot.on('scan', listeners.scan);
  const detach = () => {
    bot.off('message', listeners.message);
    bot.off('login', listeners.login);
    bot.off('logout', listeners.logout);
    bot.off('scan', listeners.scan);
  };

  try {
    await bot.start();
  } catch (error) {
    detach();
    throw error;
  }
  return {
    stop: async () => {
      stopping.abort();
      await Promise.allSettled([...inFlight]);
      await bot.stop();
      // The error listener stays: a stopped puppet may still report errors, and an EventEmitter
      // without one would throw them into the process.
      detach();
    },
  };
}
