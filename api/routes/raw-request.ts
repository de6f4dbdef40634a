import type { Request } from 'express';

import type { RawRequest } from '../../channels/types.js';

/**
 * The request as a channel adapter sees it (already read; see channels/types.ts). `publicUrl` is
 * the URL the vendor called: behind a proxy it comes from SUQIU_PUBLIC_URL, never from headers a
 * client could forge.
 */
export function toRawRequest(req: Request, publicBaseUrl: string | undefined): RawRequest {
  const query: Record<string, string | undefined> = {};
  // Vendors sign flat query strings; a repeated or nested parameter keeps its first plain value.
  for (const [key, value] of Object.entries(req.query as Record<string, unknown>)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    query[key] = typeof first === 'string' ? first : undefined;
  }
  const headers: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.headers)) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  const params: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.params as Record<string, unknown>))
    params[key] = typeof value === 'string' ? value : undefined;
  const rawBody = req.rawBody ?? (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  const base = publicBaseUrl ? publicBaseUrl.replace(/\/+$/, '') : `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  return {
    method: req.method,
    url: req.originalUrl,
    publicUrl: `${base}${req.originalUrl}`,
    headers,
    query,
    params,
    rawBody,
    body: Buffer.isBuffer(req.body) ? undefined : (req.body as unknown),
    principal: req.principal,
    remoteAddress: req.ip,
    receivedAt: new Date(),
  };
}
