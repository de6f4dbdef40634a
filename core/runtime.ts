/**
 * The composition root: opens the database (migrating it), seeds an empty catalogue, loads the
 * active model, builds queues, the event bus and the channels, then starts the worker and/or the
 * HTTP server. `close()` stops everything in the reverse order, letting in-flight work finish.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { buildChannelRegistry, configureChannels } from '../channels/registry.js';
import { ApiKeyResolver } from './auth/api-keys.js';
import { createApp, listen, type HttpServer } from '../api/server.js';
import { EventStreams } from '../api/sse.js';
import { BotTextsProvider } from '../intake/bot-texts.provider.js';
import { CatalogueProvider } from '../intake/catalogue.provider.js';
import { createKnowledgeBase } from '../intake/knowledge/index.js';
import { ClassifierProvider } from '../intake/classifier.provider.js';
import type { IntakeDeps } from '../intake/deps.js';
import { INTAKE_QUEUE, OUTBOUND_QUEUE } from '../intake/jobs.js';
import { ensureActiveModel } from '../intake/seed-model.js';
import { startTrainingRunner, type TrainingRunner } from '../intake/training/training-runner.js';
import { RecentTickets } from '../intake/similar-tickets.js';
import { startWorkers, type RunningWorkers } from '../intake/worker.js';
import { acceptMessages } from '../intake/accept.js';
import { seedCatalogue } from '../prisma/seed/seed.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { LocalEventBus, topics, type EventBus } from './events/event-bus.js';
import { RedisEventBus } from './events/redis.event-bus.js';
import { createLogger, type Logger } from './logger.js';
import { WhisperServer } from './asr/speech-to-text.js';
import { createQueue } from './queue/index.js';
import { loadTransformersEmbedder } from '../nlu/embeddings/index.js';
import { DatabaseTokenStore } from './tokens/token-store.js';
import { LocalAttachmentStore } from './storage/attachment-store.js';

export interface RuntimeOptions {
  config: Config;
  logger?: Logger;
  /** Run the intake worker in this process (default: config.worker.enabled). */
  worker?: boolean;
  /** Serve HTTP (default true). */
  http?: boolean;
  /** Seed the default catalogue into an empty database (default true). */
  seed?: boolean;
  /** The HTTP client channels use; tests point it at loopback fakes. */
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface Runtime {
  config: Config;
  logger: Logger;
  db: Database;
  deps: IntakeDeps;
  http?: HttpServer;
  /** Trains the model versions admins ask for (in worker processes). */
  training?: TrainingRunner;
  close(): Promise<void>;
}

const REFRESH_MS = 30_000;

