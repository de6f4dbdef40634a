/** The people of a test: an admin (bootstrap token), an agent with a session, a calling system with an API key. */
import { randomBytes } from 'node:crypto';

import { expect } from 'vitest';

import { BOOTSTRAP_TOKEN } from './backend.js';
import { http } from './http.js';

export async function createApiKey(url: string, source = 'call-centre'): Promise<string> {
  const response = await http(`${url}/api/v1/api-keys`, { body: { name: `test ${source}`, source }, token: BOOTSTRAP_TOKEN });
  expect(response.status).toBe(201);
  return response.body.key as string;
}

export async function createAgent(
  url: string,
  role: 'AGENT' | 'ADMIN' = 'AGENT',
): Promise<{ username: string; password: string; token: string }> {
  const username = `agent-${randomBytes(3).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  const created = await http(`${url}/api/v1/users`, { body: { username, password, role }, token: BOOTSTRAP_TOKEN });
  expect(created.status).toBe(201);
  const login = await http(`${url}/api/v1/auth/login`, { body: { username, password } });
  expect(login.status).toBe(200);
  return { username, password, token: login.body.token as string };
}

let counter = 0;
/** A valid API-channel message; each call gets a new externalId unless one is given. */
export function apiMessage(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    externalId: `call-${Date.now()}-${counter}`,
    citizen: { id: '13800000001', name: '李女士', phone: '13800000001' },
    text: '我们小区门口的路灯已经坏了一个星期了，晚上一片漆黑，老人出门很不安全，请尽快派人维修。',
    ...overrides,
  };
}
