import { randomUUID } from 'node:crypto';

import { expect } from 'vitest';

import { http, waitFor } from '../helpers/http.js';
import { runHttpConformance, type Delivery } from './channel-http.suite.js';

let token: string | undefined;
const message = (body: unknown, bearer: string): Delivery => ({
  path: '/api/v1/webchat/messages',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
  body: JSON.stringify(body),
});

runHttpConformance(() => ({
  channel: 'web',
  deadlineMs: 5_000,
  env: () => ({}),
  valid: async (app) => {
    token ??= (await http(`${app.url}/api/v1/webchat/sessions`, { body: {} })).body.token as string;
    return message({ clientMessageId: randomUUID(), text: '小区垃圾站的垃圾三天没清运了，臭味很大' }, token);
  },
  tamper: (delivery) => ({
    ...delivery,
    headers: { ...delivery.headers, authorization: `Bearer ${token!.replace(/\.[^.]+$/, '.forged')}` },
  }),
  malformed: () => [
    message({ clientMessageId: 'not-a-uuid', text: 'x' }, token!),
    message({ clientMessageId: randomUUID() }, token!),
    message({ clientMessageId: randomUUID(), text: 5 }, token!),
  ],
  okStatus: [200],
  rejectStatus: 401,
  expectReply: async (number, app) => {
    const history = await waitFor(async () => {
      const items = (await http(`${app.url}/api/v1/webchat/messages`, { token })).body.items as { direction: string; text: string }[];
      return items.find((m) => m.direction === 'OUTBOUND' && m.text.includes(number));
    });
    expect(history.text).toContain('工单号');
  },
}));
