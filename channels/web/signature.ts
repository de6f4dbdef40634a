/** Session tokens are HMAC-signed and checked without I/O, in constant time (core/auth/tokens.ts). */
import { verifySessionToken } from '../../core/auth/tokens.js';

export function bearerToken(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

export function sessionFromHeaders(
  secret: string,
  headers: Readonly<Record<string, string | undefined>>,
  now: Date,
): { sessionId: string } | undefined {
  const token = bearerToken(headers);
  return token ? verifySessionToken(secret, token, now) : undefined;
}
