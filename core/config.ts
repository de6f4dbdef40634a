/**
 * The one place that reads the environment. Parsed once at start into a frozen, typed object;
 * every other module receives the slice it needs. `.env.example` documents the same keys.
 */
import path from 'node:path';

import { z } from 'zod';

import type { EmbeddingModelOptionsInput } from '../nlu/embeddings/options.js';

const boolean = z.enum(['1', '0', 'true', 'false', 'yes', 'no', '']).transform((value) => ['1', 'true', 'yes'].includes(value));

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const optionalUrl = optionalString.pipe(z.url().optional());

const env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port; 0 picks a free one'),
  HOST: z.string().default('0.0.0.0').describe('Interface the HTTP server binds to'),
  SUQIU_DATA_DIR: z.string().default('./data').describe('Embedded database, attachments, models and the generated secret live here'),
  DATABASE_URL: optionalUrl.describe('PostgreSQL URL; without it suqiu uses embedded PGlite in SUQIU_DATA_DIR/db'),
  REDIS_URL: optionalUrl.describe('Redis URL for the BullMQ queue; without it an in-process queue is used'),
  SUQIU_BOOTSTRAP_TOKEN: optionalString
    .pipe(z.string().min(16, 'SUQIU_BOOTSTRAP_TOKEN must be at least 16 characters').optional())
    .describe('Accepted as an admin bearer token, to create the first users and API keys'),
  SUQIU_SECRET: optionalString
    .pipe(z.string().min(32, 'SUQIU_SECRET must be at least 32 characters').optional())
    .describe('Signs web-chat session tokens; generated into SUQIU_DATA_DIR when unset (set it when running several instances)'),
  SUQIU_PUBLIC_URL: optionalUrl.describe('Public base URL, used in printed links'),
  SUQIU_TIMEZONE: z.string().default('Asia/Shanghai').describe('Time zone of ticket numbers and deadlines'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SUQIU_WORKER: boolean.default(true).describe('Run the intake worker inside `suqiu start`'),
  SUQIU_CONNECTIONS: boolean.default(true).describe('Run connection-based channels (Wechaty) in this worker; keep it on in exactly one'),
  SUQIU_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  SUQIU_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('suqiu')
    .describe('BullMQ key prefix'),
  SUQIU_QUEUE_LOCK_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(30_000)
    .describe("BullMQ job lock; a dead worker's job is retried after it"),
  SUQIU_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  SUQIU_RECOVERY_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10_000)
    .describe('How often unqueued or unfinished messages are re-queued from the database'),
  SUQIU_RECOVERY_GRACE_MS: z.coerce.number().int().min(0).default(5_000),
  SUQIU_SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  SUQIU_WEBCHAT_TOKEN_TTL_HOURS: z.coerce.number().positive().default(24),
  SUQIU_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  SUQIU_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  SUQIU_DIALOG_CHANNELS: z
    .string()
    .regex(/^(\*|none|[a-z0-9_-]+(,[a-z0-9_-]+)*)$/, 'a comma-separated list of channel ids, "*" or "none"')
    .default('*')
    .describe(
      'Channels where the bot talks with the citizen (asks what is missing, answers questions); "*" every channel that can reply except the API, "none" one message = one ticket everywhere',
    ),
  SUQIU_DIALOG_TIMEOUT_MINUTES: z.coerce.number().positive().default(30).describe('An unfinished report is dropped after this pause'),
  SUQIU_HANDOFF_TIMEOUT_HOURS: z.coerce
    .number()
    .positive()
    .default(24)
    .describe('A conversation handed to an agent returns to the bot after this pause'),
  SUQIU_RATE_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .describe("A citizen's messages per minute the bot answers; more get one notice"),
  SUQIU_RATE_PER_DAY: z.coerce.number().int().min(1).default(300).describe("A citizen's messages per day the bot answers"),
  SUQIU_AUTO_ROUTE: z
    .enum(['off', 'on'])
    .default('off')
    .describe(
      "on: a ticket whose category the model is sure of (band AUTO: at or above the category's threshold for the target precision) is confirmed by the system without review; off: agents confirm every ticket",
    ),
  SUQIU_ASR_URL: optionalUrl.describe('whisper.cpp server for voice messages without a transcript; unset: agents play the audio'),
  SUQIU_ASR_LANGUAGE: z.string().default('zh').describe('Language hint for speech recognition'),
  SUQIU_EMBEDDING_MODEL_DIR: optionalString.describe(
    'Sentence-embedding model folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx or onnx/model_quantized.onnx); unset: no embeddings',
  ),
  SUQIU_EMBEDDING_QUANTIZED: boolean.default(false).describe('Load onnx/model_quantized.onnx instead of onnx/model.onnx'),
  SUQIU_EMBEDDING_POOLING: z
    .enum(['auto', 'mean', 'cls'])
    .default('auto')
    .describe('auto follows 1_Pooling/config.json, else mean; bge: cls'),
  SUQIU_EMBEDDING_MAX_LENGTH: z.coerce.number().int().min(8).max(8192).default(256).describe('Tokens per message; longer ones are cut'),
  SUQIU_EMBEDDING_BATCH_SIZE: z.coerce.number().int().min(1).max(512).default(16),
  // Not trimmed: the space of "query: " matters.
  SUQIU_EMBEDDING_TEXT_PREFIX: z.string().default('').describe('Prepended to every text, e.g. "query: " for e5 models'),
  SUQIU_EMBEDDING_THREADS: z.coerce.number().int().min(1).max(64).optional().describe("onnxruntime threads; unset: onnxruntime's default"),
  SUQIU_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  SUQIU_TRUST_PROXY: optionalString.describe('Express "trust proxy" setting, e.g. `loopback` or `1`'),
});

