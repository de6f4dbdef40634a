/**
 * One turn of the citizen bot inside the worker's transaction: lock the conversation, read its state,
 * run the pure engine, carry out what it asked (tickets, look-ups, callback answers), store the new
 * state and prepare one reply. All of it commits together or not at all, so a retried job neither
 * repeats a ticket nor loses a step, and two messages of one citizen are handled one after the other.
 */
import type { Tx } from '../../core/db/database.js';
import { toJson } from '../../core/db/helpers.js';
import type { IntakeDeps } from '../deps.js';
import { prepareOutbound } from '../outbound-store.js';
import { isTextKey, type Language, type TextArgs } from '../texts.js';
import { recordFeedback } from '../knowledge/index.js';
import { recordCallbackAnswer } from './callback.js';
import { step } from './engine.js';
import { describeTicket, listTickets } from './status.js';
import { readState, type DialogState } from './state.js';
import { createDialogTicket, type ClassifyText } from './tickets.js';
import type { Action, Choice, DialogTurn, Say, TurnInput } from './types.js';

export interface DialogOutcome {
  createdTickets: { id: string; number: string }[];
  /** The ticket the message joined (created for it, or the one an agent is handling). */
  ticketId?: string;
  outboundId?: string;
  joinedTicketId?: string;
}

type Deps = Pick<IntakeDeps, 'texts' | 'dialog' | 'timeZone' | 'now' | 'catalogue'>;

export async function runDialogTurn(tx: Tx, deps: Deps, turn: DialogTurn, classify: ClassifyText): Promise<DialogOutcome> {
  const { message, who } = turn;
  const [row] = await tx.$queryRaw<
    { state: unknown }[]
  >`SELECT state FROM "Conversation" WHERE id = ${who.conversationId}::uuid FOR UPDATE`;
  const before = readState(row?.state);
  const identity = await tx.channelIdentity.findUniqueOrThrow({
    where: { id: who.identityId },
    select: { phone: true, phoneVerified: true },
  });
  const now = deps.now();
  const input = turnInput(
    turn,
    now,
    identity.phoneVerified ? (identity.phone ?? undefined) : undefined,
    rateState(before, turn.recent, deps, now),
  );
  const { state, actions } = step(before, input, deps.dialog.settings);

  const outcome: DialogOutcome = { createdTickets: [] };
  const said: { text: string; choices?: { label: string; value: string }[] }[] = [];
  const args: TextArgs = {};
  const language: Language = state.language ?? 'zh';
  for (const action of actions) {
    const result = await perform(tx, deps, action, { turn: { ...turn, classify }, language });
    if (result.ticket) {
      outcome.createdTickets.push(result.ticket);
      outcome.ticketId = result.ticket.id;
      Object.assign(args, { number: result.ticket.number, ticket: result.ticket.number });
      if (state.flow.kind === 'human' && !state.flow.ticketId)
        state.flow = { kind: 'human', ticketId: result.ticket.id, number: result.ticket.number };
    }
    if (result.joined) outcome.joinedTicketId = outcome.ticketId = result.joined;
    if (result.text) said.push({ text: result.text });
    if (action.kind === 'say') said.push(render(deps, action, language, args));
  }
  if (input.rateLimited === 'notify') state.slowedAt = now.toISOString();
  await tx.conversation.update({ where: { id: who.conversationId }, data: { state: toJson(state) } });

  if (said.length > 0) {
    outcome.outboundId = await prepareOutbound(tx, {
      channel: message.channel,
      channelUserId: message.channelUserId,
      // One reply per turn: several messages could overtake each other on the way out.
      text: said.map((part) => part.text).join('\n\n'),
      choices: said.findLast((part) => part.choices?.length)?.choices,
      language,
      purpose: 'reply',
      idempotencyKey: `reply-${message.id}`,
      replyToId: message.id,
      citizenId: who.citizenId,
      conversationId: who.conversationId,
      ticketId: outcome.ticketId,
    });
  }
  return outcome;
}

