/**
 * What both SMS vendors share: a provider sends one text to one number (Novu's SMS provider shape),
 * and a reply longer than one vendor message goes out as several, in order.
 */
import { InvalidDataError } from '../../core/errors/index.js';

/** One vendor message to one recipient; throws (UpstreamError) when the vendor refuses it, so the queue retries. */
export interface SmsSender {
  send(to: string, text: string): Promise<{ externalId: string }>;
}

/** Separates the vendor ids of a reply sent in several parts (one outbound row, several SMS). */
export const EXTERNAL_ID_SEPARATOR = ',';

/**
 * Sends the parts one after another, so they leave in reading order. A part that fails throws and
 * the whole reply is retried: the parts sent before it are sent again — SMS vendors offer no
 * idempotency key to prevent that, and a repeated part is better than a lost one.
 */
export async function sendInParts(sender: SmsSender, to: string, parts: readonly string[]): Promise<{ externalId: string }> {
  if (parts.length === 0) throw new InvalidDataError('an SMS reply needs some text');
  const ids: string[] = [];
  for (const part of parts) ids.push((await sender.send(to, part)).externalId);
  return { externalId: ids.join(EXTERNAL_ID_SEPARATOR) };
}

/**
 * Vendor error messages often quote the recipient ("The 'To' number +86138… is not valid"); they
 * end up in the outbound row and in logs, so digit runs that could be phone numbers are masked.
 */
export function maskNumbers(text: string): string {
  return text.replace(/\+?\d[\d -]{5,}\d/g, '[number]');
}
