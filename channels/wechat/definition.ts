/**
 * WeChat Official Account / 服务号 (DOMAIN.md §11.1): WeChat POSTs each citizen message as XML to
 * /webhooks/wechat (plaintext, compatible or safe mode); replies go out through the customer-service
 * API within 48 h of the citizen's last message, later status notices as template messages.
 */
import { z } from 'zod';

import { optional, type Env } from '../definition.js';

export const WECHAT_WEBHOOK_PATH = '/webhooks/wechat';
export const WECHAT_DEFAULT_API_BASE = 'https://api.weixin.qq.com';

/** What a template notice field is filled with (WECHAT_TEMPLATE_FIELDS). */
export const TEMPLATE_SOURCES = ['number', 'status', 'time', 'summary'] as const;
export type TemplateSource = (typeof TEMPLATE_SOURCES)[number];

export const WECHAT_ENV = {
  WECHAT_APP_ID: 'AppID of the official account (wx…); enables the WeChat channel',
  WECHAT_APP_SECRET: 'AppSecret of the account: fetches the access_token for replies and media downloads',
  WECHAT_TOKEN: 'The Token entered under 服务器配置 (3–32 letters or digits): checks every webhook signature',
  WECHAT_ENCODING_AES_KEY: 'EncodingAESKey (43 characters) for safe/compatible mode; when set, unencrypted POSTs are refused',
  WECHAT_API_BASE: `WeChat API base URL (default ${WECHAT_DEFAULT_API_BASE}); tests point it at a fake`,
  WECHAT_TEMPLATE_ID: 'Template message id for later status notices (outside the 48-hour customer-service window)',
  WECHAT_TEMPLATE_FIELDS: 'Template keys and what fills them, e.g. character_string1:number,phrase3:status,time4:time,thing2:summary',
  WECHAT_TICKET_URL: 'Link of template notices, e.g. https://12345.example.gov.cn/ticket/{number} ({number} and {id} are filled in)',
} as const;

/** Template keyword names as WeChat's library gives them: `thing2`, `character_string1`, `time4` … */
const templateKey = z.string().regex(/^[a-z][a-z_]*\d*$/, 'must be a template keyword such as thing2 or character_string1');

const templateSchema = z
  .object({
    id: z
      .string({ error: 'WECHAT_TEMPLATE_ID is required with WECHAT_TEMPLATE_FIELDS' })
      .regex(/^[A-Za-z0-9_-]{10,128}$/, 'must be a template id as WeChat shows it')
      .describe('Template message id chosen in the account'),
    fields: z
      .array(z.object({ key: templateKey, source: z.enum(TEMPLATE_SOURCES) }).strict())
      .min(1, 'WECHAT_TEMPLATE_FIELDS must name at least one field, e.g. thing2:summary')
      .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, { message: 'a template key is named twice' })
      .describe('Which template keyword carries the ticket number, status, time or a summary of the notice'),
  })
  .strict();

/** `{number}` and `{id}` are filled in per ticket; the rest must already be a valid http(s) URL. */
const ticketUrl = z
  .string()
  .refine((url) => z.url({ protocol: /^https?$/ }).safeParse(url.replaceAll('{number}', 'n').replaceAll('{id}', 'i')).success, {
    message: 'must be an http(s) URL, optionally with {number} or {id}',
  });

export const wechatConfigSchema = z
  .object({
    appId: z
      .string()
      .regex(/^wx[0-9A-Za-z]{16}$/, 'must be the AppID (wx followed by 16 characters)')
      .describe('Account AppID; the tail of every decrypted message must equal it'),
    appSecret: z
      .string({ error: 'WECHAT_APP_SECRET is required' })
      .regex(/^[0-9A-Za-z]{16,64}$/, 'must be the AppSecret (32 characters)')
      .describe('Fetches the access_token'),
    token: z
      .string({ error: 'WECHAT_TOKEN is required' })
      .regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3–32 letters or digits, as entered at WeChat')
      .describe('Shared secret of the webhook signatures'),
    encodingAesKey: z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, 'must be exactly 43 letters or digits, as WeChat generates it')
      .optional()
      .describe('Base64 of the AES-256 key without its trailing "="; absent only in plaintext mode'),
    apiBase: z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ''))
      .describe('WeChat API base URL'),
    template: templateSchema.optional().describe('Template message for status notices; absent: only customer-service messages'),
    ticketUrl: ticketUrl.optional().describe('Link carried by template notices'),
    timeZone: z.string().default('Asia/Shanghai').describe('Time zone of the time shown in template notices'),
    timeoutMs: z.number().int().positive().default(10_000).describe('Timeout of each WeChat API call'),
  })
  .strict();

export type WeChatConfig = z.infer<typeof wechatConfigSchema>;

/** Disabled unless WECHAT_APP_ID is set; everything else is then checked by the schema at boot. */
export function wechatFromEnv(env: Env): unknown {
  const appId = optional(env, 'WECHAT_APP_ID');
  if (!appId) return undefined;
  const templateId = optional(env, 'WECHAT_TEMPLATE_ID');
  const fields = optional(env, 'WECHAT_TEMPLATE_FIELDS');
  return {
    appId,
    appSecret: optional(env, 'WECHAT_APP_SECRET'),
    token: optional(env, 'WECHAT_TOKEN'),
    encodingAesKey: optional(env, 'WECHAT_ENCODING_AES_KEY'),
    apiBase: optional(env, 'WECHAT_API_BASE') ?? WECHAT_DEFAULT_API_BASE,
    template: templateId || fields ? { id: templateId, fields: splitFieldSpec(fields ?? '') } : undefined,
    ticketUrl: optional(env, 'WECHAT_TICKET_URL'),
  };
}

/** `thing2:summary,time4:time` → `[{key:'thing2',source:'summary'},…]`; the schema then judges each pair. */
export function splitFieldSpec(spec: string): { key: string; source: string | undefined }[] {
  return spec
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const colon = pair.indexOf(':');
      return colon < 0 ? { key: pair, source: undefined } : { key: pair.slice(0, colon).trim(), source: pair.slice(colon + 1).trim() };
    });
}

/** Text, photos, voice (with WeChat's own transcript when enabled), video, locations, links; follows, menus and QR scans as events. */
export const WECHAT_MESSAGE_KINDS = ['text', 'image', 'voice', 'video', 'location', 'link', 'event'] as const;
