/**
 * The parameters of a Twilio webhook, read from the raw bytes exactly as they were signed. Twilio
 * adds parameters without notice, so every one is kept — dropping unknown ones before validating
 * would break the signature (DOMAIN.md §11.2).
 */
import { err, ok, type Result } from '../../core/result.js';
import type { ParseError, RawRequest } from '../types.js';

/** Every value of every parameter, in the order received (a name may repeat). */
export type TwilioParams = ReadonlyMap<string, readonly string[]>;

/** Twilio's JSON webhooks put `bodySHA256` in the URL; form webhooks never do. */
export function bodyHashOf(signedUrl: string): string | undefined {
  const query = signedUrl.split('#')[0]?.split('?')[1];
  return query === undefined ? undefined : (new URLSearchParams(query).get('bodySHA256') ?? undefined);
}

/** `application/x-www-form-urlencoded`: `+` is a space and values are percent-decoded, as Twilio signed them. */
export function formParams(rawBody: Buffer): TwilioParams {
  const params = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawBody.toString('utf8'))) params.set(name, [...(params.get(name) ?? []), value]);
  return params;
}

/** A JSON webhook body as parameters: scalars become strings, arrays repeat the name, nested objects stay in `raw` only. */
export function jsonParams(rawBody: Buffer): Result<TwilioParams, ParseError> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return err({ message: 'the body is not valid JSON' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return err({ message: 'the JSON body must be an object' });
  const params = new Map<string, string[]>();
  for (const [name, value] of Object.entries(body)) {
    const values = (Array.isArray(value) ? value : [value]).filter(isScalar).map(String);
    if (values.length > 0) params.set(name, values);
  }
  return ok(params);
}

/** The parameters of the request: JSON when the URL carries `bodySHA256` (as Twilio's validators decide), the form body otherwise. */
export function requestParams(req: RawRequest): Result<TwilioParams, ParseError> {
  return bodyHashOf(req.url) === undefined ? ok(formParams(req.rawBody)) : jsonParams(req.rawBody);
}

export function first(params: TwilioParams, name: string): string | undefined {
  return params.get(name)?.[0];
}

/** For `raw`: one value stays a string, repeated names become arrays. */
export function paramsRecord(params: TwilioParams): Record<string, string | string[]> {
  return Object.fromEntries([...params].map(([name, values]) => [name, values.length === 1 ? values[0]! : [...values]]));
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
