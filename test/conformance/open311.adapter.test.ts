/** The Open311 channel against the adapter conformance suite. */
import { randomUUID } from 'node:crypto';

import { afterAll, describe, expect } from 'vitest';

import { open311ConfigSchema } from '../../channels/open311/definition.js';
import { Open311Adapter } from '../../channels/open311/index.js';
import { encodeForm, open311Fields, open311Request, SERVICE_CODE } from '../fixtures/open311/requests.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-http-server.js';
import { runAdapterConformance } from './channel-adapter.suite.js';

const servers: FakeServer[] = [];
afterAll(async () => Promise.all(servers.map((server) => server.close())));

describe('open311 channel', () => {
  runAdapterConformance(async () => {
    // Open311 has no outbound transport; the fake proves that "sending" reaches nothing.
    const nowhere = await startFakeServer();
    servers.push(nowhere);
    const config = open311ConfigSchema.parse({ enabled: true, contact: '热线', serviceNotice: '已收到' });
    const adapter = new Open311Adapter(config, (code) => code === SERVICE_CODE);
    const fields = open311Fields();
    const form = (overrides: Record<string, string | undefined>) => open311Request(encodeForm(open311Fields(overrides)));
    return {
      name: 'open311',
      adapter,
      valid: () => open311Request(),
      // A client retrying its POST sends the same form again, later.
      redeliver: (req) => ({ ...req, receivedAt: new Date(req.receivedAt.getTime() + 30_000) }),
      tamper: (req) => ({ ...req, principal: undefined }),
      malformed: [
        { description: 'no description', request: () => form({ description: undefined }) },
        { description: 'no location', request: () => form({ lat: undefined, long: undefined, address_string: undefined }) },
        { description: 'no service_code', request: () => form({ service_code: undefined }) },
        { description: 'HTML in the description', request: () => form({ description: '<b>路灯</b>坏了' }) },
        { description: 'lat without long', request: () => form({ long: undefined }) },
        { description: 'a repeated field', request: () => open311Request(`${encodeForm(fields)}&description=again`) },
        {
          description: 'a JSON body',
          request: () => open311Request('{"service_code":"x"}', { headers: { 'content-type': 'application/json' } }),
        },
      ],
      expected: {
        channel: 'open311',
        kind: 'text',
        text: expect.stringContaining('垃圾桶') as string,
        sender: { name: '张三', phone: undefined },
        location: expect.objectContaining({ lat: 31.2304, lng: 121.4737, datum: 'WGS84' }),
        locationText: '幸福路与建设路交叉口',
        raw: expect.objectContaining({ service_code: SERVICE_CODE }),
      },
      reply: {
        purpose: 'status',
        messageId: randomUUID(),
        channel: 'open311',
        channelUserId: 'city-app:device:d-1',
        text: '您的诉求已办结',
        ticket: { id: randomUUID(), number: '20261121-000001', status: 'CLOSED' },
      },
      delivered: async () => {
        expect(adapter.canReply).toBe(false);
        expect(nowhere.requests).toHaveLength(0);
      },
    };
  });
});
