/** Twilio's webhook parameters and REST answers, validated at the boundary. */
import { z } from 'zod';

/** Twilio SIDs: two letters and 32 hex digits (SM…/MM… messages, AC… accounts, ME… media). */
const sid = (prefix: string, example: string) =>
  z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio id like ${example}… (34 characters)`);

/** `+8613…`, `whatsapp:+8613…`, or another Twilio channel's address (`messenger:…`). */
const address = z
  .string()
  .regex(/^(?:[a-z][a-z0-9-]*:)?\+?[0-9]{3,15}$|^[a-z][a-z0-9-]*:\S{1,200}$/, 'must be a phone number (E.164) or channel:address');

const coordinate = (limit: number) =>
  z
    .string()
    .regex(/^-?\d{1,3}(\.\d+)?$/, 'must be decimal degrees')
    .transform(Number)
    .pipe(z.number().min(-limit).max(limit));

/** The parameters suqiu reads (first value of each); the rest stays in `raw`. */
export const twilioInboundSchema = z
  .object({
    MessageSid: sid('[A-Z]{2}', 'SM'),
    AccountSid: sid('AC', 'AC'),
    From: address,
    To: z.string().max(200).optional(),
    Body: z.string().max(20_000).default(''),
    NumMedia: z
      .string()
      .regex(/^\d{1,2}$/, 'must be a count')
      .default('0')
      .transform(Number)
      .pipe(z.number().max(10, 'Twilio sends at most 10 media')),
    ProfileName: z.string().max(200).optional(),
    Latitude: coordinate(90).optional(),
    Longitude: coordinate(180).optional(),
    Address: z.string().max(500).optional(),
    Label: z.string().max(500).optional(),
    MessageType: z.string().max(50).optional(),
    OptOutType: z.string().max(50).optional(),
    SmsStatus: z.string().max(50).optional(),
    MessageStatus: z.string().max(50).optional(),
  })
  .loose()
  .refine((p) => (p.Latitude === undefined) === (p.Longitude === undefined), { message: 'Latitude and Longitude go together' });

export type TwilioInbound = z.infer<typeof twilioInboundSchema>;

export const twilioMediaSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  mime: z
    .string()
    .regex(/^[\w.+-]+\/[\w.+-]+/, 'must be a MIME type')
    .optional(),
});

/** `POST …/Messages.json` answered 201: a message resource. */
export const twilioMessageSchema = z
  .object({
    sid: sid('[A-Z]{2}', 'SM'),
    status: z.string(),
    error_code: z.number().nullable().optional(),
    error_message: z.string().nullable().optional(),
  })
  .loose();

/** Twilio's REST error body (4xx/5xx). */
export const twilioErrorSchema = z
  .object({ code: z.number().optional(), message: z.string().optional(), status: z.number().optional() })
  .loose();
