/**
 * The POST requests form of GeoReport v2 (DOMAIN.md §11.6) after form decoding. Every value arrives
 * as a string; an empty value counts as absent (the specification says so).
 */
import { z } from 'zod';

const text = (max: number) => z.string().max(max, `at most ${max} characters`).optional();

/** Decimal degrees as a string, e.g. `37.76524078`; exponents and hex are not coordinates. */
const degrees = (limit: number) =>
  z
    .string()
    .regex(/^[+-]?\d{1,3}(\.\d{1,15})?$/, 'must be decimal degrees')
    .transform(Number)
    .refine((value) => Math.abs(value) <= limit, `must be between -${limit} and ${limit}`)
    .optional();

/** Tags, not markup: the specification forbids HTML in a description. */
const HTML_TAG = /<\/?[A-Za-z!][^<>]*>/;

/** Counted in characters as people see them (code points), not UTF-16 units. */
const MAX_DESCRIPTION = 4_000;

export const open311FormSchema = z
  .object({
    jurisdiction_id: text(100),
    service_code: z.string({ error: 'required' }).min(1, 'required').max(100),
    lat: degrees(90),
    long: degrees(180),
    address_string: text(500),
    address_id: text(100),
    email: z.email('must be an e-mail address').max(254).optional(),
    device_id: text(200),
    account_id: text(200),
    first_name: text(100),
    last_name: text(100),
    phone: z
      .string()
      .regex(/^\+?[0-9][0-9 ()-]{2,24}$/, 'must be a phone number')
      .optional(),
    description: z
      .string({ error: 'required' })
      .min(1, 'required')
      .refine((value) => [...value].length <= MAX_DESCRIPTION, `at most ${MAX_DESCRIPTION} characters`)
      .refine((value) => !HTML_TAG.test(value), 'must not contain HTML'),
    media_url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2_000)
      .optional(),
  })
  .refine((form) => (form.lat === undefined) === (form.long === undefined), { message: 'lat and long go together', path: ['long'] })
  .refine((form) => form.lat !== undefined || form.address_string !== undefined || form.address_id !== undefined, {
    message: 'a location is required: lat and long, address_string or address_id',
    path: ['lat'],
  });

export type Open311Form = z.infer<typeof open311FormSchema>;

/** `attribute[code]=v` is one value, `attribute[code][]=v` (repeated) a list; both are kept as sent. */
export type Attributes = Record<string, string | string[]>;

/** The Idempotency-Key header (not in GeoReport v2; the common HTTP convention). */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1–255 visible ASCII characters');

/** One service of `GET services` (DOMAIN.md §11.6). */
export interface Open311Service {
  [field: string]: string | boolean | null;
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string | null;
}

/** One service request object of `GET requests` (DOMAIN.md §11.6). */
export interface Open311ServiceRequest {
  [field: string]: string | number | null;
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}
