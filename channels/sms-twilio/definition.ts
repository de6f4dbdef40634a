/**
 * Twilio Programmable Messaging (DOMAIN.md §11.2): citizens text a Twilio number (SMS, MMS or
 * WhatsApp); Twilio POSTs each message to /webhooks/twilio, signed with the account's auth token;
 * replies go out through Twilio's REST API.
 */
import { z } from 'zod';

import { optional, type Env } from '../definition.js';

export const TWILIO_WEBHOOK_PATH = '/webhooks/twilio';
export const TWILIO_DEFAULT_API_BASE = 'https://api.twilio.com';
/** Twilio concatenates a Body of up to 1600 characters into one message on the phone. */
export const TWILIO_MAX_BODY = 1_600;

export const TWILIO_ENV = {
  TWILIO_ACCOUNT_SID: 'Account SID (AC…); enables the Twilio SMS channel, and webhooks must carry this AccountSid',
  TWILIO_AUTH_TOKEN: 'Primary auth token: checks X-Twilio-Signature and authenticates REST calls and media downloads',
  TWILIO_FROM: 'Sender of replies (E.164 number such as +14155550100, or whatsapp:+…); replies need this or the service below',
  TWILIO_MESSAGING_SERVICE_SID: 'Messaging Service (MG…) that sends replies; takes precedence over TWILIO_FROM',
  TWILIO_API_BASE: `Twilio REST base URL (default ${TWILIO_DEFAULT_API_BASE}); only its host (and *.twilio.com) receives the credentials`,
  TWILIO_WEBHOOK_URL: `The webhook URL exactly as entered at Twilio, without query (default SUQIU_PUBLIC_URL + ${TWILIO_WEBHOOK_PATH})`,
} as const;

const E164 = /^\+[1-9]\d{5,14}$/;

export const twilioConfigSchema = z
  .object({
    accountSid: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits')
      .describe('The account whose webhooks are accepted and whose REST API sends replies'),
    authToken: z.string().min(16, 'must be the account auth token (32 characters)').describe('Signs webhooks; REST password'),
    from: z
      .string()
      .refine((value) => E164.test(value.replace(/^whatsapp:/, '')) || /^[A-Za-z0-9 ]{1,11}$/.test(value), {
        message: 'must be an E.164 number (+14155550100), whatsapp:+…, or an alphanumeric sender id',
      })
      .optional()
      .describe('Sender of replies when no Messaging Service is set and the citizen wrote to no other of our numbers'),
    messagingServiceSid: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'must be MG followed by 32 hex digits')
      .optional()
      .describe('Messaging Service that picks the sender of replies'),
    apiBase: z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ''))
      .describe('REST API base URL; tests point it at a fake on loopback'),
    webhookUrl: z
      .url({ protocol: /^https?$/ })
      .refine((url) => !/[?#]/.test(url), { message: 'give scheme, host, port and path only: the query is taken from each request' })
      .optional()
      .describe('The public URL Twilio signs, when SUQIU_PUBLIC_URL + path is not it (a proxy rewriting paths)'),
    timeoutMs: z.number().int().positive().default(10_000).describe('REST and media request timeout'),
  })
  .strict();

export type TwilioConfig = z.infer<typeof twilioConfigSchema>;

/** Disabled unless TWILIO_ACCOUNT_SID is set; the rest is then checked by the schema at boot. */
export function twilioFromEnv(env: Env): unknown {
  const accountSid = optional(env, 'TWILIO_ACCOUNT_SID');
  if (!accountSid) return undefined;
  return {
    accountSid,
    authToken: optional(env, 'TWILIO_AUTH_TOKEN'),
    from: optional(env, 'TWILIO_FROM'),
    messagingServiceSid: optional(env, 'TWILIO_MESSAGING_SERVICE_SID'),
    apiBase: optional(env, 'TWILIO_API_BASE') ?? TWILIO_DEFAULT_API_BASE,
    webhookUrl: optional(env, 'TWILIO_WEBHOOK_URL'),
  };
}

/** SMS and MMS text, photos, voice notes and videos, WhatsApp locations; opt-outs and status callbacks as events. */
export const TWILIO_MESSAGE_KINDS = ['text', 'image', 'voice', 'video', 'location', 'event'] as const;
