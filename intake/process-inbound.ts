/**
 * The intake worker's use case for one stored message: fetch referenced files (and transcribe voice),
 * then in one transaction identify the sender and either take one turn of the citizen's dialog
 * (intake/dialog/: it may file a ticket, answer from the knowledge base, show progress …) or, on
 * channels without a dialog, create the ticket with its suggestion in the review queue; and prepare
 * the answer. A worker that dies half-way leaves nothing behind, and a second run finds the message
 * PROCESSED and does nothing.
 */
import { prepareText } from '../nlu/text/index.js';
import type { ChannelAdapter } from '../channels/types.js';
import type { Attachment, Message } from '../core/db/generated/client.js';
import { toJson } from '../core/db/helpers.js';
import { topics } from '../core/events/event-bus.js';
import { PermanentJobError } from '../core/queue/index.js';
import { rankDepartments } from '../nlu/department/department-ranking.js';
import type { Classification, ClassifyContext } from '../nlu/types.js';
import type { Catalogue, DepartmentScore } from '../router/catalogue.js';
import type { IntakeDeps } from './deps.js';
import { autoRoute } from './auto-route.js';
import { identify } from './identify.js';
import { decideIntake, type ReplyKey } from './intake-decision.js';
import { collectMedia } from './media.js';
import { prepareOutbound } from './outbound-store.js';
import { enqueueOutbound } from './send-outbound.js';
import { createAcceptedTicket } from './ticket-store.js';
import { detectLanguage } from './texts.js';
import { runDialogTurn } from './dialog/run-dialog.js';
import type { ClassifyText } from './dialog/tickets.js';

export type ProcessOutcome = { kind: 'processed'; ticketId?: string; ticketNumber?: string } | { kind: 'already-processed' };

export async function processInbound(deps: IntakeDeps, messageId: string, attemptsMade = 0): Promise<ProcessOutcome> {
  const message = await deps.db.prisma.message.findUnique({ where: { id: messageId }, include: { attachments: true } });
  if (!message || message.direction !== 'INBOUND') throw new PermanentJobError(`inbound message ${messageId} does not exist`);
  if (message.status !== 'RECEIVED') return { kind: 'already-processed' };
  const adapter = deps.channels.get(message.channel);
  if (!adapter) throw new PermanentJobError(`message ${messageId} came from channel "${message.channel}", which is not configured`);

  const transcribed = await collectMedia(deps, adapter, message, attemptsMade);
  const text = (transcribed.text ?? message.text)?.trim() ?? '';
  return talksWith(deps, adapter) ? processTurn(deps, message, text) : processDirect(deps, adapter, message, text);
}

/** The bot talks on channels that can answer, unless configured otherwise; API systems send complete requests. */
export function talksWith(deps: Pick<IntakeDeps, 'dialog'>, adapter: Pick<ChannelAdapter, 'id' | 'canReply' | 'conversational'>): boolean {
  if (!adapter.canReply || adapter.conversational === false) return false;
  return deps.dialog.channels === '*' || deps.dialog.channels.includes(adapter.id);
}

/** A conversational channel: the message is one turn of the citizen's dialog (intake/dialog/). */
async function processTurn(deps: IntakeDeps, message: Message & { attachments: Attachment[] }, text: string): Promise<ProcessOutcome> {
  const knowledge = text && deps.knowledge ? await deps.knowledge.search(prepareText(text).normalized, detectLanguage(text)) : undefined;
  const recent = await recentMessages(deps, message);
  const classify = classifier(deps);
  const result = await deps.db.transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Message" WHERE id = ${message.id}::uuid FOR UPDATE`;
    if (locked?.status !== 'RECEIVED') return undefined;
    const who = await identify(tx, message, deps.now());
    const outcome = await runDialogTurn(tx, deps, { message, text, who, knowledge, recent }, classify);
    await tx.message.update({
      where: { id: message.id },
      data: {
        status: 'PROCESSED',
        processedAt: deps.now(),
        ticketId: outcome.ticketId,
        citizenId: who.citizenId,
        conversationId: who.conversationId,
      },
    });
    return outcome;
  });
  if (!result) return { kind: 'already-processed' };
  if (result.outboundId) await enqueueOutbound(deps, result.outboundId, message.channel);
  // An auto-routed ticket's status notice goes after the turn's reply, which tells the ticket number.
  for (const ticket of result.createdTickets) await autoRoute(deps, ticket.id);
  for (const ticket of result.createdTickets) await deps.bus.publish(topics.reviewQueue, { ticketId: ticket.id, number: ticket.number });
  if (result.joinedTicketId) await deps.bus.publish(topics.reviewQueue, { ticketId: result.joinedTicketId, message: message.id });
  const last = result.createdTickets.at(-1);
  return { kind: 'processed', ticketId: last?.id ?? result.joinedTicketId, ticketNumber: last?.number };
}

