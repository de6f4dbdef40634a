import { describe, expect, test } from 'vitest';

import { hashPassword, verifyPassword } from '../../core/auth/passwords.js';
import { constantTimeEqual, hashToken, randomToken, signSessionToken, verifySessionToken } from '../../core/auth/tokens.js';

const SECRET = 'x'.repeat(40);

describe('passwords', () => {
  test('when the right password is given, then it verifies; a wrong one does not', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterx', stored)).toBe(false);
  });

  test('when the same password is hashed twice, then the salts differ', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  test('when the stored hash is malformed, then nothing verifies', async () => {
    expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
  });
});

describe('tokens', () => {
  test('when a token is created, then it has its prefix and its hash is stable', () => {
    const token = randomToken('sqk');
    expect(token).toMatch(/^sqk_[A-Za-z0-9_-]{43}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(constantTimeEqual(token, token)).toBe(true);
    expect(constantTimeEqual(token, `${token}x`)).toBe(false);
  });

  const now = new Date('2026-11-21T08:00:00Z');
  const token = signSessionToken(SECRET, 'session-1', new Date(now.getTime() + 60_000));

  test.each([
    { description: 'it is intact and fresh', token, at: now, expects: { sessionId: 'session-1' } },
    { description: 'it has expired', token, at: new Date(now.getTime() + 61_000), expects: undefined },
    { description: 'the session id was changed', token: token.replace('session-1', 'session-2'), at: now, expects: undefined },
    {
      description: 'the expiry was extended',
      token: token.replace(/\.(\d+)\./, (_, ms: string) => `.${Number(ms) + 1}.`),
      at: now,
      expects: undefined,
    },
    {
      description: 'it is signed with another secret',
      token: signSessionToken('y'.repeat(40), 'session-1', new Date(now.getTime() + 60_000)),
      at: now,
      expects: undefined,
    },
    { description: 'it is garbage', token: 'wc1.nonsense', at: now, expects: undefined },
  ])('when a web-chat token is checked and $description, then the result is $expects', ({ token: candidate, at, expects }) => {
    expect(verifySessionToken(SECRET, candidate, at)).toEqual(expects);
  });
});
