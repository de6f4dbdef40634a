/** Web-chat messages → InboundMessage: text, photos, locations, and a pressed quick-reply button as a callback. */
import { randomUUID } from 'node:crypto';

import { describe, expect, test } from 'vitest';

import type { InboundMessage } from '../../../channels/types.js';
import { WebChannelAdapter } from '../../../channels/web/index.js';
import { NOW, WEB_SECRET, webRequest, webToken } from '../../fixtures/web/requests.js';

const adapter = new WebChannelAdapter({ secret: WEB_SECRET, tokenTtlMs: 3_600_000 }, async () => undefined);
const sessionId = randomUUID();
const token = webToken(sessionId);

function parse(body: Record<string, unknown>) {
  return adapter.parse(webRequest({ clientMessageId: randomUUID(), ...body }, token));
}

interface TestCase {
  description: string;
  input: Record<string, unknown>;
  expects: Partial<InboundMessage>;
}

const photoId = randomUUID();
const accepted: TestCase[] = [
  {
    description: 'text, then a text message',
    input: { text: '  小区门口的路灯坏了  ' },
    expects: { kind: 'text', text: '小区门口的路灯坏了', media: [] },
  },
  {
    description: 'a photo alone, then an image message with the stored upload',
    input: { attachmentIds: [photoId] },
    expects: { kind: 'image', text: undefined, media: [{ kind: 'image', attachmentId: photoId }] },
  },
  {
    description: 'a location alone, then a location message in WGS84',
    input: { location: { lat: 28.2, lng: 112.9, label: '五一广场' } },
    expects: { kind: 'location', location: { lat: 28.2, lng: 112.9, datum: 'WGS84', label: '五一广场' } },
  },
  {
    description: 'a pressed button, then a callback event keyed by its value, with its label as the text',
    input: { choice: { value: 'confirm', label: '确认提交' } },
    expects: { kind: 'event', event: { name: 'callback', key: 'confirm' }, text: '确认提交', media: [] },
  },
  {
    description: 'a button whose value carries a ticket number, then the value comes back exactly',
    input: { choice: { value: 'cb:20261121-000123:sat:S', label: '满意' } },
    expects: { kind: 'event', event: { name: 'callback', key: 'cb:20261121-000123:sat:S' }, text: '满意' },
  },
  {
    description: 'a value of 64 characters and a label of 100, then both are accepted',
    input: { choice: { value: 'v'.repeat(64), label: '是'.repeat(100) } },
    expects: { kind: 'event', event: { name: 'callback', key: 'v'.repeat(64) }, text: '是'.repeat(100) },
  },
];

describe('parsing web-chat messages', () => {
  test.each(accepted)('when the page sends $description', ({ input, expects }) => {
    const parsed = parse(input);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toHaveLength(1);
    expect(parsed.value[0]).toMatchObject({ channel: 'web', channelUserId: sessionId, receivedAt: NOW, ...expects });
  });

  test('when a button press is resent with the same client message id, then its dedup key is the same', () => {
    const body = { clientMessageId: randomUUID(), choice: { value: 'yes', label: '是' } };
    const first = adapter.parse(webRequest(body, token));
    const again = adapter.parse(webRequest({ ...body }, token));
    expect(first.ok && again.ok && first.value[0]!.dedupKey === again.value[0]!.dedupKey).toBe(true);
    expect(first.ok && first.value[0]!.dedupKey).toBe(`${sessionId}:${body.clientMessageId}`);
  });

  const refused: { description: string; input: Record<string, unknown>; path: string }[] = [
    { description: 'the value is empty', input: { choice: { value: '', label: '是' } }, path: 'choice.value' },
    { description: 'the value is longer than 64', input: { choice: { value: 'v'.repeat(65), label: '是' } }, path: 'choice.value' },
    { description: 'the label is blank', input: { choice: { value: 'yes', label: '   ' } }, path: 'choice.label' },
    { description: 'the label is longer than 100', input: { choice: { value: 'yes', label: '是'.repeat(101) } }, path: 'choice.label' },
    { description: 'the label is missing', input: { choice: { value: 'yes' } }, path: 'choice.label' },
    { description: 'the choice has another field', input: { choice: { value: 'yes', label: '是', extra: 1 } }, path: 'choice' },
    { description: 'the choice is a string', input: { choice: 'yes' }, path: 'choice' },
    { description: 'the choice comes with text', input: { choice: { value: 'yes', label: '是' }, text: '是的' }, path: 'choice' },
    {
      description: 'the choice comes with a photo',
      input: { choice: { value: 'yes', label: '是' }, attachmentIds: [randomUUID()] },
      path: 'choice',
    },
    { description: 'nothing is said at all', input: {}, path: 'body' },
  ];

  test.each(refused)('when $description, then the message is refused naming $path', ({ input, path }) => {
    const parsed = parse(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.message).toMatch(/^invalid message: /);
    expect(parsed.error.issues?.map((issue) => issue.path)).toContain(path);
  });
});
