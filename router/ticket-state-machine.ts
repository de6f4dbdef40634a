/**
 * The ticket lifecycle of DOMAIN.md §6 as data plus one pure function. Every (state, event) pair not
 * in the table is refused; callers persist the result and append the event row themselves.
 */
import { err, ok, type Result } from '../core/result.js';

export const TICKET_STATUSES = [
  'DRAFT',
  'ACCEPTED',
  'PENDING_DISPATCH',
  'DISPATCHED',
  'RETURN_REQUESTED',
  'SIGNED',
  'EXTENSION_REQUESTED',
  'REPLIED',
  'REVIEWED',
  'CALLBACK_DONE',
  'REOPENED',
  'CLOSED',
  'CLOSED_DIRECT',
  'REJECTED',
  'MERGED',
  'TRANSFERRED_EMERGENCY',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<TicketStatus> = new Set([
  'CLOSED',
  'CLOSED_DIRECT',
  'REJECTED',
  'MERGED',
  'TRANSFERRED_EMERGENCY',
]);

export type TicketEvent =
  | 'submit'
  | 'answerDirectly'
  | 'transferEmergency'
  | 'reject'
  | 'merge'
  | 'confirm'
  | 'dispatch'
  | 'sign'
  | 'requestReturn'
  | 'approveReturn'
  | 'rejectReturn'
  | 'requestExtension'
  | 'approveExtension'
  | 'rejectExtension'
  | 'reply'
  | 'approveReview'
  | 'rejectReview'
  | 'recordCallback'
  | 'callbackUnreachable'
  | 'close'
  | 'reopen'
  | 'escalate';

export type Actor = 'system' | 'agent' | 'centre' | 'unit';

interface Transition {
  id: string;
  from: readonly TicketStatus[];
  event: TicketEvent;
  to: TicketStatus;
  actors: readonly Actor[];
}

const OPEN_HANDLING: readonly TicketStatus[] = ['DISPATCHED', 'RETURN_REQUESTED', 'SIGNED', 'EXTENSION_REQUESTED', 'REOPENED'];

/** DOMAIN.md §6.2, T1–T25. The hotline centre acts through agents; `centre` also admits them. */
export const TRANSITIONS: readonly Transition[] = [
  { id: 'T1', from: ['DRAFT'], event: 'submit', to: 'ACCEPTED', actors: ['system'] },
  { id: 'T2', from: ['ACCEPTED'], event: 'answerDirectly', to: 'CLOSED_DIRECT', actors: ['agent'] },
  { id: 'T3', from: ['ACCEPTED'], event: 'transferEmergency', to: 'TRANSFERRED_EMERGENCY', actors: ['agent'] },
  { id: 'T4', from: ['ACCEPTED'], event: 'reject', to: 'REJECTED', actors: ['agent'] },
  { id: 'T5', from: ['ACCEPTED'], event: 'merge', to: 'MERGED', actors: ['agent'] },
  // The system confirms too, by the auto-route rule (router/auto-route.ts, SUQIU_AUTO_ROUTE=on): only a
  // fresh ticket whose category the model is sure of, with no flag, not 特急, not a consultation.
  { id: 'T6', from: ['ACCEPTED'], event: 'confirm', to: 'PENDING_DISPATCH', actors: ['agent', 'system'] },
  { id: 'T7', from: ['PENDING_DISPATCH'], event: 'dispatch', to: 'DISPATCHED', actors: ['agent', 'system'] },
  { id: 'T8', from: ['PENDING_DISPATCH'], event: 'merge', to: 'MERGED', actors: ['agent'] },
  { id: 'T9', from: ['DISPATCHED'], event: 'sign', to: 'SIGNED', actors: ['unit'] },
  { id: 'T10', from: ['DISPATCHED'], event: 'requestReturn', to: 'RETURN_REQUESTED', actors: ['unit'] },
  { id: 'T11', from: ['RETURN_REQUESTED'], event: 'approveReturn', to: 'PENDING_DISPATCH', actors: ['centre'] },
  { id: 'T12', from: ['RETURN_REQUESTED'], event: 'rejectReturn', to: 'DISPATCHED', actors: ['centre'] },
  { id: 'T13', from: ['SIGNED'], event: 'requestExtension', to: 'EXTENSION_REQUESTED', actors: ['unit'] },
  { id: 'T14', from: ['EXTENSION_REQUESTED'], event: 'approveExtension', to: 'SIGNED', actors: ['centre'] },
  { id: 'T15', from: ['EXTENSION_REQUESTED'], event: 'rejectExtension', to: 'SIGNED', actors: ['centre'] },
  { id: 'T16', from: ['SIGNED'], event: 'reply', to: 'REPLIED', actors: ['unit'] },
  { id: 'T17', from: ['EXTENSION_REQUESTED'], event: 'reply', to: 'REPLIED', actors: ['unit'] },
  { id: 'T18', from: ['REPLIED'], event: 'approveReview', to: 'REVIEWED', actors: ['centre'] },
  { id: 'T19', from: ['REPLIED'], event: 'rejectReview', to: 'SIGNED', actors: ['centre'] },
  { id: 'T20', from: ['REVIEWED'], event: 'recordCallback', to: 'CALLBACK_DONE', actors: ['centre'] },
  { id: 'T21', from: ['REVIEWED'], event: 'callbackUnreachable', to: 'CALLBACK_DONE', actors: ['system'] },
  { id: 'T22', from: ['CALLBACK_DONE'], event: 'close', to: 'CLOSED', actors: ['centre', 'system'] },
  { id: 'T23', from: ['CALLBACK_DONE'], event: 'reopen', to: 'REOPENED', actors: ['centre'] },
  { id: 'T24', from: ['REOPENED'], event: 'sign', to: 'SIGNED', actors: ['unit'] },
  { id: 'T25', from: OPEN_HANDLING, event: 'escalate', to: 'PENDING_DISPATCH', actors: ['centre'] },
];

export interface TransitionRefusal {
  from: TicketStatus;
  event: TicketEvent;
  actor: Actor;
  /** Events this actor may fire from the current state. */
  allowed: TicketEvent[];
}

export interface Transitioned {
  id: string;
  to: TicketStatus;
}

const actorMatches = (transition: Transition, actor: Actor) =>
  transition.actors.includes(actor) || (actor === 'agent' && transition.actors.includes('centre'));

export function transition(from: TicketStatus, event: TicketEvent, actor: Actor): Result<Transitioned, TransitionRefusal> {
  const found = TRANSITIONS.find((t) => t.event === event && t.from.includes(from) && actorMatches(t, actor));
  return found ? ok({ id: found.id, to: found.to }) : err({ from, event, actor, allowed: allowedEvents(from, actor) });
}

export function allowedEvents(from: TicketStatus, actor: Actor): TicketEvent[] {
  return [...new Set(TRANSITIONS.filter((t) => t.from.includes(from) && actorMatches(t, actor)).map((t) => t.event))];
}
