/**
 * Safe-mode message encryption, the WXBizMsgCrypt scheme (DOMAIN.md §11.1):
 * `Encrypt = base64(AES-256-CBC(random16 ‖ msgLen(uint32 BE) ‖ msg ‖ AppId))`, IV = key[0..16),
 * PKCS#7 padding to 32-byte blocks (not AES's 16, hence the cipher's own padding is off).
 * Guarded by the official test vector in test/unit/channels/wechat.crypto.test.ts.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { err, ok, type Result } from '../../core/result.js';

const BLOCK = 32;
const RANDOM_BYTES = 16;
const HEADER_BYTES = RANDOM_BYTES + 4;

/** The 32-byte AES key: the 43-character EncodingAESKey is base64 without its trailing `=`. */
export function aesKeyFrom(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) throw new Error('wechat: the EncodingAESKey must be 43 letters or digits');
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/** `msg` encrypted for `appId`; the 16 random bytes are injectable so the official vector can be reproduced. */
export function encryptMessage(msg: string, aesKey: Buffer, appId: string, random16: Buffer = randomBytes(RANDOM_BYTES)): string {
  if (random16.length !== RANDOM_BYTES) throw new Error(`wechat: the random prefix must be ${RANDOM_BYTES} bytes`);
  const body = Buffer.from(msg, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([random16, length, body, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', aesKey, aesKey.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

/**
 * The message inside `encrypt`, or why it cannot be trusted: bad base64 or padding (another key),
 * a length that does not fit, or an AppId tail that is not ours (a message for another account).
 */
export function decryptMessage(encrypt: string, aesKey: Buffer, appId: string): Result<string, string> {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypt)) return err('Encrypt is not base64');
  const cipherText = Buffer.from(encrypt, 'base64');
  if (cipherText.length === 0 || cipherText.length % 16 !== 0) return err('Encrypt is not a whole number of AES blocks');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', aesKey, aesKey.subarray(0, 16)).setAutoPadding(false);
    plain = Buffer.concat([decipher.update(cipherText), decipher.final()]);
  } catch {
    return err('Encrypt could not be decrypted');
  }
  const pad = plain[plain.length - 1] ?? 0;
  const padding = plain.subarray(plain.length - pad);
  if (pad < 1 || pad > BLOCK || pad > plain.length || padding.some((byte) => byte !== pad)) {
    return err('Encrypt has invalid padding (a different EncodingAESKey?)');
  }
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < HEADER_BYTES) return err('Encrypt is too short');
  const length = content.readUInt32BE(RANDOM_BYTES);
  if (HEADER_BYTES + length > content.length) return err('Encrypt has a message length beyond its content');
  const tail = content.subarray(HEADER_BYTES + length);
  if (!tail.equals(Buffer.from(appId, 'utf8'))) return err('Encrypt was made for another AppId');
  return ok(content.subarray(HEADER_BYTES, HEADER_BYTES + length).toString('utf8'));
}