/** How many messages this sender sent in the last minute and day (this one included), for the limits. */
async function recentMessages(deps: IntakeDeps, message: Message): Promise<{ minute: number; day: number }> {
  const since = (ms: number) =>
    deps.db.prisma.message.count({
      where: {
        direction: 'INBOUND',
        channel: message.channel,
        channelUserId: message.channelUserId,
        createdAt: { gt: new Date(message.createdAt.getTime() - ms), lte: message.createdAt },
      },
    });
  const [minute, day] = await Promise.all([since(60_000), since(86_400_000)]);
  return { minute, day };
}

/**
 * The model's suggestion for a ticket's description: masked and normalised first, as for every model;
 * embedded first too, so a model trained with sentence embeddings gets the vector.
 */
function classifier(deps: IntakeDeps): ClassifyText {
  return async (description) => {
    const prepared = prepareText(description).normalized;
    const embedded = await embed(deps, prepared);
    const classification = deps.classifier.current()?.classify(prepared, deps.catalogue.current(), embedded?.context);
    const departments = suggestedDepartments(deps.catalogue.current(), classification);
    return {
      suggestion: suggestionRow(classification, departments),
      requestType: classification?.requestType[0]?.value,
      urgency: classification?.urgency[0]?.value,
      embedding: embedded?.stored,
    };
  };
}

/** A channel without a dialog (the API, Open311, or turned off): every message with content is one ticket. */
async function processDirect(
  deps: IntakeDeps,
  adapter: ChannelAdapter,
  message: Message & { attachments: Attachment[] },
  text: string,
): Promise<ProcessOutcome> {
  const decision = decideIntake({ kind: message.kind, text, event: eventName(message), hasMedia: message.attachments.length > 0 });
  // Classification is pure and runs before the transaction, so locks are held only for the writes.
  // Models see the message with personal data replaced by tags, simplified and normalised.
  const prepared = decision.ticket && text ? prepareText(text).normalized : undefined;
  // Embedded before classifying: a model trained with sentence embeddings takes the vector.
  const embedded = prepared ? await embed(deps, prepared) : undefined;
  const classification = prepared ? deps.classifier.current()?.classify(prepared, deps.catalogue.current(), embedded?.context) : undefined;
  const departments = suggestedDepartments(deps.catalogue.current(), classification);

  const result = await deps.db.transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Message" WHERE id = ${message.id}::uuid FOR UPDATE`;
    if (locked?.status !== 'RECEIVED') return undefined;
    const who = await identify(tx, message, deps.now());
    const chosen = chosenCategory(message, deps.catalogue.current());
    const ticket = decision.ticket
      ? await createAcceptedTicket(tx, deps.timeZone, deps.now(), {
          citizenId: who.citizenId,
          conversationId: who.conversationId,
          categoryId: chosen
            ? (await tx.category.findFirst({ where: { code: chosen, active: true }, select: { id: true } }))?.id
            : undefined,
          ...ticketFields(message, text, classification),
          ...embedded?.stored,
          suggestion: suggestionRow(classification, departments),
        })
      : undefined;
    const reply = decision.reply && adapter.canReply ? replyText(deps, decision.reply, message, text, ticket?.number) : undefined;
    const outboundId = reply
      ? await prepareOutbound(tx, {
          channel: message.channel,
          channelUserId: message.channelUserId,
          text: reply.text,
          language: reply.language,
          purpose: 'reply',
          idempotencyKey: `reply-${message.id}`,
          replyToId: message.id,
          citizenId: who.citizenId,
          conversationId: who.conversationId,
          ticketId: ticket?.id,
        })
      : undefined;
    await tx.message.update({
      where: { id: message.id },
      data: {
        status: 'PROCESSED',
        processedAt: deps.now(),
        ticketId: ticket?.id,
        citizenId: who.citizenId,
        conversationId: who.conversationId,
      },
    });
    return { ticket, outboundId };
  });
  if (!result) return { kind: 'already-processed' };
  if (result.outboundId) await enqueueOutbound(deps, result.outboundId, message.channel);
  if (result.ticket) await autoRoute(deps, result.ticket.id);
  if (result.ticket) await deps.bus.publish(topics.reviewQueue, { ticketId: result.ticket.id, number: result.ticket.number });
  return { kind: 'processed', ticketId: result.ticket?.id, ticketNumber: result.ticket?.number };
}

