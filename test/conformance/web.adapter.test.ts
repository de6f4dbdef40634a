/** The web chat against the adapter conformance suite, then its quick replies: buttons out, a press back as a callback. */
import { randomUUID } from 'node:crypto';

import { describe, expect, test } from 'vitest';

import { WebChannelAdapter } from '../../channels/web/index.js';
import { WEB_SECRET, webRequest, webToken } from '../fixtures/web/requests.js';
import { runAdapterConformance } from './channel-adapter.suite.js';

describe('web channel', () => {
  runAdapterConformance(async () => {
    const notified: { sessionId: string; payload: unknown }[] = [];
    const adapter = new WebChannelAdapter({ secret: WEB_SECRET, tokenTtlMs: 3_600_000 }, async (sessionId, payload) => {
      notified.push({ sessionId, payload });
    });
    const sessionId = randomUUID();
    return {
      name: 'web',
      adapter,
      valid: () => webRequest({ clientMessageId: randomUUID(), text: '垃圾桶满了好几天没人清运' }, webToken(sessionId)),
      redeliver: (req) => ({ ...req }),
      tamper: (req) => ({
        ...req,
        headers: { ...req.headers, authorization: `Bearer ${webToken(sessionId, 'another-secret-0123456789-0123456789')}` },
      }),
      malformed: [
        { description: 'no client message id', request: () => webRequest({ text: 'x' }, webToken(sessionId)) },
        { description: 'nothing to say', request: () => webRequest({ clientMessageId: randomUUID() }, webToken(sessionId)) },
        {
          description: 'attachment id not a uuid',
          request: () => webRequest({ clientMessageId: randomUUID(), attachmentIds: ['x'] }, webToken(sessionId)),
        },
        { description: 'no session token', request: () => ({ ...webRequest(), headers: {} }) },
      ],
      expected: { channel: 'web', kind: 'text', channelUserId: sessionId, text: '垃圾桶满了好几天没人清运' },
      reply: { purpose: 'reply', messageId: randomUUID(), channel: 'web', channelUserId: sessionId, text: '您的诉求已受理' },
      delivered: async () => {
        expect(notified.at(-1)).toMatchObject({ sessionId, payload: { type: 'message', text: '您的诉求已受理' } });
      },
    };
  });

  describe('quick replies', () => {
    const choices = [
      { label: '确认提交', value: 'confirm' },
      { label: '修改', value: 'edit' },
    ];

    test('when a reply offers choices, then the open page is told the message and its buttons', async () => {
      const notified: { sessionId: string; payload: unknown }[] = [];
      const adapter = new WebChannelAdapter({ secret: WEB_SECRET, tokenTtlMs: 3_600_000 }, async (sessionId, payload) => {
        notified.push({ sessionId, payload });
      });
      const sessionId = randomUUID();
      const messageId = randomUUID();
      const sent = await adapter.send({ purpose: 'reply', messageId, channel: 'web', channelUserId: sessionId, text: '请确认：', choices });
      expect(sent).toEqual({ externalId: messageId });
      expect(notified).toEqual([{ sessionId, payload: { type: 'message', messageId, text: '请确认：', ticket: undefined, choices } }]);
    });

    test('when the citizen presses one, then it verifies and parses into a callback event with the label as text', () => {
      const adapter = new WebChannelAdapter({ secret: WEB_SECRET, tokenTtlMs: 3_600_000 }, async () => undefined);
      const sessionId = randomUUID();
      const req = webRequest({ clientMessageId: randomUUID(), choice: choices[0] }, webToken(sessionId));
      expect(adapter.verify(req)).toBe(true);
      const parsed = adapter.parse(req);
      expect(parsed.ok && parsed.value).toEqual([
        expect.objectContaining({
          channel: 'web',
          channelUserId: sessionId,
          kind: 'event',
          event: { name: 'callback', key: 'confirm' },
          text: '确认提交',
          media: [],
        }),
      ]);
      expect(adapter.parse(req)).toEqual(parsed);
    });
  });
});
