/**
 * The API channel is authenticated by an API key the HTTP layer resolves before the adapter runs;
 * `verify` only checks that this happened. Callbacks carry an HMAC so receivers can trust them.
 */
import { createHmac } from 'node:crypto';

import type { RawRequest } from '../types.js';

export function verifyApiRequest(req: RawRequest): boolean {
  return req.principal?.kind === 'apiKey';
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the scheme Stripe-style receivers know. */
export function signCallback(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}
