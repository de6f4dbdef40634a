/**
 * A citizen's conversation state, stored in Conversation.state (JSON) and read inside the worker's
 * transaction with the conversation row locked: the database is the only store, so a restart or
 * another worker continues exactly where the last message left off. Anything unreadable (an older
 * shape, a hand edit) starts over rather than failing the message.
 */
import { z } from 'zod';

const draftSchema = z.object({
  what: z.string().optional(),
  where: z.string().optional(),
  whereSkipped: z.boolean().optional(),
  lat: z.number().optional(),
  lng: z.number().optional(),
  datum: z.string().optional(),
  phone: z.string().optional(),
  consentContact: z.boolean().optional(),
  publish: z.boolean().optional(),
  photos: z.number().int().min(0).default(0),
  /** Every message of the report: they join the ticket, with their photos, voice and locations. */
  messageIds: z.array(z.string()).default([]),
});
export type Draft = z.infer<typeof draftSchema>;

export const ASKS = ['what', 'where', 'contact', 'contactConsent', 'publish', 'confirm', 'editWhich'] as const;
export type Ask = (typeof ASKS)[number];

const entrySchema = z.object({ id: z.string(), question: z.string(), answer: z.string() });
export type OfferedEntry = z.infer<typeof entrySchema>;

const flowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }),
  z.object({ kind: z.literal('report'), asking: z.enum(ASKS), draft: draftSchema }),
  /** The closest knowledge-base entries were offered for a question. */
  z.object({ kind: z.literal('offer'), question: z.string(), messageId: z.string(), entries: z.array(entrySchema) }),
  /** An entry answered a question; waiting for "did it help?". */
  z.object({ kind: z.literal('feedback'), question: z.string(), messageId: z.string(), entryId: z.string() }),
  /** Handed to a person: messages join the ticket, the bot keeps quiet. */
  z.object({ kind: z.literal('human'), ticketId: z.string(), number: z.string() }),
]);
export type Flow = z.infer<typeof flowSchema>;

const callbackSchema = z.object({
  ticketId: z.string(),
  number: z.string(),
  step: z.enum(['resolved', 'satisfaction', 'comment']),
  /** When the question was asked (ISO): unanswered callbacks lapse. */
  askedAt: z.string(),
});
export type PendingCallback = z.infer<typeof callbackSchema>;

export const dialogStateSchema = z.object({
  v: z.literal(1).default(1),
  language: z.enum(['zh', 'en']).optional(),
  flow: flowSchema.default({ kind: 'idle' }),
  /** A satisfaction callback waiting for the citizen's answer; it runs alongside any flow. */
  callback: callbackSchema.optional(),
  /** When the flow last moved (ISO), for time-outs. */
  at: z.string().optional(),
  /** Start of the minute in which the citizen was last told to slow down (ISO): told once per minute. */
  slowedAt: z.string().optional(),
});
export type DialogState = z.infer<typeof dialogStateSchema>;

export function readState(stored: unknown): DialogState {
  const parsed = dialogStateSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : dialogStateSchema.parse({});
}
