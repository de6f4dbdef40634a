/** suqiu's own web chat (DOMAIN.md §11.7): a page served by suqiu, authenticated by signed session tokens. */
import { z } from 'zod';

export const webChannelConfigSchema = z.object({
  secret: z.string().min(32).describe('HMAC key of session tokens'),
  tokenTtlMs: z.number().int().positive().describe('Lifetime of a session token'),
});

export type WebChannelConfig = z.infer<typeof webChannelConfigSchema>;

export const WEB_MESSAGE_KINDS = ['text', 'image', 'location'] as const;
