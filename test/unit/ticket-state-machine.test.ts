import { describe, expect, test } from 'vitest';

import {
  TICKET_STATUSES,
  TRANSITIONS,
  allowedEvents,
  transition,
  type Actor,
  type TicketEvent,
  type TicketStatus,
} from '../../router/ticket-state-machine.js';

interface Case {
  description: string;
  from: TicketStatus;
  event: TicketEvent;
  actor: Actor;
  expects: TicketStatus | 'refused';
}

const cases: Case[] = [
  { description: 'the system submits a draft', from: 'DRAFT', event: 'submit', actor: 'system', expects: 'ACCEPTED' },
  { description: 'an agent confirms an accepted ticket', from: 'ACCEPTED', event: 'confirm', actor: 'agent', expects: 'PENDING_DISPATCH' },
  {
    description: 'the system confirms an accepted ticket (the auto-route rule)',
    from: 'ACCEPTED',
    event: 'confirm',
    actor: 'system',
    expects: 'PENDING_DISPATCH',
  },
  { description: 'the system cannot reject an accepted ticket', from: 'ACCEPTED', event: 'reject', actor: 'system', expects: 'refused' },
  {
    description: 'the system cannot confirm a confirmed ticket again',
    from: 'PENDING_DISPATCH',
    event: 'confirm',
    actor: 'system',
    expects: 'refused',
  },
  { description: 'an agent rejects an accepted ticket', from: 'ACCEPTED', event: 'reject', actor: 'agent', expects: 'REJECTED' },
  { description: 'an agent merges a pending-dispatch ticket', from: 'PENDING_DISPATCH', event: 'merge', actor: 'agent', expects: 'MERGED' },
  { description: 'a unit signs a dispatched ticket', from: 'DISPATCHED', event: 'sign', actor: 'unit', expects: 'SIGNED' },
  { description: 'a unit signs a reopened ticket', from: 'REOPENED', event: 'sign', actor: 'unit', expects: 'SIGNED' },
  {
    description: 'an agent (for the centre) approves a return',
    from: 'RETURN_REQUESTED',
    event: 'approveReturn',
    actor: 'agent',
    expects: 'PENDING_DISPATCH',
  },
  { description: 'a reply lapses a pending extension', from: 'EXTENSION_REQUESTED', event: 'reply', actor: 'unit', expects: 'REPLIED' },
  {
    description: 'escalation from handling goes back to dispatch',
    from: 'SIGNED',
    event: 'escalate',
    actor: 'centre',
    expects: 'PENDING_DISPATCH',
  },
  { description: 'a draft cannot be confirmed', from: 'DRAFT', event: 'confirm', actor: 'agent', expects: 'refused' },
  {
    description: 'a confirmed ticket cannot be confirmed again',
    from: 'PENDING_DISPATCH',
    event: 'confirm',
    actor: 'agent',
    expects: 'refused',
  },
  { description: 'an agent cannot sign for a unit', from: 'DISPATCHED', event: 'sign', actor: 'agent', expects: 'refused' },
  { description: 'nothing leaves a closed ticket', from: 'CLOSED', event: 'reopen', actor: 'centre', expects: 'refused' },
  { description: 'a unit cannot submit a draft', from: 'DRAFT', event: 'submit', actor: 'unit', expects: 'refused' },
];

describe('ticket state machine (DOMAIN.md §6.2)', () => {
  test.each(cases)('when $description, then $expects', ({ from, event, actor, expects }) => {
    const result = transition(from, event, actor);
    if (expects === 'refused') {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.allowed).toEqual(allowedEvents(from, actor));
    } else {
      expect(result).toMatchObject({ ok: true, value: { to: expects } });
    }
  });

  test('when the table is read, then it has the 25 transitions T1–T25 and only known states', () => {
    expect(TRANSITIONS.map((t) => t.id)).toEqual(Array.from({ length: 25 }, (_, i) => `T${i + 1}`));
    for (const t of TRANSITIONS) {
      expect(TICKET_STATUSES).toContain(t.to);
      for (const from of t.from) expect(TICKET_STATUSES).toContain(from);
    }
  });

  test('when a state is terminal, then no event leaves it for any actor', () => {
    for (const status of ['CLOSED', 'CLOSED_DIRECT', 'REJECTED', 'MERGED', 'TRANSFERRED_EMERGENCY'] as const) {
      for (const actor of ['system', 'agent', 'centre', 'unit'] as const) expect(allowedEvents(status, actor)).toEqual([]);
    }
  });
});
