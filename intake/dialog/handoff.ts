/**
 * "人工" / "agent" at any point: what the citizen has said so far becomes a ticket flagged for an agent
 * (a report in progress keeps its place, photos and contact), and the conversation is the agent's
 * until either side ends it or it goes quiet.
 */
import type { Flow } from './state.js';
import type { Turn } from './types.js';

const ASKED_ONLY = '（市民请求人工服务）';

export function handoff(flow: Flow, turn: Turn): Flow {
  const { input } = turn;
  const draft = flow.kind === 'report' ? flow.draft : undefined;
  const question = flow.kind === 'offer' || flow.kind === 'feedback' ? flow.question : undefined;
  const messageIds = [
    ...(draft?.messageIds ?? []),
    ...(flow.kind === 'offer' || flow.kind === 'feedback' ? [flow.messageId] : []),
    input.messageId,
  ];
  turn.actions.push(
    {
      kind: 'createTicket',
      purpose: 'handoff',
      description: draft?.what ?? question ?? ASKED_ONLY,
      draft,
      messageIds: [...new Set(messageIds)],
      flags: ['handoff'],
    },
    { kind: 'say', key: 'handoff', choices: [{ label: 'choice.endHandoff', value: 'endHandoff' }] },
  );
  // The runner fills in the ticket it created.
  return { kind: 'human', ticketId: '', number: '' };
}
