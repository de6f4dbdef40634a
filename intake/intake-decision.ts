/**
 * What a stored message becomes. Content (words, a photo, a voice note) becomes a ticket; a follow,
 * a shared location or a shared contact alone does not, but gets an answer; other events are kept
 * and otherwise ignored. Pure, so the rules read as a table (test/unit/intake-decision.test.ts).
 */
export type ReplyKey = 'ticketAccepted' | 'voiceNeedsText' | 'welcome' | 'locationReceived' | 'contactLinked';

export type IntakeDecision = { ticket: true; reply: 'ticketAccepted' | 'voiceNeedsText' } | { ticket: false; reply?: ReplyKey };

export interface DecisionInput {
  kind: string;
  text: string;
  event?: string;
  hasMedia: boolean;
}

export function decideIntake(message: DecisionInput): IntakeDecision {
  if (message.kind === 'event') return { ticket: false, reply: message.event?.toLowerCase() === 'subscribe' ? 'welcome' : undefined };
  if (message.kind === 'location' && !message.text) return { ticket: false, reply: 'locationReceived' };
  if (message.kind === 'contact' && !message.text) return { ticket: false, reply: 'contactLinked' };
  if (message.text) return { ticket: true, reply: 'ticketAccepted' };
  if (message.kind === 'voice' && message.hasMedia) return { ticket: true, reply: 'voiceNeedsText' };
  if (message.hasMedia) return { ticket: true, reply: 'ticketAccepted' };
  return { ticket: false };
}
