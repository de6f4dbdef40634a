/**
 * The satisfaction callback (回访) on the citizen's own channel: when a ticket is answered the bot asks
 * whether the problem is solved, then how satisfied they are (满意 / 基本满意 / 不满意), and after
 * 不满意 takes one message as the reason. Both answers are recorded apart (DOMAIN.md §9: 解决率 and
 * 满意率 differ). A message that answers neither question is handled as usual and the question waits.
 */
import { parseResolved, parseSatisfaction, parseYesNo } from '../../nlu/dialog/index.js';
import type { Satisfaction } from '../../core/db/generated/client.js';
import { callbackChoices } from './choices.js';
import type { DialogState, PendingCallback } from './state.js';
import type { DialogSettings, Turn } from './types.js';

const SATISFACTION_KEYS: Record<string, Satisfaction> = { S: 'SATISFIED', B: 'BASICALLY_SATISFIED', U: 'UNSATISFIED' };

/** Returns the callback's next state (undefined: finished) when the message answered it. */
export function callbackTurn(pending: PendingCallback, turn: Turn): { callback: PendingCallback | undefined } | undefined {
  const { text, event } = turn.input;
  const key = event?.key?.startsWith(`cb:${pending.number}:`) ? event.key.slice(`cb:${pending.number}:`.length) : undefined;
  const ticketId = pending.ticketId;
  switch (pending.step) {
    case 'resolved': {
      const resolved = key?.startsWith('res:') ? key === 'res:y' : text ? (parseResolved(text) ?? parseYesNo(text)) : undefined;
      if (resolved === undefined) return undefined;
      turn.actions.push(
        { kind: 'recordCallback', ticketId, resolved },
        { kind: 'say', key: 'callbackAskSatisfaction', choices: callbackChoices(pending.number, 'satisfaction') },
      );
      return { callback: { ...pending, step: 'satisfaction', askedAt: turn.input.now.toISOString() } };
    }
    case 'satisfaction': {
      const satisfaction = key?.startsWith('sat:') ? SATISFACTION_KEYS[key.slice(4)] : text ? parseSatisfaction(text) : undefined;
      if (!satisfaction) return undefined;
      turn.actions.push({ kind: 'recordCallback', ticketId, satisfaction });
      if (satisfaction !== 'UNSATISFIED') {
        turn.actions.push({ kind: 'say', key: 'callbackThanks' });
        return { callback: undefined };
      }
      turn.actions.push({ kind: 'say', key: 'callbackThanksUnsatisfied' });
      return { callback: { ...pending, step: 'comment', askedAt: turn.input.now.toISOString() } };
    }
    case 'comment':
      if (!text || key) return undefined;
      turn.actions.push({ kind: 'recordCallback', ticketId, comment: text.slice(0, 2_000) }, { kind: 'say', key: 'callbackCommentSaved' });
      return { callback: undefined };
  }
}

/** An unanswered question lapses; the reason after 不满意 is only awaited for a short while. */
export function lapseCallback(state: DialogState, now: Date, settings: DialogSettings): DialogState {
  const pending = state.callback;
  if (!pending) return state;
  const waited = now.getTime() - Date.parse(pending.askedAt);
  const limit = pending.step === 'comment' ? settings.timeoutMs : settings.callbackTimeoutMs;
  return waited > limit ? { ...state, callback: undefined } : state;
}
