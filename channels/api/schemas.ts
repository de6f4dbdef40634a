import { z } from 'zod';

const base64 = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');

const attachment = z.union([
  z
    .object({
      url: z.url({ protocol: /^https?$/ }),
      mime: z.string().max(100).optional(),
      name: z.string().max(200).optional(),
    })
    .strict(),
  z
    .object({
      data: base64,
      mime: z.string().regex(/^(image|audio|video)\/[\w.+-]+$/, 'must be an image/, audio/ or video/ type'),
      name: z.string().max(200).optional(),
    })
    .strict(),
]);

const location = z
  .object({
    text: z.string().trim().min(1).max(500).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    datum: z.enum(['WGS84', 'GCJ02']).default('WGS84'),
  })
  .strict()
  .refine((l) => (l.lat === undefined) === (l.lng === undefined), { message: 'lat and lng go together' })
  .refine((l) => l.text !== undefined || l.lat !== undefined, { message: 'give text or lat/lng' });

export const apiMessageSchema = z
  .object({
    externalId: z.string().trim().min(1).max(200).describe('Your id of this message; a repeat is stored once'),
    citizen: z
      .object({
        id: z.string().trim().min(1).max(128).describe('Your id of the citizen (caller number, app user id …)'),
        name: z.string().trim().min(1).max(100).optional(),
        phone: z
          .string()
          .trim()
          .regex(/^\+?[0-9][0-9 -]{4,19}$/, 'must be a phone number')
          .optional(),
      })
      .strict(),
    text: z.string().trim().min(1, 'must not be empty').max(20_000).describe('What the citizen said or wrote (a call transcript)'),
    attachments: z.array(attachment).max(10).optional(),
    location: location.optional(),
    sentAt: z.iso.datetime({ offset: true }).optional(),
    metadata: z.record(z.string().max(64), z.union([z.string().max(1_000), z.number(), z.boolean()])).optional(),
  })
  .strict();

export type ApiMessage = z.infer<typeof apiMessageSchema>;

/** What suqiu POSTs to the configured callback URL for each reply. */
export interface ApiCallbackBody {
  type: 'reply';
  messageId: string;
  citizenId: string;
  text: string;
  inReplyTo?: string;
  ticket?: { id: string; number: string; status: string };
}
