/**
 * A fake Aliyun SMS API (dysmsapi) on loopback that checks requests the way Aliyun does: common
 * parameters, timestamp within 15 minutes, nonce not reused, a known AccessKeyId, and the RPC v1.0
 * HMAC-SHA1 signature recomputed here from the documented steps (an implementation of its own, not
 * the adapter's). Accepted SendSms calls are recorded; template variables longer than the limit
 * are refused with isv.PARAM_LENGTH_LIMIT, as Aliyun does.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

import { startFakeServer, type FakeServer } from '../fake-http-server.js';

export interface SentAliyunSms {
  bizId: string;
  PhoneNumbers: string;
  SignName: string;
  TemplateCode: string;
  TemplateParam: Record<string, string>;
  OutId?: string;
}

export interface AliyunFailure {
  status?: number;
  Code: string;
  Message: string;
}

export interface FakeAliyunSms {
  /** ALIYUN_SMS_API_BASE */
  url: string;
  sends: SentAliyunSms[];
  /** Every request with the Code it was answered with. */
  answered: { query: Record<string, string>; code: string }[];
  /** Answers the next valid SendSms calls with these errors, one each. */
  failures: AliyunFailure[];
  server: FakeServer;
  close(): Promise<void>;
}

export interface FakeAliyunOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** Longest template variable value accepted. */
  maxParamChars?: number;
}

const REQUIRED = ['AccessKeyId', 'Action', 'Format', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Version'];

/** The documented encoding, byte by byte: only A-Z a-z 0-9 - _ . ~ stay literal. */
export function aliyunEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function aliyunSign(secret: string, method: string, params: Record<string, string>): string {
  const canonical = Object.entries(params)
    .filter(([name]) => name !== 'Signature')
    .map(([name, value]) => [aliyunEncode(name), aliyunEncode(value)])
    .sort(([a = ''], [b = '']) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const stringToSign = `${method}&${aliyunEncode('/')}&${aliyunEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

export async function startFakeAliyunSms(options: FakeAliyunOptions): Promise<FakeAliyunSms> {
  const server = await startFakeServer();
  const nonces = new Set<string>();
  const maxParamChars = options.maxParamChars ?? 35;
  const fake: FakeAliyunSms = { url: server.url, sends: [], answered: [], failures: [], server, close: () => server.close() };

  const answer = (query: Record<string, string>, status: number, body: Record<string, unknown>) => {
    fake.answered.push({ query, code: String(body.Code) });
    return {
      status,
      body: JSON.stringify({ RequestId: randomUUID().toUpperCase(), ...body }),
      headers: { 'content-type': 'application/json' },
    };
  };

  server.respond = (request) => {
    const url = new URL(request.url, server.url);
    const method = request.method === 'POST' ? 'POST' : 'GET';
    const source = method === 'POST' ? new URLSearchParams(request.body) : url.searchParams;
    const query = Object.fromEntries(source);
    if (url.pathname !== '/') return answer(query, 404, { Code: 'InvalidAction.NotFound', Message: 'Specified api is not found' });
    const missing = REQUIRED.find((name) => !query[name]);
    if (missing || !query.Signature)
      return answer(query, 400, { Code: 'MissingParameter', Message: `${missing ?? 'Signature'} is mandatory` });
    if (query.SignatureMethod !== 'HMAC-SHA1' || query.SignatureVersion !== '1.0') {
      return answer(query, 400, { Code: 'InvalidParameter', Message: 'Specified signature method or version is not supported' });
    }
    const timestamp = Date.parse(query.Timestamp!);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(query.Timestamp!) || Math.abs(Date.now() - timestamp) > 15 * 60_000) {
      return answer(query, 400, { Code: 'InvalidTimeStamp.Expired', Message: 'Specified time stamp or date value is expired.' });
    }
    if (query.AccessKeyId !== options.accessKeyId)
      return answer(query, 404, { Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' });
    if (aliyunSign(options.accessKeySecret, method, query) !== query.Signature) {
      return answer(query, 400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.' });
    }
    if (nonces.has(query.SignatureNonce!))
      return answer(query, 400, { Code: 'SignatureNonceUsed', Message: 'Specified signature nonce was used already.' });
    nonces.add(query.SignatureNonce!);
    if (query.Action !== 'SendSms' || query.Version !== '2017-05-25')
      return answer(query, 404, { Code: 'InvalidAction.NotFound', Message: 'Specified api is not found' });
    const failure = fake.failures.shift();
    if (failure) return answer(query, failure.status ?? 200, { Code: failure.Code, Message: failure.Message });
    if (!/^\d{5,20}$/.test(query.PhoneNumbers ?? ''))
      return answer(query, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: `invalid mobile number ${query.PhoneNumbers}` });
    if (!query.SignName || !query.TemplateCode)
      return answer(query, 200, { Code: 'isv.SMS_SIGNATURE_ILLEGAL', Message: 'SignName and TemplateCode are mandatory' });
    let params: Record<string, string>;
    try {
      params = JSON.parse(query.TemplateParam ?? '{}') as Record<string, string>;
    } catch {
      return answer(query, 200, { Code: 'isv.INVALID_JSON_PARAM', Message: 'TemplateParam is not valid JSON' });
    }
    if (Object.values(params).some((value) => String(value).length > maxParamChars)) {
      return answer(query, 200, { Code: 'isv.PARAM_LENGTH_LIMIT', Message: `template variable longer than ${maxParamChars}` });
    }
    const bizId = `${Date.now()}${randomBytes(3).readUIntBE(0, 3)}^0`;
    fake.sends.push({
      bizId,
      PhoneNumbers: query.PhoneNumbers!,
      SignName: query.SignName,
      TemplateCode: query.TemplateCode,
      TemplateParam: params,
      OutId: query.OutId,
    });
    return answer(query, 200, { Code: 'OK', Message: 'OK', BizId: bizId });
  };
  return fake;
}
