/**
 * WeChat's two signatures (DOMAIN.md §11.1), verification only, no I/O. Both are SHA-1 over the
 * inputs sorted lexicographically and joined without separators — that is how WeChat does it:
 * `signature` over token, timestamp and nonce (URL verification and every POST), `msg_signature`
 * over those plus the `Encrypt` element (safe and compatible mode).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

import { InvalidDataError, UnauthorizedError } from '../../core/errors/index.js';
import type { HttpAck, RawRequest } from '../types.js';

/** Lowercase hex SHA-1 of the sorted, concatenated parts. */
export function wechatSignature(parts: readonly string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Constant time; a signature of the wrong length or case is simply false. */
export function signatureMatches(parts: readonly string[], given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(wechatSignature(parts), 'utf8');
  const actual = Buffer.from(given, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** `signature` of the query string: token, timestamp, nonce. */
export function verifyQuerySignature(token: string, query: RawRequest['query']): boolean {
  const { timestamp, nonce, signature } = query;
  if (!timestamp || !nonce) return false;
  return signatureMatches([token, timestamp, nonce], signature);
}

/**
 * URL verification (GET): WeChat checks that the server echoes `echostr` unchanged. For the
 * official account it is plaintext in all three modes (WeCom encrypts it: a different code path).
 */
export function answerUrlVerification(token: string, req: RawRequest): HttpAck {
  if (!verifyQuerySignature(token, req.query)) throw new UnauthorizedError('wechat: the URL verification signature does not match');
  const { echostr } = req.query;
  if (echostr === undefined) throw new InvalidDataError('wechat: URL verification without echostr');
  return { status: 200, body: echostr, contentType: 'text/plain' };
}
