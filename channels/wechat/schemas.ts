/** WeChat's XML messages by MsgType/Event and its API answers, validated at the boundary (every value a string). */
import { z } from 'zod';

/** MsgId is a 64-bit integer: it stays a decimal string (2^53 is too small). */
const msgId = z.string().regex(/^\d{1,20}$/, 'must be a decimal message id');
const unixSeconds = z.string().regex(/^\d{1,12}$/, 'must be Unix seconds');
/** OpenIDs are 28 characters of [A-Za-z0-9_-]; a little room for other account types. */
const openId = z.string().regex(/^[\w-]{6,128}$/, 'must be an OpenID');
const mediaId = z.string().regex(/^[\w@.=+/-]{1,256}$/, 'must be a MediaId');
const label = (max: number) => z.string().max(max);

/** Decimal degrees as WeChat writes them (`23.134521`), bounded like latitude or longitude. */
const coordinate = (limit: number) =>
  z
    .string()
    .regex(/^-?\d{1,3}(\.\d+)?$/, 'must be decimal degrees')
    .transform(Number)
    .pipe(z.number().min(-limit).max(limit));

/** What every push carries. */
export const baseSchema = z.object({
  ToUserName: z.string().min(1, 'must name the account').max(128),
  FromUserName: openId,
  CreateTime: unixSeconds,
  MsgType: z.string().regex(/^[A-Za-z_]{1,64}$/, 'must be a message type'),
});

const message = baseSchema.extend({ MsgId: msgId, MsgDataId: z.string().max(64).optional(), Idx: z.string().max(8).optional() });

export const userMessageSchema = z.discriminatedUnion('MsgType', [
  message.extend({ MsgType: z.literal('text'), Content: label(20_000) }),
  message.extend({ MsgType: z.literal('image'), MediaId: mediaId, PicUrl: label(2_000).optional() }),
  message.extend({
    MsgType: z.literal('voice'),
    MediaId: mediaId,
    Format: label(16).optional(),
    /** Speech-to-text by WeChat, only when 接收语音识别结果 is on. */
    Recognition: label(5_000).optional(),
  }),
  message.extend({ MsgType: z.enum(['video', 'shortvideo']), MediaId: mediaId, ThumbMediaId: mediaId.optional() }),
  message.extend({
    MsgType: z.literal('location'),
    Location_X: coordinate(90),
    Location_Y: coordinate(180),
    Scale: label(16).optional(),
    Label: label(500).optional(),
  }),
  message.extend({
    MsgType: z.literal('link'),
    Title: label(1_000).optional(),
    Description: label(5_000).optional(),
    Url: label(2_000).optional(),
  }),
]);

export type UserMessage = z.infer<typeof userMessageSchema>;

/**
 * A tap on an option of a customer-service menu (msgmenu, see outbound.ts): WeChat sends a text whose
 * Content is the option's words and `bizmsgmenuid` its id. The MsgId is optional here because taps have
 * been reported without one (unconfirmed); such a tap is deduplicated like an event.
 */
export const menuChoiceSchema = baseSchema.extend({
  MsgType: z.literal('text'),
  Content: label(20_000),
  bizmsgmenuid: z.string().regex(/^[^\p{Cc}\s]{1,128}$/u, 'must be a menu option id'),
  MsgId: msgId.optional(),
});

export type MenuChoice = z.infer<typeof menuChoiceSchema>;
export const USER_MESSAGE_TYPES: ReadonlySet<string> = new Set(['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link']);

export const eventSchema = baseSchema.extend({
  MsgType: z.literal('event'),
  Event: z.string().min(1, 'must name the event').max(64),
  EventKey: label(1_000).optional(),
  Ticket: label(512).optional(),
});

/** Location report (if enabled): on entering the chat or every 5 s. */
export const locationEventSchema = eventSchema.extend({
  Event: z.literal('LOCATION'),
  Latitude: coordinate(90),
  Longitude: coordinate(180),
  Precision: label(32).optional(),
});

/** Delivery result of a template message; `MsgID` (sic) is the msgid template/send returned. */
export const templateJobSchema = eventSchema.extend({
  Event: z.literal('TEMPLATESENDJOBFINISH'),
  MsgID: msgId,
  Status: label(200),
});

/** A MsgType suqiu does not know yet: stored as an event, deduplicated by its MsgId when it has one. */
export const otherSchema = baseSchema.extend({ MsgId: msgId.optional() });

// ——— API answers ———

/** Every API answer may carry an in-band error, with HTTP 200. */
export const apiErrorSchema = z.object({ errcode: z.number().int(), errmsg: z.string().optional() }).loose();

export const tokenAnswerSchema = z.object({
  access_token: z.string().min(1).max(2_048),
  expires_in: z.number().int().positive(),
});

export const sendAnswerSchema = z.object({ errcode: z.literal(0), errmsg: z.string().optional() }).loose();

export const templateAnswerSchema = z
  // A number beyond 2^53 arrives rounded here; the client reads the exact digits from the text.
  .object({ errcode: z.literal(0).optional(), msgid: z.union([z.number().nonnegative(), z.string().regex(/^\d+$/)]) })
  .loose();

/** media/get answers a video MediaId with a download link instead of bytes. */
export const videoAnswerSchema = z.object({ video_url: z.url({ protocol: /^https?$/ }) }).loose();

// ——— API requests ———

export interface CustomTextMessage {
  touser: string;
  msgtype: 'text';
  text: { content: string };
}

/** 菜单消息: the words, then one tappable line per option; a tap comes back as a text with `bizmsgmenuid`. */
export interface CustomMenuMessage {
  touser: string;
  msgtype: 'msgmenu';
  msgmenu: { head_content: string; list: { id: string; content: string }[]; tail_content: string };
}

export type CustomMessage = CustomTextMessage | CustomMenuMessage;

/** A custom-menu button: a CLICK button (pushes a CLICK event with its key), or a group of them. */
export type MenuButton =
  { type: 'click'; name: string; key: string } | { name: string; sub_button: { type: 'click'; name: string; key: string }[] };

/** The body of `POST /cgi-bin/menu/create`. */
export interface MenuDefinition {
  button: MenuButton[];
}

export interface TemplateMessage {
  touser: string;
  template_id: string;
  url?: string;
  /** Deduplicates sends on WeChat's side: the outbound message id. */
  client_msg_id: string;
  data: Record<string, { value: string }>;
}