interface Performed {
  ticket?: { id: string; number: string };
  joined?: string;
  text?: string;
}

async function perform(
  tx: Tx,
  deps: Deps,
  action: Action,
  ctx: { turn: DialogTurn & { classify: ClassifyText }; language: Language },
): Promise<Performed> {
  const { turn, language } = ctx;
  const citizenId = turn.who.citizenId;
  switch (action.kind) {
    case 'say':
      return {};
    case 'createTicket':
      return { ticket: await createDialogTicket(tx, deps, action, turn) };
    case 'showStatus':
      return { text: await describeTicket(tx, deps, action.number, citizenId, language) };
    case 'listTickets':
      return { text: await listTickets(tx, deps, citizenId, language) };
    case 'knowledgeFeedback':
      await recordFeedback(tx, action.entryId, action.helpful);
      return {};
    case 'recordCallback':
      await recordCallbackAnswer(tx, action, deps.now());
      // The answer joins the ticket it rates, so agents read it in the conversation.
      return { joined: action.ticketId };
    case 'joinTicket':
      return { joined: action.ticketId };
    case 'endHandoff':
      await tx.ticketEvent.create({ data: { ticketId: action.ticketId, event: 'handoffEnded', actorType: 'CITIZEN' } });
      return {};
  }
}

/** A text with its arguments; an argument written `@key` is itself a bot text (a word in the read-back). */
function render(
  deps: Deps,
  say: Say,
  language: Language,
  context: TextArgs,
): { text: string; choices?: { label: string; value: string }[] } {
  const args: TextArgs = { ...context };
  for (const [name, value] of Object.entries(say.args ?? {})) {
    args[name] =
      typeof value === 'string' && value.startsWith('@') && isTextKey(value.slice(1))
        ? deps.texts.render(value.slice(1) as never, language)
        : value;
  }
  return { text: deps.texts.render(say.key, language, args), choices: say.choices?.map((choice) => label(deps, choice, language)) };
}

function label(deps: Deps, choice: Choice, language: Language): { label: string; value: string } {
  return { value: choice.value, label: choice.text ?? deps.texts.render(choice.label, language) };
}

function turnInput(turn: DialogTurn, now: Date, knownPhone: string | undefined, rateLimited: TurnInput['rateLimited']): TurnInput {
  const { message, text } = turn;
  const payload = (message.payload ?? {}) as { event?: { name?: string; key?: string }; location?: { label?: string } };
  const photos = message.attachments.filter((a) => a.kind === 'image' || a.kind === 'video').length;
  const voice = message.attachments.some((a) => a.kind === 'audio');
  return {
    now,
    messageId: message.id,
    kind: message.kind,
    // A pressed button's words are its label: the value in the event is what counts.
    text: payload.event?.name === 'callback' ? '' : text,
    event: payload.event?.name ? { name: payload.event.name, key: payload.event.key } : undefined,
    photos,
    untranscribedVoice: voice && !text,
    location:
      message.lat !== null && message.lng !== null
        ? { lat: message.lat, lng: message.lng, datum: message.datum ?? undefined, label: message.locationText ?? payload.location?.label }
        : undefined,
    locationText: message.locationText ?? undefined,
    knownPhone,
    knowledge: turn.knowledge,
    rateLimited,
  };
}

/** Over a limit, the citizen hears it once a minute; the messages are kept, not answered. */
function rateState(state: DialogState, recent: DialogTurn['recent'], deps: Deps, now: Date): TurnInput['rateLimited'] {
  if (recent.minute <= deps.dialog.ratePerMinute && recent.day <= deps.dialog.ratePerDay) return undefined;
  const told = state.slowedAt ? now.getTime() - Date.parse(state.slowedAt) < 60_000 : false;
  return told ? 'silent' : 'notify';
}
