/** The tickets a conversation files: a confirmed report, a consultation, an emergency, a hand-off. */
import type { RequestType, Urgency } from '../../core/db/generated/client.js';
import type { Tx } from '../../core/db/database.js';
import type { IntakeDeps } from '../deps.js';
import { createAcceptedTicket, recordEvent, type SuggestionRow } from '../ticket-store.js';
import type { CreateTicket, DialogTurn } from './types.js';

/** The model's view of a description, computed by the caller (intake/process-inbound.ts). */
export type ClassifyText = (text: string) => Promise<{
  suggestion: SuggestionRow;
  requestType?: RequestType;
  urgency?: Urgency;
  embedding?: { embedding: Uint8Array<ArrayBuffer>; embeddingModel: string };
}>;

export async function createDialogTicket(
  tx: Tx,
  deps: Pick<IntakeDeps, 'timeZone' | 'now'>,
  action: CreateTicket,
  turn: DialogTurn & { classify: ClassifyText },
): Promise<{ id: string; number: string }> {
  const { message, who } = turn;
  const draft = action.draft;
  const seen = await turn.classify(action.description);
  const requestType: RequestType | undefined = action.purpose === 'consult' ? 'CONSULT' : seen.requestType;
  const urgency: Urgency = action.purpose === 'emergency' ? 'EXTRA_URGENT' : (seen.urgency ?? 'NORMAL');
  const ticket = await createAcceptedTicket(tx, deps.timeZone, deps.now(), {
    citizenId: who.citizenId,
    conversationId: who.conversationId,
    channel: message.channel,
    originMessageId: message.id,
    description: action.description,
    locationText: draft?.where ?? null,
    lat: draft?.lat ?? null,
    lng: draft?.lng ?? null,
    datum: draft?.datum ?? null,
    requestType,
    urgency,
    reporterConfidential: requestType === 'REPORT',
    consentContact: draft?.consentContact ?? false,
    consentPublish: draft?.publish ?? false,
    flags: action.flags,
    ...seen.embedding,
    suggestion: seen.suggestion,
  });
  const others = action.messageIds.filter((id) => id !== message.id);
  if (others.length > 0) {
    // Earlier messages of the report (photos, voice, a location) join the ticket with their files.
    await tx.message.updateMany({ where: { id: { in: others }, direction: 'INBOUND', ticketId: null }, data: { ticketId: ticket.id } });
  }
  if (draft?.consentContact && draft.phone) {
    await tx.citizen.update({ where: { id: who.citizenId }, data: { phone: draft.phone } });
  }
  if (action.flags.length > 0) {
    await recordEvent(tx, {
      ticketId: ticket.id,
      event: 'flag',
      actorType: 'SYSTEM',
      after: { flags: action.flags, purpose: action.purpose },
    });
  }
  return ticket;
}
