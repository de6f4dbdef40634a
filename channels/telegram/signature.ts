/**
 * Telegram signs nothing: it sends back the `secret_token` given to setWebhook in
 * `X-Telegram-Bot-Api-Secret-Token` (DOMAIN.md §11.4). Comparing SHA-256 digests with
 * timingSafeEqual keeps the comparison constant-time without leaking the secret's length.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export function verifySecretToken(headers: Readonly<Record<string, string | undefined>>, secret: string): boolean {
  const given = headers[SECRET_HEADER];
  if (given === undefined || given === '') return false;
  return timingSafeEqual(digest(given), digest(secret));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
