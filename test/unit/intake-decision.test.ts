import { describe, expect, test } from 'vitest';

import { decideIntake, type DecisionInput, type IntakeDecision } from '../../intake/intake-decision.js';

const cases: { description: string; input: DecisionInput; expects: IntakeDecision }[] = [
  {
    description: 'a text message',
    input: { kind: 'text', text: '路灯坏了', hasMedia: false },
    expects: { ticket: true, reply: 'ticketAccepted' },
  },
  {
    description: 'a photo with a caption',
    input: { kind: 'image', text: '见照片', hasMedia: true },
    expects: { ticket: true, reply: 'ticketAccepted' },
  },
  { description: 'a photo alone', input: { kind: 'image', text: '', hasMedia: true }, expects: { ticket: true, reply: 'ticketAccepted' } },
  {
    description: 'a voice note without transcript',
    input: { kind: 'voice', text: '', hasMedia: true },
    expects: { ticket: true, reply: 'voiceNeedsText' },
  },
  {
    description: 'a voice note with a transcript',
    input: { kind: 'voice', text: '楼下很吵', hasMedia: true },
    expects: { ticket: true, reply: 'ticketAccepted' },
  },
  {
    description: 'a follow event',
    input: { kind: 'event', text: '', event: 'subscribe', hasMedia: false },
    expects: { ticket: false, reply: 'welcome' },
  },
  {
    description: 'an unfollow event',
    input: { kind: 'event', text: '', event: 'unsubscribe', hasMedia: false },
    expects: { ticket: false, reply: undefined },
  },
  {
    description: 'a menu click',
    input: { kind: 'event', text: '', event: 'CLICK', hasMedia: false },
    expects: { ticket: false, reply: undefined },
  },
  {
    description: 'a shared location alone',
    input: { kind: 'location', text: '', hasMedia: false },
    expects: { ticket: false, reply: 'locationReceived' },
  },
  {
    description: 'a shared contact',
    input: { kind: 'contact', text: '', hasMedia: false },
    expects: { ticket: false, reply: 'contactLinked' },
  },
  { description: 'an empty message', input: { kind: 'text', text: '', hasMedia: false }, expects: { ticket: false } },
];

describe('what a stored message becomes', () => {
  test.each(cases)('when it is $description, then $expects', ({ input, expects }) => {
    expect(decideIntake(input)).toEqual(expects);
  });
});
