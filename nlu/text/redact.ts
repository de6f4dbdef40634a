/**
 * Masking for logs. pino's `redact` removes whole fields by path; free text (a message, an ASR
 * transcript, an error that quotes input) is more useful to whoever reads the log with its personal
 * data masked inside the string instead.
 */
import { detectPii } from './pii/detect.js';
import { applyMasks } from './pii/mask.js';
import { type MaskStyle } from './pii/types.js';

/**
 * `maskPersonalData('电话13812345678')` → `电话138****5678`.
 * @param style - `readable` (default) or `tag` (`电话<PHONE>`)
 */
export function maskPersonalData(text: string, style: MaskStyle = 'readable'): string {
  return applyMasks(text, detectPii(text), style);
}

/**
 * A pino `redact.censor`. pino calls one censor for every redacted path, and a token or a key has no
 * "personal data" for the detector to find: masking it would log it whole. So only string values under
 * `freeTextKeys` are masked; everything else becomes `[redacted]`, as with pino's default censor.
 * @param freeTextKeys - last path segments whose string values are masked rather than removed
 * @defaultValue `['text']`
 */
export function personalDataCensor(freeTextKeys: readonly string[] = ['text']): (value: unknown, path: readonly string[]) => unknown {
  const masked = new Set(freeTextKeys);
  return (value, path) => (typeof value === 'string' && masked.has(path.at(-1) ?? '') ? maskPersonalData(value) : '[redacted]');
}
