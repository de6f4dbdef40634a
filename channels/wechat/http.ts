/**
 * Transport to WeChat's API: the configured base URL, a timeout, and answers validated with zod.
 * WeChat reports most errors in-band (`{"errcode":40001,"errmsg":"…"}` with HTTP 200); any non-zero
 * errcode becomes a WeChatApiError, which the queue retries unless the code is permanent. URLs carry
 * the access_token or the secret, so they never go into an error message.
 */
import type { z } from 'zod';

import { UpstreamError } from '../../core/errors/index.js';
import { describeIssues } from '../../core/validation.js';
import { apiErrorSchema } from './schemas.js';

/**
 * Answers no retry can change: an openid that is not this account's (40003), an invalid template
 * (40037), a citizen who unfollowed (43004) or refused the message (43101), outside the 48-hour window
 * or over its quota (45015, 45047; the template fallback has been tried by then), an API this account
 * may not use (48001). The delivery is marked FAILED at once instead of retrying for hours.
 */
export const PERMANENT_ERRCODES: ReadonlySet<number> = new Set([40003, 40037, 43004, 43101, 45015, 45047, 48001]);

export class WeChatApiError extends UpstreamError {
  public readonly errcode: number;
  public readonly errmsg: string;

  constructor(what: string, errcode: number, errmsg: string) {
    super(`WeChat ${what}: errcode ${errcode} (${errmsg})`, { code: `WECHAT_${errcode}`, retryable: !PERMANENT_ERRCODES.has(errcode) });
    this.errcode = errcode;
    this.errmsg = errmsg;
  }
}

export class Http {
  constructor(private readonly options: { apiBase: string; timeoutMs: number; fetch: typeof fetch }) {}

  /** `pathAndQuery` is relative to the API base; an absolute URL (a video download link) is used as it is. */
  public async request(what: string, pathAndQuery: string, init: RequestInit): Promise<Response> {
    const url = /^https?:\/\//.test(pathAndQuery) ? pathAndQuery : `${this.options.apiBase}${pathAndQuery}`;
    let response: Response;
    try {
      response = await this.options.fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (cause) {
      throw new UpstreamError(`WeChat ${what}: request failed`, { cause });
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new UpstreamError(`WeChat ${what}: answered HTTP ${response.status}`, { code: `HTTP_${response.status}` });
    }
    return response;
  }

  public async postJson(what: string, pathAndQuery: string, body: unknown): Promise<Response> {
    return this.request(what, pathAndQuery, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    });
  }
}

/** The JSON of an answer and its text (for numbers JSON.parse would round). */
export async function readJson(what: string, response: Response): Promise<{ json: unknown; text: string }> {
  const text = await response.text();
  try {
    return { json: JSON.parse(text) as unknown, text };
  } catch {
    throw new UpstreamError(`WeChat ${what}: the answer is not JSON`);
  }
}

/** Throws the in-band error when there is one. */
export function throwIfApiError(what: string, json: unknown): void {
  const error = apiErrorSchema.safeParse(json);
  if (error.success && error.data.errcode !== 0) throw new WeChatApiError(what, error.data.errcode, error.data.errmsg ?? '');
}

export function checkAnswer<T>(what: string, json: unknown, schema: z.ZodType<T>): T {
  throwIfApiError(what, json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new UpstreamError(`WeChat ${what}: unexpected answer (${describeIssues(parsed.error)})`);
  return parsed.data;
}

export async function readAnswer<T>(what: string, response: Response, schema: z.ZodType<T>): Promise<T> {
  return checkAnswer(what, (await readJson(what, response)).json, schema);
}
