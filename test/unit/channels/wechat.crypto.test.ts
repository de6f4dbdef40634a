/** WeChat signatures and safe-mode encryption against the official vectors of DOMAIN.md §11.1. */
import { createDecipheriv } from 'node:crypto';

import { describe, expect, test } from 'vitest';

import { aesKeyFrom, decryptMessage, encryptMessage } from '../../../channels/wechat/crypto.js';
import { answerUrlVerification, signatureMatches, verifyQuerySignature, wechatSignature } from '../../../channels/wechat/signature.js';
import { UnauthorizedError } from '../../../core/errors/index.js';
import { encrypt as fixtureEncrypt, forge } from '../../fixtures/wechat/requests.js';
import { SAFE_MODE_VECTOR as V, URL_VECTOR as U } from '../../fixtures/wechat/vectors.js';
import { rawRequest } from '../../helpers/raw-request.js';

const key = aesKeyFrom(V.encodingAESKey);

describe('signatures', () => {
  test('when the URL-verification vector is signed, then the sorted concatenation hashes to the published signature', () => {
    expect([U.token, U.timestamp, U.nonce].sort().join('')).toBe(U.sorted);
    expect(wechatSignature([U.token, U.timestamp, U.nonce])).toBe(U.signature);
    expect(verifyQuerySignature(U.token, { signature: U.signature, timestamp: U.timestamp, nonce: U.nonce })).toBe(true);
  });

  test('when the safe-mode vector is signed, then msg_signature matches the published one', () => {
    expect(wechatSignature([V.token, V.timestamp, V.nonce, V.encrypt])).toBe(V.expected.msgSignature);
    expect(signatureMatches([V.token, V.timestamp, V.nonce, V.encrypt], V.expected.msgSignature)).toBe(true);
  });

  test.each([
    { description: 'one hex digit changed', given: forge(U.signature) },
    { description: 'upper case', given: U.signature.toUpperCase() },
    { description: 'truncated', given: U.signature.slice(0, 39) },
    { description: 'empty', given: '' },
    { description: 'absent', given: undefined },
  ])('when the signature is $description, then it does not match', ({ given }) => {
    expect(signatureMatches([U.token, U.timestamp, U.nonce], given)).toBe(false);
  });

  test('when timestamp or nonce is missing, then the query signature fails', () => {
    expect(verifyQuerySignature(U.token, { signature: U.signature, timestamp: U.timestamp })).toBe(false);
    expect(verifyQuerySignature(U.token, { signature: U.signature, nonce: U.nonce })).toBe(false);
  });

  test('when WeChat verifies the URL, then echostr comes back unchanged as text/plain; a wrong signature is 401', () => {
    const echostr = '5838479218127813673';
    const query = `signature=${U.signature}&timestamp=${U.timestamp}&nonce=${U.nonce}&echostr=${echostr}`;
    const ack = answerUrlVerification(U.token, rawRequest({ method: 'GET', url: `/webhooks/wechat?${query}` }));
    expect(ack).toEqual({ status: 200, body: echostr, contentType: 'text/plain' });
    const forged = rawRequest({ method: 'GET', url: `/webhooks/wechat?${query.replace(U.signature, forge(U.signature))}` });
    expect(() => answerUrlVerification(U.token, forged)).toThrow(UnauthorizedError);
  });
});

