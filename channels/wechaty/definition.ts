/**
 * The Wechaty channel (DOMAIN.md §11.1, "Wechaty"): a bot that keeps its own connection to a WeCom or
 * official-account gateway and answers in grid workers' group chats and one-to-one conversations.
 * Which puppet drives it is configuration; puppets that log in as a personal WeChat account are refused.
 */
import { z } from 'zod';

import { puppetPolicy } from './policy.js';

export const WECHATY_CHANNEL_ENV = {
  WECHATY_PUPPET:
    'Enables the Wechaty bot: the puppet module, `wechaty-puppet-service` (WeCom / official-account gateway), `wechaty-puppet-official-account`, or `wechaty-puppet-mock` (tests only)',
  WECHATY_PUPPET_SERVICE_TOKEN: 'Token of the puppet service (required with wechaty-puppet-service); a secret, never logged',
  WECHATY_PUPPET_SERVICE_ENDPOINT: 'host:port of the puppet service when it is not found through the token (optional)',
  WECHATY_ALLOW_PERSONAL_PUPPET:
    'true accepts puppets that log in as a personal WeChat account (banned by WeChat, against its terms); a government hotline must leave it false',
  WECHATY_NAME: 'Memory-card name: Wechaty keeps the login session in <name>.memory-card.json (relative to the working directory)',
  WECHATY_MAX_MEDIA_BYTES:
    'Largest photo, voice or video the bot downloads from a message (default 25 MiB); larger files are noted, not stored',
} as const;

/** What a Wechaty message can become (everything else is stored as an event). */
export const WECHATY_MESSAGE_KINDS = ['text', 'image', 'voice', 'video', 'location', 'link', 'event'] as const;

const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');

export const wechatyChannelConfigSchema = z
  .object({
    puppet: z.string().trim().min(1).describe('npm module of the Wechaty puppet'),
    allowPersonalPuppet: flag.describe('Accept puppets that drive a personal WeChat account'),
    name: z.string().trim().min(1).max(200).optional().describe('Memory-card name (login session file)'),
    serviceToken: z.string().trim().min(1).optional().describe('Token of wechaty-puppet-service'),
    serviceEndpoint: z.string().trim().min(1).max(300).optional().describe('Endpoint of wechaty-puppet-service'),
    maxMediaBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .max(200 * 1024 * 1024)
      .default(25 * 1024 * 1024)
      .describe('Largest file downloaded from a message'),
    sendTimeoutMs: z.number().int().positive().default(15_000).describe('How long one reply may take before the queue retries it'),
  })
  .superRefine((config, ctx) => {
    const verdict = puppetPolicy(config.puppet, config.allowPersonalPuppet);
    if (!verdict.ok) ctx.addIssue({ code: 'custom', path: ['puppet'], message: verdict.reason });
    if (config.puppet === 'wechaty-puppet-service' && !config.serviceToken) {
      ctx.addIssue({
        code: 'custom',
        path: ['serviceToken'],
        message: 'WECHATY_PUPPET_SERVICE_TOKEN is required with wechaty-puppet-service',
      });
    }
  });

export type WechatyChannelConfig = z.output<typeof wechatyChannelConfigSchema>;
export type WechatyChannelSettings = z.input<typeof wechatyChannelConfigSchema>;
