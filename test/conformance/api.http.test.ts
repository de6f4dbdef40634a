import { randomUUID } from 'node:crypto';

import { expect } from 'vitest';

import { apiMessage, createApiKey } from '../helpers/actors.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-http-server.js';
import { waitFor } from '../helpers/http.js';
import { runHttpConformance, type Delivery } from './channel-http.suite.js';

let receiver: FakeServer;
let key: string | undefined;
const json = (body: unknown, token: string): Delivery => ({
  path: '/api/v1/intake/messages',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
});

runHttpConformance(() => ({
  channel: 'api',
  deadlineMs: 5_000,
  env: async () => {
    receiver = await startFakeServer();
    return { SUQIU_API_CALLBACK_URL: `${receiver.url}/replies`, SUQIU_API_CALLBACK_SECRET: 'callback-secret-0123456789' };
  },
  valid: async (app) => json(apiMessage({ externalId: randomUUID() }), (key ??= await createApiKey(app.url))),
  tamper: (delivery) => ({ ...delivery, headers: { ...delivery.headers, authorization: 'Bearer sqk_forged' } }),
  malformed: async (app) => {
    const token = (key ??= await createApiKey(app.url));
    return [
      json({ externalId: 'x', citizen: { id: '1' } }, token),
      json({ externalId: 1, citizen: { id: '1' }, text: 'x' }, token),
      json({ text: 'only text' }, token),
    ];
  },
  okStatus: [200, 202],
  rejectStatus: 401,
  expectReply: async (number) => {
    const request = await waitFor(() => receiver.requests.find((r) => r.body.includes(number)), 15_000, 'the callback');
    expect(JSON.parse(request.body)).toMatchObject({ type: 'reply', ticket: { number } });
  },
  teardown: () => receiver.close(),
}));
