/** Users, sessions and API keys: minimal but real. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { createAgent } from '../helpers/actors.js';
import { BOOTSTRAP_TOKEN, startTestApp, type TestApp } from '../helpers/backend.js';
import { http } from '../helpers/http.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('auth', () => {
  test('when the bootstrap token creates an API key, then the key is shown once and only its hash is stored', async () => {
    const response = await http(`${app.url}/api/v1/api-keys`, {
      body: { name: 'Call centre', source: 'call-centre' },
      token: BOOTSTRAP_TOKEN,
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ key: expect.stringMatching(/^sqk_/), source: 'call-centre' });
    const stored = await app.db.prisma.apiKey.findUniqueOrThrow({ where: { id: response.body.id } });
    expect(JSON.stringify(stored)).not.toContain(response.body.key);
    const listed = await http(`${app.url}/api/v1/api-keys`, { token: BOOTSTRAP_TOKEN });
    expect(JSON.stringify(listed.body)).not.toContain(response.body.key);
  });

  test('when an API key is revoked, then it stops working', async () => {
    const created = await http(`${app.url}/api/v1/api-keys`, { body: { name: 'temp' }, token: BOOTSTRAP_TOKEN });
    const revoke = await http(`${app.url}/api/v1/api-keys/${created.body.id}`, { method: 'DELETE', token: BOOTSTRAP_TOKEN });
    expect(revoke.status).toBe(204);
    const use = await http(`${app.url}/api/v1/intake/messages/00000000-0000-4000-8000-000000000000`, { token: created.body.key });
    expect(use.status).toBe(401);
  });

  test('when an agent logs in, then the cookie session works for the console and logout ends it', async () => {
    const { username, password } = await createAgent(app.url);
    const login = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/suqiu_session=sqs_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = cookie.split(';')[0]!;
    const me = await http(`${app.url}/api/v1/auth/me`, { headers: { cookie: session } });
    expect(me.body.user).toMatchObject({ username, role: 'AGENT' });
    await http(`${app.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie: session } });
    expect((await http(`${app.url}/api/v1/auth/me`, { headers: { cookie: session } })).status).toBe(401);
  });

  test('when a cookie-authenticated write comes from another site, then 403', async () => {
    const { username, password } = await createAgent(app.url);
    const login = await http(`${app.url}/api/v1/auth/login`, { body: { username, password } });
    const cookie = `suqiu_session=${login.body.token}`;
    const response = await http(`${app.url}/api/v1/tickets/00000000-0000-4000-8000-000000000000/review`, {
      body: {},
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });

  test.each([
    { description: 'a wrong password', body: (u: string) => ({ username: u, password: 'wrong-password-123' }) },
    { description: 'an unknown user', body: () => ({ username: 'nobody', password: 'wrong-password-123' }) },
  ])('when someone logs in with $description, then 401 with the same message', async ({ body }) => {
    const { username } = await createAgent(app.url);
    const response = await http(`${app.url}/api/v1/auth/login`, { body: body(username) });
    expect(response.status).toBe(401);
    expect(response.body.error.message).toBe('wrong username or password');
  });

  test('when an agent tries admin work, then 403; without credentials, 401', async () => {
    const agent = await createAgent(app.url);
    expect(
      (
        await http(`${app.url}/api/v1/users`, {
          body: { username: 'x-user', password: 'long-enough-password', role: 'ADMIN' },
          token: agent.token,
        })
      ).status,
    ).toBe(403);
    expect((await http(`${app.url}/api/v1/users`, { body: {} })).status).toBe(401);
  });

  test.each([
    { description: 'a short password', body: { username: 'shorty', password: 'short', role: 'AGENT' }, status: 400 },
    { description: 'an unknown role', body: { username: 'roley', password: 'long-enough-password', role: 'KING' }, status: 400 },
    { description: 'an existing username', body: { username: 'dupe', password: 'long-enough-password', role: 'AGENT' }, status: 409 },
  ])('when a user is created with $description, then $status', async ({ body, status }) => {
    if (status === 409) await http(`${app.url}/api/v1/users`, { body, token: BOOTSTRAP_TOKEN });
    const response = await http(`${app.url}/api/v1/users`, { body, token: BOOTSTRAP_TOKEN });
    expect(response.status).toBe(status);
    expect(response.body.error.message).toBeTruthy();
  });

  test('when passwords are stored, then they are scrypt hashes', async () => {
    const { username, password } = await createAgent(app.url);
    const user = await app.db.prisma.user.findUniqueOrThrow({ where: { username } });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain(password);
  });
});
