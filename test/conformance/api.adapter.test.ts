/** The API channel against the adapter conformance suite. */
import { createHmac, randomUUID } from 'node:crypto';

import { afterAll, describe, expect } from 'vitest';

import { ApiChannelAdapter } from '../../channels/api/index.js';
import { apiBody, apiRequest } from '../fixtures/api/requests.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-http-server.js';
import { runAdapterConformance } from './channel-adapter.suite.js';

const servers: FakeServer[] = [];
afterAll(async () => Promise.all(servers.map((server) => server.close())));

describe('api channel', () => {
  runAdapterConformance(async () => {
    const callback = await startFakeServer();
    servers.push(callback);
    const secret = 'callback-secret-0123456789';
    const adapter = new ApiChannelAdapter(
      { callbackUrl: `${callback.url}/suqiu-replies`, callbackSecret: secret, timeoutMs: 2_000 },
      fetch,
    );
    const body = apiBody();
    return {
      name: 'api',
      adapter,
      valid: () => apiRequest(apiBody()),
      redeliver: (req) => ({ ...req, receivedAt: new Date(req.receivedAt.getTime() + 5_000) }),
      tamper: (req) => ({ ...req, principal: undefined }),
      malformed: [
        { description: 'no text', request: () => apiRequest({ ...body, text: undefined }) },
        { description: 'empty text', request: () => apiRequest({ ...body, text: '   ' }) },
        { description: 'citizen is a string', request: () => apiRequest({ ...body, citizen: 'x' }) },
        { description: 'unknown field', request: () => apiRequest({ ...body, txt: 'typo' }) },
        { description: 'lat without lng', request: () => apiRequest({ ...body, location: { lat: 30 } }) },
        { description: 'not an object', request: () => apiRequest('just text') },
        { description: 'attachment not base64', request: () => apiRequest({ ...body, attachments: [{ data: '***', mime: 'image/png' }] }) },
      ],
      expected: {
        channel: 'api',
        kind: 'text',
        text: body.text,
        location: expect.objectContaining({ lat: 31.2304, lng: 121.4737, datum: 'WGS84' }),
      },
      reply: {
        purpose: 'reply',
        messageId: randomUUID(),
        channel: 'api',
        channelUserId: 'call-centre:caller-9',
        text: '您的诉求已受理',
        ticket: { id: randomUUID(), number: '20261121-000001', status: 'ACCEPTED' },
      },
      delivered: async () => {
        const request = callback.requests.at(-1)!;
        expect(request.url).toBe('/suqiu-replies');
        const payload = JSON.parse(request.body) as { citizenId: string; text: string; ticket: { number: string } };
        expect(payload).toMatchObject({ citizenId: 'caller-9', text: '您的诉求已受理', ticket: { number: '20261121-000001' } });
        const [t, v1] = String(request.headers['x-suqiu-signature'])
          .split(',')
          .map((part) => part.split('=')[1]);
        expect(v1).toBe(createHmac('sha256', secret).update(`${t}.${request.body}`).digest('hex'));
      },
    };
  });
});
