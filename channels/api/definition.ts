/** The API channel: phone-call transcripts, grid workers' apps and other systems post messages as JSON. */
import { z } from 'zod';

export const apiChannelConfigSchema = z
  .object({
    callbackUrl: z.url().optional().describe('Replies to citizens are POSTed here as JSON; unset means callers poll the message'),
    callbackSecret: z.string().min(16).optional().describe('Signs callback bodies (HMAC-SHA256 in X-Suqiu-Signature)'),
    timeoutMs: z.number().int().positive().default(5_000).describe('Callback request timeout'),
  })
  .refine((c) => !c.callbackUrl || c.callbackSecret, { message: 'callbackSecret is required with callbackUrl', path: ['callbackSecret'] });

export type ApiChannelConfig = z.infer<typeof apiChannelConfigSchema>;

export const API_MESSAGE_KINDS = ['text'] as const;

export const API_CHANNEL_ENV = {
  SUQIU_API_CALLBACK_URL: 'Where replies to API-channel citizens are POSTed; unset: callers read GET /api/v1/intake/messages/:id',
  SUQIU_API_CALLBACK_SECRET: 'Signs those callbacks (X-Suqiu-Signature: t=…,v1=HMAC-SHA256 of "t.body"); required with the URL',
} as const;
