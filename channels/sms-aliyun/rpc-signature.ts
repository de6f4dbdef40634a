/**
 * Alibaba Cloud RPC signature v1.0 (HMAC-SHA1), which SendSms requires:
 *   1. percent-encode every parameter name and value as UTF-8, leaving only A-Z a-z 0-9 - _ . ~
 *      (so a space is %20, never +; `*` is %2A; `~` stays);
 *   2. sort the encoded pairs by name and join them as `name=value` with `&` (the canonical query);
 *   3. StringToSign = `GET&%2F&` + percentEncode(canonical query);
 *   4. Signature = Base64(HMAC-SHA1(key = AccessKeySecret + "&", StringToSign)).
 * The documented worked examples are pinned in test/unit/channels/sms-aliyun.signature.test.ts.
 */
import { createHmac } from 'node:crypto';

/** RFC 3986 unreserved characters stay; everything else is %XY of its UTF-8 bytes, upper-case hex. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .map((name) => [percentEncode(name), percentEncode(params[name]!)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

export function rpcStringToSign(method: 'GET' | 'POST', params: Readonly<Record<string, string>>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

export function rpcSignature(accessKeySecret: string, method: 'GET' | 'POST', params: Readonly<Record<string, string>>): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(rpcStringToSign(method, params), 'utf8').digest('base64');
}

/** The query string of a signed GET: `Signature=…&` followed by the canonical query. */
export function signedQuery(accessKeySecret: string, params: Readonly<Record<string, string>>): string {
  return `Signature=${percentEncode(rpcSignature(accessKeySecret, 'GET', params))}&${canonicalQuery(params)}`;
}
