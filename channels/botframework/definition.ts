/**
 * Microsoft Bot Framework (DOMAIN.md §11.5): Web Chat / Direct Line, Teams and the other Azure Bot
 * Service channels POST Activities to `/api/messages` with a signed JWT; replies go out proactively
 * to the stored ConversationReference. Built on botbuilder 4.23, which Microsoft archived: every
 * import of botbuilder stays in this folder so the Microsoft 365 Agents SDK can replace it here alone.
 */
import { z } from 'zod';

import { optional, type Env } from '../definition.js';

export const BOTFRAMEWORK_ENV = {
  MICROSOFT_APP_ID: 'Azure Bot app (client) id; enables the Bot Framework channel with JWT authentication',
  MICROSOFT_APP_PASSWORD: 'Client secret of that app (replies need a token); required with the app id',
  MICROSOFT_APP_TYPE: 'MultiTenant (default) or SingleTenant (then MICROSOFT_APP_TENANT_ID is required)',
  MICROSOFT_APP_TENANT_ID: 'Entra tenant id of a SingleTenant app',
  BOTFRAMEWORK_ALLOW_UNAUTHENTICATED:
    'true enables the channel WITHOUT an app id and without authentication, for the local Emulator and tests only — never in production',
  BOTFRAMEWORK_OPENID_METADATA_URL:
    'OpenID metadata of channel tokens (default https://login.botframework.com/v1/.well-known/openidconfiguration)',
  BOTFRAMEWORK_LOGIN_URL:
    'Authority replies get their token from, at <url>/oauth2/v2.0/token (default https://login.microsoftonline.com/botframework.com, or …/<tenant> for SingleTenant)',
} as const;

export const BOTFRAMEWORK_MESSAGE_KINDS = ['text', 'image', 'voice', 'video', 'location', 'event'] as const;

export const DEFAULT_OPENID_METADATA_URL = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
const LOGIN_HOST = 'https://login.microsoftonline.com';

export const botFrameworkConfigSchema = z
  .object({
    appId: z.string().trim().min(1).max(100).optional().describe('Microsoft App ID: the audience of channel tokens'),
    appPassword: z.string().min(1).optional().describe('Client secret for the outbound token'),
    appType: z
      .enum(['MultiTenant', 'SingleTenant'], { error: 'must be MultiTenant or SingleTenant (UserAssignedMSI is not supported)' })
      .default('MultiTenant'),
    tenantId: z
      .string()
      .regex(/^[A-Za-z0-9.-]{1,100}$/, 'must be a tenant id or domain')
      .optional(),
    allowUnauthenticated: z.boolean().default(false).describe('Emulator/test mode: no JWT, no outbound token'),
    openIdMetadataUrl: z.url({ protocol: /^https?$/ }).default(DEFAULT_OPENID_METADATA_URL),
    loginUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('Token authority; derived from the app type when unset'),
    timeoutMs: z.number().int().positive().default(30_000).describe('Timeout of one connector or download call'),
  })
  .strict()
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (c.appId && c.allowUnauthenticated)
      issue('allowUnauthenticated', 'BOTFRAMEWORK_ALLOW_UNAUTHENTICATED cannot be combined with MICROSOFT_APP_ID');
    if (!c.appId && !c.allowUnauthenticated)
      issue('appId', 'MICROSOFT_APP_ID is required (or BOTFRAMEWORK_ALLOW_UNAUTHENTICATED=true for the Emulator)');
    if (c.appId && !c.appPassword) issue('appPassword', 'MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID');
    if (c.appType === 'SingleTenant' && !c.tenantId) issue('tenantId', 'MICROSOFT_APP_TENANT_ID is required for a SingleTenant app');
  });

export type BotFrameworkConfig = z.infer<typeof botFrameworkConfigSchema>;

/** Enabled by an app id, or explicitly without one; neither leaves the channel off. */
export function botFrameworkFromEnv(env: Env): unknown {
  const appId = optional(env, 'MICROSOFT_APP_ID');
  const unauthenticated = optional(env, 'BOTFRAMEWORK_ALLOW_UNAUTHENTICATED')?.toLowerCase();
  // A value other than true/false reaches the schema and stops the start with its name.
  if (appId === undefined && (unauthenticated === undefined || unauthenticated === 'false')) return undefined;
  return {
    appId,
    appPassword: optional(env, 'MICROSOFT_APP_PASSWORD'),
    appType: optional(env, 'MICROSOFT_APP_TYPE'),
    tenantId: optional(env, 'MICROSOFT_APP_TENANT_ID'),
    allowUnauthenticated:
      unauthenticated === undefined || unauthenticated === 'false' ? false : unauthenticated === 'true' ? true : unauthenticated,
    openIdMetadataUrl: optional(env, 'BOTFRAMEWORK_OPENID_METADATA_URL'),
    loginUrl: optional(env, 'BOTFRAMEWORK_LOGIN_URL'),
  };
}

/** Multi-tenant bots get tokens from the botframework.com tenant, single-tenant ones from their own. */
export function loginUrlOf(config: BotFrameworkConfig): string {
  const url = config.loginUrl ?? `${LOGIN_HOST}/${config.appType === 'SingleTenant' ? config.tenantId : 'botframework.com'}`;
  return url.replace(/\/+$/, '');
}
