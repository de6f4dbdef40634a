/**
 * Twilio's REST API, the two calls suqiu makes: create a message, and download a media file. Both
 * authenticate with HTTP Basic (AccountSid:AuthToken). Every answer is validated; every failure is
 * an UpstreamError, so the queue retries.
 */
import { UpstreamError } from '../../core/errors/index.js';
import { parseResult } from '../../core/validation.js';
import { maskNumbers } from '../sms/sender.js';
import type { FetchedMedia } from '../types.js';
import { twilioErrorSchema, twilioMessageSchema } from './schemas.js';

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  apiBase: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** Larger than Twilio's limits (5 MB per MMS, 16 MB per WhatsApp video): anything bigger is not a citizen's photo. */
const MAX_MEDIA_BYTES = 20 * 1024 * 1024;
const MAX_REDIRECTS = 3;

export class TwilioClient {
  private readonly authorization: string;

  constructor(private readonly options: TwilioClientOptions) {
    this.authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  }

  /** `POST /2010-04-01/Accounts/{sid}/Messages.json` with To, Body and From or MessagingServiceSid. */
  public async createMessage(form: Record<string, string>): Promise<{ sid: string; status: string }> {
    const url = `${this.options.apiBase}/2010-04-01/Accounts/${this.options.accountSid}/Messages.json`;
    const response = await this.request('create message', url, {
      method: 'POST',
      headers: { authorization: this.authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    });
    const body = await readJson(response);
    if (!response.ok) throw restError(response.status, body);
    const message = parseResult(twilioMessageSchema, body, 'Twilio message');
    if (!message.ok) throw new UpstreamError(`Twilio create message: unexpected answer (${message.error.message})`);
    const { sid, status, error_code: code, error_message: text } = message.value;
    if (code || status === 'failed' || status === 'undelivered') {
      throw new UpstreamError(`Twilio create message: ${status}${code ? ` (${code}${text ? ` ${maskNumbers(text)}` : ''})` : ''}`, {
        code: code ? `TWILIO_${code}` : undefined,
      });
    }
    return { sid, status };
  }

  /**
   * Media URLs answer with a redirect to a short-lived signed URL on Twilio's storage. Credentials
   * go to Twilio's API host only: the redirect is followed by hand without them (the storage
   * refuses a second form of authentication, and our token must not travel further).
   */
  public async fetchMedia(mediaUrl: string): Promise<FetchedMedia> {
    if (!this.isTwilioHost(mediaUrl)) throw new UpstreamError('Twilio media: the URL is not on a Twilio API host; not fetched');
    let url = mediaUrl;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      const headers: Record<string, string> = this.isTwilioHost(url) ? { authorization: this.authorization } : {};
      const response = await this.request('download media', url, { headers, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        url = new URL(location, url).toString();
        continue;
      }
      if (!response.ok) throw new UpstreamError(`Twilio media: download answered ${response.status}`);
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > MAX_MEDIA_BYTES)
        throw new UpstreamError(`Twilio media: ${declared} bytes is more than the ${MAX_MEDIA_BYTES} allowed`);
      const bytes = Buffer.from(await response.arrayBuffer());
      if (bytes.length > MAX_MEDIA_BYTES) throw new UpstreamError(`Twilio media: more than the ${MAX_MEDIA_BYTES} bytes allowed`);
      return { bytes, mime: response.headers.get('content-type')?.split(';')[0]?.trim() || undefined };
    }
    throw new UpstreamError(`Twilio media: more than ${MAX_REDIRECTS} redirects`);
  }

  /** The configured API host, or any Twilio host over HTTPS (regional media hosts). */
  private isTwilioHost(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.origin === new URL(this.options.apiBase).origin) return true;
    return parsed.protocol === 'https:' && (parsed.hostname === 'twilio.com' || parsed.hostname.endsWith('.twilio.com'));
  }

  private async request(what: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.options.fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (cause) {
      throw new UpstreamError(`Twilio ${what}: request failed`, { cause });
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** 4xx/5xx with Twilio's `{code, message}`: the code (21211 invalid number, 21610 opted out …) is kept for operators. */
function restError(status: number, body: unknown): UpstreamError {
  const parsed = twilioErrorSchema.safeParse(body);
  const code = parsed.success ? parsed.data.code : undefined;
  const message = parsed.success && parsed.data.message ? `: ${maskNumbers(parsed.data.message)}` : '';
  return new UpstreamError(`Twilio create message answered ${status}${code ? ` (${code})` : ''}${message}`, {
    code: code ? `TWILIO_${code}` : `HTTP_${status}`,
  });
}
