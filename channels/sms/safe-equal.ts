import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time equality of two secrets that may differ in length: both sides are hashed first, so
 * neither the content nor the length of the expected value leaks through timing.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}