/** How long the bot waits for a satisfaction answer (DOMAIN.md §7.2: callback due within a working day, three attempts). */
const CALLBACK_WAIT_MS = 7 * 24 * 3_600_000;
/** What citizens are told to expect (DOMAIN.md §7.2 default profile: 一般 5 wd; Guangdong 咨询 2 wd). */
const REPLY_DAYS = { report: 5, consult: 2 };

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  await mkdir(config.dataDir, { recursive: true });
  const secret = config.secret ?? (await loadOrCreateSecret(config.dataDir));
  const channelSettings = { secret, webchatTokenTtlMs: config.webchatTokenTtlMs, publicUrl: config.http.publicUrl };
  // A misconfigured channel stops the start before the database is opened or a model trained.
  configureChannels(config.env, channelSettings);
  const db = await openDatabase({
    url: config.databaseUrl,
    pgliteDir: path.join(config.dataDir, 'db'),
    onConnectionError: (error) =>
      logger.warn({ err: error }, 'a database connection was closed by the server; the next query opens a new one'),
  });
  const closers: (() => Promise<void>)[] = [() => db.close()];
  const close = async () => {
    for (const closer of closers.splice(0).reverse())
      await closer().catch((error: unknown) => logger.error({ err: error }, 'error while stopping'));
  };
  try {
    if (options.seed ?? true) {
      if (await seedCatalogue(db)) logger.info('seeded the default category tree and demo departments');
      await ensureActiveModel(db, logger);
    }
    // A configured model folder that cannot be loaded stops the start, naming the missing file.
    const embedder = config.embedding ? await loadTransformersEmbedder(config.embedding) : undefined;
    if (embedder) {
      closers.push(() => embedder.dispose());
      logger.info({ model: embedder.modelId, dimension: embedder.dimension }, 'sentence embeddings loaded');
    }
    const catalogue = await CatalogueProvider.load(db);
    const classifier = new ClassifierProvider(db);
    await classifier.refresh();
    const texts = new BotTextsProvider(db);
    await texts.refresh();
    texts.startRefreshing(REFRESH_MS, (error) => logger.warn({ err: error }, 'refresh from the database failed'));
    closers.push(async () => texts.stop());
    const knowledge = createKnowledgeBase(db, { logger });
    const onRefreshError = (error: unknown) => logger.warn({ err: error }, 'refresh from the database failed');
    catalogue.startRefreshing(REFRESH_MS, onRefreshError);
    classifier.startRefreshing(REFRESH_MS, onRefreshError);
    closers.push(async () => {
      catalogue.stop();
      classifier.stop();
    });

    const queueSettings = {
      redisUrl: config.redisUrl,
      prefix: config.queuePrefix,
      attempts: config.worker.attempts,
      lockMs: config.worker.lockMs,
    };
    const bus: EventBus = config.redisUrl ? new RedisEventBus(config.redisUrl, config.queuePrefix) : new LocalEventBus();
    closers.push(() => bus.close());
    const channels = buildChannelRegistry(config.env, channelSettings, {
      notifyWebchat: (sessionId, payload) => bus.publish(topics.webchat(sessionId), payload),
      fetch: options.fetch ?? fetch,
      tokens: new DatabaseTokenStore(db),
      logger,
      catalogue,
    });
    // A channel with its own connection (Wechaty) gets its own outbound queue, served where the connection is.
    const connected = channels.list().filter((binding) => binding.start);
    const dedicated = new Map(connected.map(({ adapter }) => [adapter.id, createQueue(`${OUTBOUND_QUEUE}-${adapter.id}`, queueSettings)]));
    const queues = { intake: createQueue(INTAKE_QUEUE, queueSettings), outbound: createQueue(OUTBOUND_QUEUE, queueSettings), dedicated };
    for (const queue of [queues.intake, queues.outbound, ...dedicated.values()]) closers.push(() => queue.close());

    const deps: IntakeDeps = {
      db,
      logger,
      queues,
      bus,
      attachments: new LocalAttachmentStore(path.join(config.dataDir, 'attachments')),
      channels,
      classifier,
      catalogue,
      embedder,
      asr: config.asr ? new WhisperServer({ ...config.asr, timeoutMs: 60_000, fetch: options.fetch }) : undefined,
      texts,
      knowledge,
      dialog: {
        channels: config.dialog.channels,
        settings: {
          timeoutMs: config.dialog.timeoutMs,
          handoffTimeoutMs: config.dialog.handoffTimeoutMs,
          callbackTimeoutMs: CALLBACK_WAIT_MS,
          replyDays: REPLY_DAYS,
        },
        ratePerMinute: config.dialog.ratePerMinute,
        ratePerDay: config.dialog.ratePerDay,
      },
      recentTickets: new RecentTickets({ embeddingModel: embedder?.modelId, now: options.now ?? (() => new Date()) }),
      autoRoute: config.autoRoute,
      timeZone: config.timeZone,
      now: options.now ?? (() => new Date()),
    };

    let training: TrainingRunner | undefined;
    if (options.worker ?? config.worker.enabled) {
      const hosted = config.worker.connections ? connected : [];
      const workers: RunningWorkers = startWorkers(deps, {
        concurrency: config.worker.concurrency,
        recovery: { intervalMs: config.worker.recoveryIntervalMs, graceMs: config.worker.recoveryGraceMs },
        connectedChannels: hosted.map(({ adapter }) => adapter.id),
      });
      closers.push(() => workers.close());
      training = await startTrainingRunner(deps);
      closers.push(() => training!.stop());
      for (const binding of hosted) {
        const connection = await binding.start!({ accept: (messages) => acceptMessages(deps, messages) });
        closers.push(() => connection.stop());
        logger.info({ channel: binding.adapter.id }, 'channel connection started');
      }
    }

    let http: HttpServer | undefined;
    if (options.http ?? true) {
      const ctx = { config, deps, secret, apiKeys: new ApiKeyResolver(db), streams: new EventStreams() };
      http = await listen(createApp(ctx), ctx);
      closers.push(() => http!.close());
    }
    return { config, logger, db, deps, http, training, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Without SUQIU_SECRET, a random secret is generated once and kept (mode 0600) in the data folder. */
async function loadOrCreateSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'secret.key');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start
  }
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}
