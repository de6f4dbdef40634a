/**
 * The parts of the Bot API Update that suqiu reads (https://core.telegram.org/bots/api#update).
 * Objects are loose: Telegram adds fields with every API version, and an unknown field must not
 * turn a citizen's message into a 400. Ids fit in 52 bits (safe JS numbers); they become strings on
 * the way out.
 */
import { z } from 'zod';

const id = z.number().int();

export const userSchema = z.looseObject({
  id,
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

export const chatSchema = z.looseObject({
  id,
  type: z.string().min(1),
  title: z.string().optional(),
});

const file = {
  file_id: z.string().min(1),
  file_unique_id: z.string(),
  file_size: z.number().int().nonnegative().optional(),
};

const photoSize = z.looseObject({ ...file, width: z.number().int(), height: z.number().int() });
const mediaFile = z.looseObject({ ...file, mime_type: z.string().optional(), file_name: z.string().optional() });

export const locationSchema = z.looseObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  horizontal_accuracy: z.number().optional(),
  live_period: z.number().optional(),
});

const entity = z.looseObject({
  type: z.string(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  user: userSchema.optional(),
});

export const messageSchema = z.looseObject({
  message_id: id,
  date: z.number().int().nonnegative(),
  edit_date: z.number().int().nonnegative().optional(),
  from: userSchema.optional(),
  /** Set when the message was sent on behalf of a channel or an anonymous group admin. */
  sender_chat: chatSchema.optional(),
  chat: chatSchema,
  text: z.string().optional(),
  entities: z.array(entity).optional(),
  caption: z.string().optional(),
  caption_entities: z.array(entity).optional(),
  /** Increasing sizes of one picture. */
  photo: z.array(photoSize).min(1).optional(),
  voice: mediaFile.optional(),
  audio: mediaFile.optional(),
  video: mediaFile.optional(),
  video_note: mediaFile.optional(),
  animation: mediaFile.optional(),
  document: mediaFile.optional(),
  location: locationSchema.optional(),
  venue: z.looseObject({ location: locationSchema, title: z.string(), address: z.string() }).optional(),
  contact: z
    .looseObject({
      phone_number: z.string().min(1),
      first_name: z.string(),
      last_name: z.string().optional(),
      user_id: id.optional(),
    })
    .optional(),
  reply_to_message: z.looseObject({ message_id: id, from: userSchema.optional() }).optional(),
});

export const callbackQuerySchema = z.looseObject({
  id: z.string().min(1),
  from: userSchema,
  message: z.looseObject({ message_id: id, chat: chatSchema }).optional(),
  data: z.string().optional(),
});

export const chatMemberUpdatedSchema = z.looseObject({
  chat: chatSchema,
  from: userSchema,
  date: z.number().int().nonnegative(),
  new_chat_member: z.looseObject({ status: z.string() }),
});

/** `update_id` plus exactly one payload field (which one decides the schema of its value). */
export const updateSchema = z.looseObject({ update_id: z.number().int().nonnegative() }).superRefine((update, ctx) => {
  const payloads = payloadKeys(update);
  if (payloads.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message:
        payloads.length === 0
          ? 'an update carries one payload field; there is none'
          : `one payload field expected, got ${payloads.join(', ')}`,
    });
  }
});

export function payloadKeys(update: Record<string, unknown>): string[] {
  return Object.keys(update).filter((key) => key !== 'update_id' && update[key] !== undefined);
}

export type TelegramUser = z.infer<typeof userSchema>;
export type TelegramChat = z.infer<typeof chatSchema>;
export type TelegramMessage = z.infer<typeof messageSchema>;
export type TelegramEntity = z.infer<typeof entity>;

/** What the channel identity remembers to reach the citizen (InboundMessage.address). */
export const telegramAddressSchema = z.object({ chatId: z.string().regex(/^-?\d{1,20}$/) });
export type TelegramAddress = z.infer<typeof telegramAddressSchema>;
