/**
 * Alibaba Cloud SMS, mobile-originated messages (阿里云短信 上行, DOMAIN.md §11.3): Aliyun pushes the
 * citizens' SMS to /webhooks/aliyun-sms/<secret> as a JSON array (HTTP批量推送); replies go out
 * through SendSms with an approved template whose one variable carries the text.
 */
import { z } from 'zod';

import { optional, type Env } from '../definition.js';
import { isAllowlistEntry } from './allowlist.js';

export const ALIYUN_WEBHOOK_PATH = '/webhooks/aliyun-sms/:secret';
export const ALIYUN_DEFAULT_API_BASE = 'https://dysmsapi.aliyuncs.com';
export const ALIYUN_DEFAULT_TEMPLATE_PARAM = 'content';
/** Template variables of Chinese SMS templates are limited in length; 35 fits the common rule. */
export const ALIYUN_DEFAULT_PARAM_MAX_CHARS = 35;

export const ALIYUN_SMS_ENV = {
  ALIYUN_SMS_PUSH_SECRET:
    'Path secret (≥ 24 of A-Z a-z 0-9 _ -); push URL: SUQIU_PUBLIC_URL/webhooks/aliyun-sms/<secret>; enables the channel',
  ALIYUN_SMS_ALLOWED_IPS: 'Addresses allowed to push: comma-separated IPv4/IPv6 addresses and CIDR ranges; empty allows every address',
  ALIYUN_SMS_SIGN_NAME: '短信签名 of replies (SignName); when set, pushed messages answering another signature make no ticket',
  ALIYUN_SMS_DEST_CODES: 'Comma-separated dest_code (扩展码) values that are the hotline’s; when set, messages with others make no ticket',
  ALIYUN_ACCESS_KEY_ID: 'AccessKey ID for SendSms (a RAM user allowed dysms:SendSms only); replies need it',
  ALIYUN_ACCESS_KEY_SECRET: 'AccessKey secret of that key',
  ALIYUN_SMS_TEMPLATE_CODE: 'Approved template (SMS_…) of replies, with one variable that carries the text; replies need it',
  ALIYUN_SMS_TEMPLATE_PARAM: `Name of that variable (default ${ALIYUN_DEFAULT_TEMPLATE_PARAM})`,
  ALIYUN_SMS_PARAM_MAX_CHARS: `Longest value of the variable (default ${ALIYUN_DEFAULT_PARAM_MAX_CHARS}); longer replies go as "(1/3)…" parts`,
  ALIYUN_SMS_API_BASE: `SendSms endpoint (default ${ALIYUN_DEFAULT_API_BASE})`,
} as const;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export const aliyunSmsConfigSchema = z
  .object({
    pushSecret: z
      .string()
      .regex(/^[A-Za-z0-9_-]{24,128}$/, 'must be 24–128 characters of A-Z a-z 0-9 _ - (e.g. `openssl rand -base64 32 | tr +/ -_`)')
      .describe('The unguessable last path segment of the push URL: Aliyun signs nothing, so it is what authenticates a push'),
    allowedIps: z
      .array(z.string().refine(isAllowlistEntry, { message: 'must be an IPv4/IPv6 address or CIDR range' }))
      .describe('Addresses Aliyun pushes from; empty: any'),
    signName: z.string().min(1).max(50).optional().describe('短信签名: SignName of replies, and the sign_name pushes must answer'),
    destCodes: z.array(z.string().regex(/^\d{1,20}$/, 'must be digits')).describe('dest_code values that are the hotline’s; empty: any'),
    accessKeyId: z.string().min(1).optional().describe('AccessKey ID of SendSms'),
    accessKeySecret: z.string().min(1).optional().describe('AccessKey secret of SendSms'),
    templateCode: z
      .string()
      .regex(/^SMS_\d+$/, 'must be an approved template code like SMS_123456789')
      .optional()
      .describe('Template of replies'),
    templateParam: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,49}$/, 'must be a template variable name')
      .describe('The template variable that carries the text'),
    paramMaxChars: z.number().int().min(20).max(500).describe('Longest value of that variable per SMS'),
    apiBase: z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ''))
      .describe('SendSms endpoint; tests point it at a fake on loopback'),
    timeoutMs: z.number().int().positive().default(10_000).describe('SendSms request timeout'),
  })
  .strict()
  .refine((c) => Boolean(c.accessKeyId) === Boolean(c.accessKeySecret), {
    message: 'ALIYUN_ACCESS_KEY_ID and ALIYUN_ACCESS_KEY_SECRET go together',
    path: ['accessKeySecret'],
  })
  .refine((c) => !c.templateCode || (c.accessKeyId && c.signName), {
    message: 'a reply template needs ALIYUN_ACCESS_KEY_ID/SECRET and ALIYUN_SMS_SIGN_NAME',
    path: ['templateCode'],
  });

export type AliyunSmsConfig = z.infer<typeof aliyunSmsConfigSchema>;

/** Disabled unless ALIYUN_SMS_PUSH_SECRET is set; a bad value of any variable then stops the start. */
export function aliyunSmsFromEnv(env: Env): unknown {
  const pushSecret = optional(env, 'ALIYUN_SMS_PUSH_SECRET');
  if (!pushSecret) return undefined;
  const maxChars = optional(env, 'ALIYUN_SMS_PARAM_MAX_CHARS');
  return {
    pushSecret,
    allowedIps: list(optional(env, 'ALIYUN_SMS_ALLOWED_IPS')),
    signName: optional(env, 'ALIYUN_SMS_SIGN_NAME'),
    destCodes: list(optional(env, 'ALIYUN_SMS_DEST_CODES')),
    accessKeyId: optional(env, 'ALIYUN_ACCESS_KEY_ID'),
    accessKeySecret: optional(env, 'ALIYUN_ACCESS_KEY_SECRET'),
    templateCode: optional(env, 'ALIYUN_SMS_TEMPLATE_CODE'),
    templateParam: optional(env, 'ALIYUN_SMS_TEMPLATE_PARAM') ?? ALIYUN_DEFAULT_TEMPLATE_PARAM,
    paramMaxChars: maxChars === undefined ? ALIYUN_DEFAULT_PARAM_MAX_CHARS : /^\d+$/.test(maxChars) ? Number(maxChars) : maxChars,
    apiBase: optional(env, 'ALIYUN_SMS_API_BASE') ?? ALIYUN_DEFAULT_API_BASE,
  };
}

/** Text SMS; replies to another signature or extension code arrive as events (stored, no ticket). */
export const ALIYUN_SMS_MESSAGE_KINDS = ['text', 'event'] as const;
