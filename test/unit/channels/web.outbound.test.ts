/** What the chat page receives for a bot message, live and in the history: the text, the ticket, and the buttons offered. */
import { randomUUID } from 'node:crypto';

import { describe, expect, test } from 'vitest';

import type { OutboundReply } from '../../../channels/types.js';
import { choicesOfPayload, toWebchatEvent } from '../../../channels/web/outbound.js';

const choices = [
  { label: '确认提交', value: 'confirm' },
  { label: '修改', value: 'edit' },
];

function reply(overrides: Partial<OutboundReply> = {}): OutboundReply {
  return { messageId: randomUUID(), channel: 'web', channelUserId: randomUUID(), text: '请确认以下内容：', purpose: 'reply', ...overrides };
}

describe('the event a bot message sends to the page', () => {
  test('when the reply offers choices, then the event carries them in order with their labels and values', () => {
    const r = reply({ choices });
    expect(toWebchatEvent(r)).toEqual({ type: 'message', messageId: r.messageId, text: r.text, ticket: undefined, choices });
  });

  test('when the reply offers none (or an empty list), then the event has no choices field', () => {
    expect(toWebchatEvent(reply())).not.toHaveProperty('choices');
    expect(toWebchatEvent(reply({ choices: [] }))).not.toHaveProperty('choices');
  });

  test('when the reply names a ticket, then the event carries it beside the choices', () => {
    const ticket = { id: randomUUID(), number: '20261121-000123', status: 'ACCEPTED' };
    expect(toWebchatEvent(reply({ ticket, choices }))).toMatchObject({ ticket, choices });
  });
});

describe('the choices of a stored bot message, for the history', () => {
  test.each([
    { description: 'a payload with choices gives them', input: { purpose: 'reply', language: 'zh', choices }, expects: choices },
    {
      description: 'only label and value are given, nothing else a choice may carry',
      input: { choices: [{ label: '是', value: 'yes', secret: 'x' }] },
      expects: [{ label: '是', value: 'yes' }],
    },
    { description: 'a payload without choices gives none', input: { purpose: 'reply', language: 'zh' }, expects: undefined },
    { description: 'an empty list gives none', input: { choices: [] }, expects: undefined },
    { description: 'choices of the wrong shape give none', input: { choices: [{ label: 1 }] }, expects: undefined },
    { description: 'no payload gives none', input: null, expects: undefined },
    { description: 'a payload that is not an object gives none', input: 'choices', expects: undefined },
  ])('when $description', ({ input, expects }) => {
    expect(choicesOfPayload(input)).toEqual(expects);
  });
});