describe('safe-mode encryption (WXBizMsgCrypt)', () => {
  test('when the EncodingAESKey is decoded, then key and IV are the published bytes', () => {
    expect(key.toString('hex')).toBe(V.expected.aesKeyHex);
    expect(key.subarray(0, 16).toString('hex')).toBe(V.expected.ivHex);
  });

  test('when the vector is decrypted by hand, then its layout is as published (320 bytes, pad 2, random, length, tail)', () => {
    const cipherText = Buffer.from(V.encrypt, 'base64');
    expect(cipherText.length).toBe(V.expected.ciphertextBytes);
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(cipherText), decipher.final()]);
    expect(plain.at(-1)).toBe(V.expected.padByte);
    expect(plain.subarray(0, 16).toString('latin1')).toBe(V.expected.random16);
    expect(plain.readUInt32BE(16)).toBe(V.expected.msgLen);
    expect(plain.subarray(20 + V.expected.msgLen, plain.length - V.expected.padByte).toString()).toBe(V.expected.tail);
  });

  test('when the vector is decrypted with its AppId, then the message comes out and its MsgId is intact', () => {
    const decrypted = decryptMessage(V.encrypt, key, V.appId);
    expect(decrypted).toEqual({ ok: true, value: V.expected.msg });
    expect(decrypted.ok && decrypted.value).toContain('<MsgId>6054768590064713728</MsgId>');
  });

  test('when the vector is decrypted for another AppId, then it is rejected', () => {
    expect(decryptMessage(V.encrypt, key, 'wx0000000000000000')).toEqual({ ok: false, error: 'Encrypt was made for another AppId' });
  });

  test('when the vector is decrypted with another key, then it is rejected (never thrown)', () => {
    const other = aesKeyFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg');
    expect(decryptMessage(V.encrypt, other, V.appId).ok).toBe(false);
  });

  test.each([
    { description: 'not base64', encrypt: '***' },
    { description: 'not whole AES blocks', encrypt: Buffer.alloc(20).toString('base64') },
    { description: 'empty', encrypt: '' },
    { description: 'cut short', encrypt: V.encrypt.slice(0, 44) },
  ])('when Encrypt is $description, then decryption fails with a reason', ({ encrypt }) => {
    const result = decryptMessage(encrypt, key, V.appId);
    expect(result.ok).toBe(false);
  });

  test('when msg is encrypted with the vector’s 16-byte prefix, then the published Encrypt is reproduced byte for byte', () => {
    const random = Buffer.from(V.expected.random16, 'latin1');
    expect(encryptMessage(V.expected.msg, key, V.appId, random)).toBe(V.encrypt);
  });

  test('when the fixtures’ own encryption uses the same prefix, then it reproduces the vector too (the fixtures are trustworthy)', () => {
    const random = Buffer.from(V.expected.random16, 'latin1');
    expect(fixtureEncrypt(V.expected.msg, { key: V.encodingAESKey, appId: V.appId, random })).toBe(V.encrypt);
  });

  test('when a Chinese reply is encrypted and decrypted, then it round-trips (length counts UTF-8 bytes)', () => {
    const reply =
      '<xml><ToUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></ToUserName><MsgType><![CDATA[text]]></MsgType>' +
      '<Content><![CDATA[您的诉求已受理，工单号 GD20240001，可回复"进度"查询。]]></Content></xml>';
    const encrypted = encryptMessage(reply, key, V.appId);
    expect(Buffer.from(encrypted, 'base64').length % 32).toBe(0);
    expect(decryptMessage(encrypted, key, V.appId)).toEqual({ ok: true, value: reply });
    expect(encryptMessage(reply, key, V.appId)).not.toBe(encrypted);
  });

  test('when the plaintext fills whole 32-byte blocks, then a full block of padding (32) is added and removed', () => {
    const random = Buffer.alloc(16, 1);
    // 16 + 4 + msg + 18-byte AppId = 64 bytes exactly.
    const msg = 'x'.repeat(64 - 16 - 4 - V.appId.length);
    const encrypted = encryptMessage(msg, key, V.appId, random);
    expect(Buffer.from(encrypted, 'base64').length).toBe(96);
    expect(decryptMessage(encrypted, key, V.appId)).toEqual({ ok: true, value: msg });
  });

  test('when the EncodingAESKey is not 43 letters or digits, then building the key refuses it', () => {
    expect(() => aesKeyFrom(V.encodingAESKey.slice(1))).toThrow(/43/);
    expect(() => aesKeyFrom(`${V.encodingAESKey.slice(1)}=`)).toThrow(/43/);
  });
});
