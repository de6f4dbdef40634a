/**
 * Telegram Bot API in webhook mode (DOMAIN.md §11.4): Telegram POSTs each Update to
 * `/webhooks/telegram` with the secret set by `setWebhook(secret_token)`; replies go out by `sendMessage`.
 */
import { z } from 'zod';

import { optional, type Env } from '../definition.js';

export const TELEGRAM_ENV = {
  TELEGRAM_BOT_TOKEN: 'Bot token from @BotFather (123456:ABC…); setting it enables the Telegram channel',
  TELEGRAM_WEBHOOK_SECRET: 'The secret_token given to setWebhook (1–256 of A-Z a-z 0-9 _ -); required with the token',
  TELEGRAM_API_ROOT: 'Bot API base URL (default https://api.telegram.org; a local Bot API server or a test fake)',
  TELEGRAM_ALLOW_GROUPS: 'true: also take messages in groups that mention the bot or reply to it (default false: private chats only)',
  TELEGRAM_BOT_USERNAME: "The bot's @username, to recognise mentions in groups; required with TELEGRAM_ALLOW_GROUPS=true",
} as const;

export const TELEGRAM_MESSAGE_KINDS = ['text', 'image', 'voice', 'video', 'location', 'contact', 'event'] as const;

export const DEFAULT_API_ROOT = 'https://api.telegram.org';

export const telegramConfigSchema = z
  .object({
    botToken: z
      .string()
      .regex(/^\d{1,20}:[A-Za-z0-9_-]{20,}$/, 'must look like "123456789:AA…" (the token @BotFather gives)')
      .describe('Bot API token; its digits before ":" are the bot user id'),
    webhookSecret: z
      .string({ error: 'TELEGRAM_WEBHOOK_SECRET is required: without it anyone could post updates' })
      .regex(/^[A-Za-z0-9_-]{1,256}$/, '1–256 characters of A-Z a-z 0-9 _ - (what setWebhook accepts)')
      .describe('Expected X-Telegram-Bot-Api-Secret-Token header'),
    apiRoot: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .default(DEFAULT_API_ROOT)
      .describe('Bot API base URL, without a path'),
    allowGroups: z.boolean().default(false).describe('Accept messages in groups that address the bot'),
    botUsername: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'must be a Telegram username (5–32 letters, digits, _)')
      .optional()
      .describe('The bot username without "@"'),
    timeoutMs: z.number().int().positive().default(15_000).describe('Timeout of one Bot API call'),
  })
  .strict()
  .refine((c) => !c.allowGroups || c.botUsername !== undefined, {
    message: 'TELEGRAM_BOT_USERNAME is required with TELEGRAM_ALLOW_GROUPS=true (to recognise mentions of the bot)',
    path: ['botUsername'],
  });

export type TelegramConfig = z.infer<typeof telegramConfigSchema>;

/** Disabled without a token; a token without its webhook secret stops the start (schema error). */
export function telegramFromEnv(env: Env): unknown {
  const botToken = optional(env, 'TELEGRAM_BOT_TOKEN');
  if (botToken === undefined) return undefined;
  const groups = optional(env, 'TELEGRAM_ALLOW_GROUPS')?.toLowerCase();
  return {
    botToken,
    webhookSecret: optional(env, 'TELEGRAM_WEBHOOK_SECRET'),
    apiRoot: optional(env, 'TELEGRAM_API_ROOT'),
    // Anything but true/false reaches the schema as a string and fails the start with its name.
    allowGroups: groups === undefined || groups === 'false' ? false : groups === 'true' ? true : groups,
    botUsername: optional(env, 'TELEGRAM_BOT_USERNAME')?.replace(/^@/, ''),
  };
}

/** The bot's own user id is the token's prefix: replies to the bot carry it as `from.id`. */
export function botIdOf(botToken: string): string {
  return botToken.slice(0, botToken.indexOf(':'));
}