/**
 * The category the sender picked (an Open311 service_code), when it is still live: the ticket starts
 * with it and the agent confirms or corrects it; the model's own suggestion is kept apart, so its
 * accuracy is measured on what it said.
 */
function chosenCategory(message: Message, catalogue: Catalogue): string | undefined {
  const code = (message.payload as { categoryCode?: unknown } | null)?.categoryCode;
  return typeof code === 'string' && catalogue.get(code) ? code : undefined;
}

function eventName(message: Message): string | undefined {
  return (message.payload as { raw?: unknown; event?: { name?: string } } | null)?.event?.name;
}

/**
 * The text's vector: stored on the ticket for the similar-ticket search (without it that search compares
 * n-grams alone), and given to the classifier with its model id (a model trained with that embedder uses it).
 */
async function embed(
  deps: IntakeDeps,
  text: string,
): Promise<{ stored: { embedding: Uint8Array<ArrayBuffer>; embeddingModel: string }; context: ClassifyContext } | undefined> {
  if (!deps.embedder) return undefined;
  try {
    const [vector] = await deps.embedder.embed([text]);
    if (!vector) return undefined;
    return {
      stored: {
        // A copy of exactly the vector's bytes (the model's output may share a larger buffer).
        embedding: new Uint8Array(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength)),
        embeddingModel: deps.embedder.modelId,
      },
      context: { embedding: vector, embeddingModel: deps.embedder.modelId },
    };
  } catch (error) {
    // A ticket never waits for, or fails on, an optional model: it is classified without the vector.
    deps.logger.warn({ err: error }, 'the message could not be embedded; similar tickets use n-grams for it');
    return undefined;
  }
}

function ticketFields(message: Message & { attachments: { kind: string }[] }, text: string, classification: Classification | undefined) {
  const voiceOnly = !text && message.kind === 'voice';
  return {
    channel: message.channel,
    originMessageId: message.id,
    description: text || (voiceOnly ? '（语音留言，未转写，见附件）' : '（无文字内容，见附件）'),
    locationText: message.locationText,
    lat: message.lat,
    lng: message.lng,
    datum: message.datum,
    requestType: classification?.requestType[0]?.value,
    urgency: classification?.urgency[0]?.value ?? 'NORMAL',
    reporterConfidential: classification?.requestType[0]?.value === 'REPORT',
  } as const;
}

/**
 * The units suggested for a ticket: the catalogue's (lead units of the likely categories) blended half
 * and half with the department model's opinion (the units agents routed similar texts to), by
 * nlu/department/department-ranking.ts. When the two disagree both first choices stay listed, each
 * with both opinions' scores; only units active in the catalogue are named. Without a department
 * model the catalogue's suggestion is the answer.
 */
function suggestedDepartments(catalogue: Catalogue, classification: Classification | undefined): DepartmentScore[] {
  if (!classification) return [];
  const byCatalogue = catalogue.suggestDepartments(classification.categories, 5);
  return rankDepartments(byCatalogue, classification.departments ?? [], (code) => catalogue.department(code)?.name).departments;
}

function suggestionRow(classification: Classification | undefined, departments: DepartmentScore[]) {
  return {
    modelVersion: classification?.modelVersion ?? 'none',
    categories: toJson(classification?.categories ?? []),
    departments: toJson(departments),
    requestType: toJson(classification?.requestType ?? []),
    urgency: toJson(classification?.urgency ?? []),
    band: classification?.band ?? 'ABSTAIN',
  };
}

function replyText(deps: Pick<IntakeDeps, 'texts'>, key: ReplyKey, message: Message, text: string, ticketNumber: string | undefined) {
  const language = detectLanguage(text || message.text);
  return { language, text: deps.texts.render(key, language, { number: ticketNumber ?? '' }) };
}
