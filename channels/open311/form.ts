/**
 * Decodes a GeoReport v2 form body (`application/x-www-form-urlencoded; charset=utf-8`) into plain
 * fields and attributes. The api_key never leaves this function: it was checked by the HTTP layer
 * and must not be stored with the message.
 */
import { err, ok, type Result } from '../../core/result.js';
import type { ParseError } from '../types.js';
import type { Attributes } from './schemas.js';

export interface DecodedForm {
  fields: Record<string, string>;
  attributes: Attributes;
}

const ATTRIBUTE = /^attribute\[([^[\]]{1,100})\](\[\])?$/;
const LIMITS = { attributes: 100, values: 100, valueLength: 1_000 };

export function isFormRequest(contentType: string | undefined): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(contentType?.trim() ?? '');
}

/** Only UTF-8 is accepted, as the specification prescribes; no charset means UTF-8. */
export function checkContentType(contentType: string | undefined): ParseError | undefined {
  if (!isFormRequest(contentType)) return { message: 'the body must be application/x-www-form-urlencoded; charset=utf-8' };
  const charset = /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) return { message: `charset ${charset} is not supported; send UTF-8` };
  return undefined;
}

/** Maps while collecting: a key like `constructor` or `__proto__` is just a key. */
export function decodeForm(rawBody: Buffer): Result<DecodedForm, ParseError> {
  const fields = new Map<string, string>();
  const attributes = new Map<string, string | string[]>();
  for (const [key, rawValue] of new URLSearchParams(rawBody.toString('utf8'))) {
    if (key === 'api_key') continue;
    // Forms send CRLF line breaks; the description is stored with plain LF.
    const value = rawValue.replace(/\r\n?/g, '\n').trim();
    if (key.startsWith('attribute[')) {
      const added = addAttribute(attributes, key, value);
      if (added) return err(added);
      continue;
    }
    if (value === '') continue; // an empty optional parameter equals an absent one
    if (fields.has(key))
      return err({ message: `${key} is given more than once`, issues: [{ path: key, message: 'given more than once' }] });
    fields.set(key, value);
  }
  return ok({ fields: Object.fromEntries(fields), attributes: Object.fromEntries(attributes) });
}

function addAttribute(attributes: Map<string, string | string[]>, key: string, value: string): ParseError | undefined {
  const match = ATTRIBUTE.exec(key);
  if (!match) return { message: `${key}: attributes are sent as attribute[code]=value or attribute[code][]=value` };
  const [, code, list] = match as unknown as [string, string, string | undefined];
  if (value.length > LIMITS.valueLength) return { message: `${key}: at most ${LIMITS.valueLength} characters` };
  if (value === '') return undefined; // empty equals absent, for attributes too
  const existing = attributes.get(code);
  if (existing === undefined) {
    if (attributes.size >= LIMITS.attributes) return { message: `at most ${LIMITS.attributes} attributes` };
    attributes.set(code, list ? [value] : value);
    return undefined;
  }
  // A repeated code (with or without []) is a list, in the order sent.
  const values = Array.isArray(existing) ? existing : [existing];
  if (values.length >= LIMITS.values) return { message: `${key}: at most ${LIMITS.values} values` };
  attributes.set(code, [...values, value]);
  return undefined;
}
