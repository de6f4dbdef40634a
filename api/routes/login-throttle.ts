import { InvalidDataError } from '../../core/errors/index.js';

/** Slows password guessing: after 10 failures for one username from one address, 15 minutes of refusals. */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  public check(key: string, now = Date.now()): void {
    const entry = this.failures.get(key);
    if (entry && entry.count >= this.maxFailures && entry.until > now) {
      throw new InvalidDataError('too many failed logins; try again later', { code: 'RATE_LIMITED' });
    }
  }

  public fail(key: string, now = Date.now()): void {
    const entry = this.failures.get(key);
    const fresh = !entry || entry.until <= now;
    this.failures.set(key, { count: fresh ? 1 : entry.count + 1, until: now + this.windowMs });
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  public reset(key: string): void {
    this.failures.delete(key);
  }
}
