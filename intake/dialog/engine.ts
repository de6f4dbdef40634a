/**
 * The citizen bot as one pure function: (state, message) → (state, actions). It knows no channel,
 * database or clock of its own; the runner (run-dialog.ts) loads the state, looks up what a turn may
 * need (the knowledge base, the citizen's limits), performs the actions and stores the new state.
 * Table-driven tests read whole conversations through it (test/unit/dialog/).
 *
 * Order of a turn: time-outs → emergencies (always first, in any state) → message limits → a person
 * already talking → an awaited callback answer → commands (cancel, restart, agent, help, my tickets)
 * → ticket numbers → the current flow (report, offered entries, answer feedback) or a fresh start.
 */
import { detectEmergency } from '../../nlu/safety/index.js';
import { findTicketNumbers, parseCommand } from '../../nlu/dialog/index.js';
import { decisiveLanguage } from '../texts.js';
import { callbackTurn, lapseCallback } from './callback-turn.js';
import { EMERGENCY_SERVICE, MENU } from './choices.js';
import { feedbackTurn, idleTurn, offerTurn } from './consult-turn.js';
import { handoff } from './handoff.js';
import { askFor, nextAsk, reportTurn } from './report-turn.js';
import type { DialogState, Flow } from './state.js';
import type { Action, Command, DialogSettings, Turn, TurnInput } from './types.js';

export interface StepResult {
  state: DialogState;
  actions: Action[];
}

/** Button values and WeChat menu keys (channels/wechat/menu.ts) that are commands. */
const COMMAND_KEYS = [
  'cancel',
  'restart',
  'agent',
  'help',
  'myTickets',
  'report',
  'consult',
  'query',
] as const satisfies readonly Command[];

export function step(previous: DialogState, input: TurnInput, settings: DialogSettings): StepResult {
  const turn: Turn = { input, settings, language: decisiveLanguage(input.text) ?? previous.language ?? 'zh', actions: [] };
  const state = { ...lapseCallback(previous, input.now, settings), language: turn.language };
  const flow = expire(state.flow, state.at, turn);
  const next = (nextFlow: Flow, extra: Partial<DialogState> = {}): StepResult => ({
    state: { ...state, ...extra, flow: nextFlow, at: input.now.toISOString() },
    actions: turn.actions,
  });

  const emergency = input.text ? detectEmergency(input.text) : undefined;
  if (emergency) {
    turn.actions.push(
      {
        kind: 'createTicket',
        purpose: 'emergency',
        description: input.text,
        messageIds: [input.messageId],
        flags: [`emergency:${emergency.kind}`],
      },
      { kind: 'say', key: 'emergency', args: { number: emergency.number, service: EMERGENCY_SERVICE[emergency.kind][turn.language] } },
    );
    // A report in progress stays where it was: the emergency is handled beside it.
    return next(flow);
  }
  if (input.rateLimited) {
    if (input.rateLimited === 'notify') turn.actions.push({ kind: 'say', key: 'rateLimited' });
    return { state: previous, actions: turn.actions };
  }

  const command = commandOf(input);
  if (flow.kind === 'human') {
    if (command === 'end' || command === 'cancel' || command === 'restart') {
      turn.actions.push({ kind: 'endHandoff', ticketId: flow.ticketId }, { kind: 'say', key: 'handoffEnded' });
      return next({ kind: 'idle' });
    }
    turn.actions.push({ kind: 'joinTicket', ticketId: flow.ticketId });
    return next(flow);
  }

  if (state.callback && !command) {
    const answered = callbackTurn(state.callback, turn);
    if (answered) return next(flow, { callback: answered.callback });
  }

  if (command && command !== 'end') return next(runCommand(command, flow, turn));

  const numbers = input.text ? findTicketNumbers(input.text) : [];
  if (numbers.length > 0 && (flow.kind !== 'report' || flow.asking !== 'what')) {
    for (const number of numbers.slice(0, 3)) turn.actions.push({ kind: 'showStatus', number });
    return next(repeatQuestion(flow, turn));
  }

  switch (flow.kind) {
    case 'report':
      return next(reportTurn(flow, turn));
    case 'offer':
      return next(offerTurn(flow, turn));
    case 'feedback':
      return next(feedbackTurn(flow, turn));
    case 'idle':
      return next(idleTurn(turn));
  }
}

/** A button press or menu click names its command; otherwise the words may be one. */
function commandOf(input: TurnInput): Command | undefined {
  const key = input.event?.key;
  if (key === 'endHandoff') return 'end';
  if (key && (COMMAND_KEYS as readonly string[]).includes(key)) return key as Command;
  if (!input.text) return undefined;
  // Telegram's and Bot Framework's own commands.
  if (/^\/(start|menu)\b/i.test(input.text)) return 'restart';
  if (/^\/help\b/i.test(input.text)) return 'help';
  if (/^\s*(结束|结束人工|结束对话|end|done)\s*[。.!！]?\s*$/i.test(input.text)) return 'end';
  return parseCommand(input.text);
}

function runCommand(command: Exclude<Command, 'end'>, flow: Flow, turn: Turn): Flow {
  switch (command) {
    case 'cancel':
      turn.actions.push({ kind: 'say', key: 'cancelled', choices: MENU });
      return { kind: 'idle' };
    case 'restart':
      turn.actions.push({ kind: 'say', key: 'welcome', choices: MENU });
      return { kind: 'idle' };
    case 'agent':
      return handoff(flow, turn);
    case 'help':
      turn.actions.push({ kind: 'say', key: 'help' });
      return repeatQuestion(flow, turn);
    case 'myTickets':
    case 'query':
      turn.actions.push({ kind: 'listTickets' });
      return repeatQuestion(flow, turn);
    case 'report': {
      if (flow.kind === 'report') return repeatQuestion(flow, turn);
      const draft = { photos: 0, messageIds: [turn.input.messageId] };
      turn.actions.push(askFor('what', draft, turn));
      return { kind: 'report', asking: 'what', draft };
    }
    case 'consult':
      turn.actions.push({ kind: 'say', key: 'askQuestion' });
      return { kind: 'idle' };
  }
}

/** After a side question (help, a status look-up), the citizen is reminded where they were. */
function repeatQuestion(flow: Flow, turn: Turn): Flow {
  if (flow.kind !== 'report') return flow;
  const asking = flow.asking === 'editWhich' ? 'editWhich' : nextAsk(flow.draft, turn.input.knownPhone);
  turn.actions.push(askFor(asking, flow.draft, turn));
  return { ...flow, asking };
}

/** A flow left alone too long starts over; a half-told report is dropped with a word to the citizen. */
function expire(flow: Flow, at: string | undefined, turn: Turn): Flow {
  if (flow.kind === 'idle' || !at) return flow;
  const idleMs = turn.input.now.getTime() - Date.parse(at);
  const limit = flow.kind === 'human' ? turn.settings.handoffTimeoutMs : turn.settings.timeoutMs;
  if (!(idleMs > limit)) return flow;
  if (flow.kind === 'report' && (flow.draft.what || flow.draft.where || flow.draft.photos > 0)) {
    turn.actions.push({ kind: 'say', key: 'timedOut' });
  }
  if (flow.kind === 'human') turn.actions.push({ kind: 'endHandoff', ticketId: flow.ticketId });
  return { kind: 'idle' };
}