export type Env = z.input<typeof env>;

/** Every variable suqiu itself reads (channels list theirs in their definitions). */
export const CONFIG_VARIABLES = Object.keys(env.shape);

export interface Config {
  readonly http: { readonly port: number; readonly host: string; readonly publicUrl?: string; readonly trustProxy?: string };
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly redisUrl?: string;
  readonly bootstrapToken?: string;
  readonly secret?: string;
  readonly timeZone: string;
  readonly logLevel: z.infer<typeof env>['LOG_LEVEL'];
  readonly worker: {
    readonly enabled: boolean;
    /** Host connection-based channels (a Wechaty bot) in this process. */
    readonly connections: boolean;
    readonly concurrency: number;
    readonly attempts: number;
    readonly lockMs: number;
    readonly recoveryIntervalMs: number;
    readonly recoveryGraceMs: number;
  };
  readonly queuePrefix: string;
  readonly sessionTtlMs: number;
  readonly webchatTokenTtlMs: number;
  readonly limits: { readonly bodyBytes: number; readonly uploadBytes: number };
  /**
   * The environment as it was at start, for the channel registry: each channel folder names and
   * validates its own variables (channels/<name>/definition.ts), at boot like everything here.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly shutdownTimeoutMs: number;
  readonly asr?: { readonly url: string; readonly language: string };
  readonly dialog: DialogConfig;
  /** A local sentence-embedding model (nlu/embeddings); similar-ticket search uses it when set. */
  readonly embedding?: EmbeddingModelOptionsInput;
  /** Confirm (T6) clear tickets without review, by the rules of router/auto-route.ts. @defaultValue false */
  readonly autoRoute: boolean;
}

export interface DialogConfig {
  /** Channel ids, or '*' for every channel that can reply (the API channel excepted). */
  readonly channels: readonly string[] | '*';
  readonly timeoutMs: number;
  readonly handoffTimeoutMs: number;
  readonly ratePerMinute: number;
  readonly ratePerDay: number;
}

/** Thrown at start when the environment is wrong; the CLI prints it and exits. */
export class ConfigError extends Error {}

const HOUR = 3_600_000;

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  try {
    new Intl.DateTimeFormat('en', { timeZone: e.SUQIU_TIMEZONE });
  } catch {
    throw new ConfigError(`Invalid configuration:\n  SUQIU_TIMEZONE: unknown time zone "${e.SUQIU_TIMEZONE}"`);
  }
  return deepFreeze({
    http: { port: e.PORT, host: e.HOST, publicUrl: e.SUQIU_PUBLIC_URL, trustProxy: e.SUQIU_TRUST_PROXY },
    dataDir: path.resolve(e.SUQIU_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    bootstrapToken: e.SUQIU_BOOTSTRAP_TOKEN,
    secret: e.SUQIU_SECRET,
    timeZone: e.SUQIU_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    worker: {
      enabled: e.SUQIU_WORKER,
      connections: e.SUQIU_CONNECTIONS,
      concurrency: e.SUQIU_WORKER_CONCURRENCY,
      attempts: e.SUQIU_JOB_ATTEMPTS,
      lockMs: e.SUQIU_QUEUE_LOCK_MS,
      recoveryIntervalMs: e.SUQIU_RECOVERY_INTERVAL_MS,
      recoveryGraceMs: e.SUQIU_RECOVERY_GRACE_MS,
    },
    queuePrefix: e.SUQIU_QUEUE_PREFIX,
    sessionTtlMs: e.SUQIU_SESSION_TTL_HOURS * HOUR,
    webchatTokenTtlMs: e.SUQIU_WEBCHAT_TOKEN_TTL_HOURS * HOUR,
    limits: { bodyBytes: e.SUQIU_MAX_BODY_BYTES, uploadBytes: e.SUQIU_MAX_UPLOAD_BYTES },
    env: Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
    shutdownTimeoutMs: e.SUQIU_SHUTDOWN_TIMEOUT_MS,
    dialog: {
      channels: e.SUQIU_DIALOG_CHANNELS === '*' ? '*' : e.SUQIU_DIALOG_CHANNELS === 'none' ? [] : e.SUQIU_DIALOG_CHANNELS.split(','),
      timeoutMs: e.SUQIU_DIALOG_TIMEOUT_MINUTES * 60_000,
      handoffTimeoutMs: e.SUQIU_HANDOFF_TIMEOUT_HOURS * HOUR,
      ratePerMinute: e.SUQIU_RATE_PER_MINUTE,
      ratePerDay: e.SUQIU_RATE_PER_DAY,
    },
    autoRoute: e.SUQIU_AUTO_ROUTE === 'on',
    asr: e.SUQIU_ASR_URL ? { url: e.SUQIU_ASR_URL, language: e.SUQIU_ASR_LANGUAGE } : undefined,
    embedding: e.SUQIU_EMBEDDING_MODEL_DIR
      ? {
          dir: path.resolve(e.SUQIU_EMBEDDING_MODEL_DIR),
          quantized: e.SUQIU_EMBEDDING_QUANTIZED,
          pooling: e.SUQIU_EMBEDDING_POOLING,
          maxLength: e.SUQIU_EMBEDDING_MAX_LENGTH,
          batchSize: e.SUQIU_EMBEDDING_BATCH_SIZE,
          textPrefix: e.SUQIU_EMBEDDING_TEXT_PREFIX,
          threads: e.SUQIU_EMBEDDING_THREADS,
        }
      : undefined,
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
