/** Exponential backoff with a cap: 1 s, 2 s, 4 s … up to 5 minutes for the default base. */
export function backoffDelay(attemptsMade: number, baseMs: number, capMs = 300_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
}
