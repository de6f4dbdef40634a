/**
 * Opens a webhook POST: checks its signatures and, in safe or compatible mode, decrypts it. `verify`
 * and `parse` both call this (decrypting a few hundred bytes twice is cheaper than keeping state in
 * an immutable adapter), so they can never disagree about what was authenticated.
 *
 * `signature` covers only token, timestamp and nonce, not the body: in plaintext mode anyone who saw
 * one signed query string could attach another body to it. Once an EncodingAESKey is configured,
 * the body is authenticated by `msg_signature` and the AppId inside the ciphertext, and plaintext
 * POSTs are refused. (Compatible mode carries both forms; only the encrypted one is trusted.)
 */
import type { RawRequest } from '../types.js';
import { decryptMessage } from './crypto.js';
import { signatureMatches, verifyQuerySignature } from './signature.js';
import { parseXmlFields, textOf, type XmlFields } from './xml.js';

export interface EnvelopeKeys {
  token: string;
  appId: string;
  /** Safe or compatible mode when set. */
  aesKey?: Buffer;
}

export type Opened =
  /** Not from WeChat for this account: 401, nothing is read. */
  | { kind: 'unauthentic'; reason: string }
  /** Authentic but unreadable: 400. */
  | { kind: 'malformed'; reason: string }
  | { kind: 'opened'; fields: XmlFields; encrypted: boolean };

export function openEnvelope(req: RawRequest, keys: EnvelopeKeys): Opened {
  const { query } = req;
  if (!verifyQuerySignature(keys.token, query)) return { kind: 'unauthentic', reason: 'the signature does not match' };
  // No encrypt_type, or `raw`, means plaintext.
  const encrypted = query.encrypt_type === 'aes';
  if (keys.aesKey && !encrypted) {
    return { kind: 'unauthentic', reason: 'an EncodingAESKey is configured, so messages must arrive encrypted (encrypt_type=aes)' };
  }
  const outer = parseXmlFields(req.rawBody);
  if (!outer.ok) return { kind: 'malformed', reason: outer.error };
  if (!keys.aesKey) {
    if (textOf(outer.value, 'Encrypt') !== undefined && textOf(outer.value, 'MsgType') === undefined) {
      return { kind: 'malformed', reason: 'the message is encrypted (safe mode) but no WECHAT_ENCODING_AES_KEY is configured' };
    }
    return { kind: 'opened', fields: outer.value, encrypted: false };
  }
  const encrypt = textOf(outer.value, 'Encrypt');
  if (!encrypt) return { kind: 'malformed', reason: 'an encrypted message needs an <Encrypt> element' };
  const { timestamp = '', nonce = '', msg_signature: msgSignature } = query;
  if (!signatureMatches([keys.token, timestamp, nonce, encrypt], msgSignature)) {
    return { kind: 'unauthentic', reason: 'the msg_signature does not match' };
  }
  const plain = decryptMessage(encrypt, keys.aesKey, keys.appId);
  if (!plain.ok) return { kind: 'unauthentic', reason: plain.error };
  const inner = parseXmlFields(plain.value);
  if (!inner.ok) return { kind: 'malformed', reason: `decrypted message: ${inner.error}` };
  return { kind: 'opened', fields: inner.value, encrypted: true };
}
