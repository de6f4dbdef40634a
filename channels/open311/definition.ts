/**
 * Open311 GeoReport v2 (DOMAIN.md §11.6): city apps and partner systems file requests with a suqiu
 * API key and read their status back. Requests are `batch` services: the POST answers a token at
 * once, the ticket number follows through `GET tokens/{token}`.
 */
import { z } from 'zod';

import { optional, type Env, type SharedSettings } from '../definition.js';

export const OPEN311_ENV = {
  OPEN311_ENABLED: 'true enables the Open311 GeoReport v2 endpoint under /open311/v2 (POST needs a suqiu API key as api_key)',
  OPEN311_JURISDICTION_ID: 'This endpoint\'s jurisdiction_id (e.g. "hotline.example.gov.cn"); a request naming another one gets 404',
  OPEN311_CONTACT: 'Contact text shown in discovery.json (who runs the endpoint, how to reach them)',
  OPEN311_SERVICE_NOTICE: 'service_notice returned with every accepted POST requests',
} as const;

export const DEFAULT_CONTACT = '12345政务服务便民热线';
export const DEFAULT_SERVICE_NOTICE = '您的诉求已收到，正在登记受理；工单编号可通过 GET tokens/{token} 查询。';

export const open311ConfigSchema = z
  .object({
    enabled: z.literal(true, { error: 'OPEN311_ENABLED must be "true" or "false"' }),
    jurisdictionId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, ".", "_" and "-" only (a domain name is usual)')
      .optional()
      .describe('Single-jurisdiction endpoint: absent jurisdiction_id is accepted, another one is 404'),
    contact: z.string().min(1).max(500).describe('discovery.contact'),
    serviceNotice: z.string().min(1).max(1_000).describe('service_notice of the POST answer'),
    publicUrl: z.url().optional().describe('SUQIU_PUBLIC_URL: base of the endpoint URL in discovery (else the request host)'),
  })
  .strict();

export type Open311Config = z.infer<typeof open311ConfigSchema>;

/** Only `OPEN311_ENABLED=true` turns the channel on; any other value than true/false stops the start. */
export function open311FromEnv(env: Env, shared: SharedSettings): unknown {
  const enabled = optional(env, 'OPEN311_ENABLED')?.toLowerCase();
  if (enabled === undefined || enabled === 'false') return undefined;
  return {
    enabled: enabled === 'true' ? true : enabled,
    jurisdictionId: optional(env, 'OPEN311_JURISDICTION_ID'),
    contact: optional(env, 'OPEN311_CONTACT') ?? DEFAULT_CONTACT,
    serviceNotice: optional(env, 'OPEN311_SERVICE_NOTICE') ?? DEFAULT_SERVICE_NOTICE,
    publicUrl: shared.publicUrl,
  };
}

/** Every request carries a description (suqiu requires it), so every message is text; a media_url rides along. */
export const OPEN311_MESSAGE_KINDS = ['text'] as const;

export const SPECIFICATION_URL = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint's behaviour last changed (discovery `changeset`); bump it with the code. */
export const CHANGESET = '2026-11-21T00:00:00Z';
export const BASE_PATH = '/open311/v2';
