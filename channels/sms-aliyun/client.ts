/**
 * Aliyun's SendSms (dysmsapi 2017-05-25), an RPC-style GET signed with the AccessKey (see
 * rpc-signature.ts). The answer is validated: only `Code: "OK"` with a BizId is a sent SMS; anything
 * else is an UpstreamError carrying Aliyun's code, so the queue retries and operators see why.
 */
import { randomUUID } from 'node:crypto';

import { UpstreamError } from '../../core/errors/index.js';
import { maskNumbers } from '../sms/sender.js';
import { sendSmsAnswerSchema } from './schemas.js';
import { signedQuery } from './rpc-signature.js';

export interface AliyunSmsClientOptions {
  accessKeyId: string;
  accessKeySecret: string;
  apiBase: string;
  timeoutMs: number;
  fetch: typeof fetch;
  /** For tests that pin a request; production uses the clock and random UUIDs. */
  now?: () => Date;
  nonce?: () => string;
}

export interface SendSmsRequest {
  /** Aliyun's form: mainland numbers without +86, others with their country code and no +. */
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  /** Our id of the SMS, echoed in delivery receipts. */
  outId?: string;
}

export class AliyunSmsClient {
  constructor(private readonly options: AliyunSmsClientOptions) {}

  public async sendSms(request: SendSmsRequest): Promise<{ bizId: string }> {
    const url = `${this.options.apiBase}/?${signedQuery(this.options.accessKeySecret, this.params(request))}`;
    let response: Response;
    try {
      response = await this.options.fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (cause) {
      throw new UpstreamError('Aliyun SendSms: request failed', { cause });
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new UpstreamError(`Aliyun SendSms answered ${response.status} without JSON`);
    }
    const answer = sendSmsAnswerSchema.safeParse(body);
    if (!answer.success) throw new UpstreamError(`Aliyun SendSms answered ${response.status} with an unexpected body`);
    const { Code: code, Message: message, BizId: bizId } = answer.data;
    if (code !== 'OK' || !bizId) {
      // isv.BUSINESS_LIMIT_CONTROL (rate limit), isv.MOBILE_NUMBER_ILLEGAL, SignatureDoesNotMatch …
      throw new UpstreamError(`Aliyun SendSms: ${code}${message ? ` ${maskNumbers(message)}` : ''}`, { code: `ALIYUN_${code}` });
    }
    return { bizId };
  }

  private params(request: SendSmsRequest): Record<string, string> {
    const now = this.options.now?.() ?? new Date();
    return {
      AccessKeyId: this.options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: request.phoneNumbers,
      RegionId: 'cn-hangzhou',
      SignName: request.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: this.options.nonce?.() ?? randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: request.templateCode,
      TemplateParam: JSON.stringify(request.templateParam),
      // ISO 8601 in UTC without milliseconds; Aliyun refuses timestamps more than 15 minutes off.
      Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
      ...(request.outId ? { OutId: request.outId } : {}),
    };
  }
}
