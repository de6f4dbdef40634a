/**
 * `X-Twilio-Signature` (DOMAIN.md §11.2, pinned by test/fixtures/sms-twilio/vectors.json): HMAC-SHA1
 * with the auth token over the exact URL Twilio requested followed by every POST parameter, sorted
 * by name, as `name + value` with no separators. JSON bodies are signed through the URL alone, which
 * carries `bodySHA256` = hex SHA-256 of the raw body. Verification only, no I/O.
 */
import { createHash, createHmac } from 'node:crypto';

import { secretsEqual } from '../sms/safe-equal.js';
import type { RawRequest } from '../types.js';
import { bodyHashOf, first, formParams, requestParams, type TwilioParams } from './params.js';

export interface TwilioVerifyConfig {
  accountSid: string;
  authToken: string;
  webhookUrl?: string;
}

/**
 * The string Twilio signs. A repeated name contributes each distinct value in sorted order, as
 * Twilio's own validators build it (twilio-node `toFormUrlEncodedParam`).
 */
export function stringToSign(url: string, params: TwilioParams): string {
  let data = url;
  for (const name of [...params.keys()].sort()) {
    for (const value of [...new Set(params.get(name))].sort()) data += name + value;
  }
  return data;
}

export function twilioSignature(authToken: string, url: string, params: TwilioParams = new Map()): string {
  return createHmac('sha1', authToken).update(stringToSign(url, params), 'utf8').digest('base64');
}

/**
 * Twilio's back end is inconsistent about default ports, so its libraries accept the URL with and
 * without `:443` (https) or `:80` (http). Built on the string, not through `new URL`, which would
 * re-encode the path and query that Twilio signed byte for byte.
 */
export function urlVariants(url: string): string[] {
  const match = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!match) return [url];
  const [, scheme = '', authority = '', rest = ''] = match;
  const at = authority.lastIndexOf('@');
  const userinfo = authority.slice(0, at + 1);
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority.slice(at + 1));
  if (!hostPort) return [url];
  const [, host = '', port] = hostPort;
  const standard = scheme.toLowerCase() === 'https' ? '443' : '80';
  if (port === undefined) return [url, `${scheme}://${userinfo}${host}:${standard}${rest}`];
  if (port === standard) return [url, `${scheme}://${userinfo}${host}${rest}`];
  return [url];
}

/** The URL Twilio signed: the configured webhook URL with the request's own query, or the public URL of the request. */
export function signedUrl(req: RawRequest, webhookUrl: string | undefined): string {
  if (!webhookUrl) return req.publicUrl;
  const queryStart = req.url.indexOf('?');
  return queryStart < 0 ? webhookUrl : webhookUrl + req.url.slice(queryStart);
}

/** The signature (and, for JSON, the body hash) against the auth token; the account is checked apart. */
export function signatureValid(req: RawRequest, authToken: string, webhookUrl?: string): boolean {
  const header = req.headers['x-twilio-signature'];
  if (!header) return false;
  const url = signedUrl(req, webhookUrl);
  const bodyHash = bodyHashOf(url);
  // JSON: the URL alone is signed, and it vouches for the body through its hash.
  let params: TwilioParams = new Map();
  if (bodyHash === undefined) params = formParams(req.rawBody);
  let signatureOk = false;
  for (const variant of urlVariants(url)) {
    if (secretsEqual(header, twilioSignature(authToken, variant, params))) signatureOk = true;
  }
  const bodyOk = bodyHash === undefined || secretsEqual(bodyHash.toLowerCase(), createHash('sha256').update(req.rawBody).digest('hex'));
  return signatureOk && bodyOk;
}

export function verifyTwilioRequest(req: RawRequest, config: TwilioVerifyConfig): boolean {
  if (!signatureValid(req, config.authToken, config.webhookUrl)) return false;
  // Signed with our token yet naming another account: a misrouted webhook (a subaccount's number), not ours to take.
  const params = requestParams(req);
  return params.ok && secretsEqual(first(params.value, 'AccountSid') ?? '', config.accountSid);
}
