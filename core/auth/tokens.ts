/** Random bearer secrets (sessions, API keys) and the HMAC-signed web-chat session tokens. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** `prefix_` + 32 random bytes; the prefix tells a leaked secret's kind at a glance. */
export function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Only this digest is stored: a database leak does not leak usable tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A stateless token naming one web-chat session: `wc1.<sessionId>.<expiresAtMs>.<signature>`. */
export function signSessionToken(secret: string, sessionId: string, expiresAt: Date): string {
  const body = `wc1.${sessionId}.${expiresAt.getTime()}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export function verifySessionToken(secret: string, token: string, now: Date): { sessionId: string } | undefined {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'wc1') return undefined;
  const [, sessionId = '', expires = '', signature = ''] = parts;
  const expected = createHmac('sha256', secret).update(`wc1.${sessionId}.${expires}`).digest('base64url');
  if (!constantTimeEqual(signature, expected)) return undefined;
  if (!/^\d+$/.test(expires) || Number(expires) <= now.getTime()) return undefined;
  return { sessionId };
}
