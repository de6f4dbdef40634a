/**
 * The Bot API through telegraf's `Telegram` class, pointed at TELEGRAM_API_ROOT (a local Bot API
 * server, or a fake in tests). Every failure becomes an UpstreamError so the queue retries; a 429
 * carries Telegram's `retry_after`. Errors never carry the request (telegraf attaches the payload,
 * i.e. the citizen's text) nor a URL with the bot token in it.
 */
import { Telegram, TelegramError } from 'telegraf';

import { UpstreamError } from '../../core/errors/index.js';
import type { FetchedMedia } from '../types.js';
import type { SendMessagePayload } from './outbound.js';

/** What the standard Bot API lets a bot download (getFile). */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

export interface TelegramClientOptions {
  botToken: string;
  apiRoot: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

type CallOptions = NonNullable<Parameters<Telegram['callApi']>[2]>;

export class TelegramClient {
  private readonly telegram: Telegram;

  constructor(private readonly options: TelegramClientOptions) {
    this.telegram = new Telegram(options.botToken, { apiRoot: withSlash(options.apiRoot) });
  }

  public async sendMessage(payload: SendMessagePayload): Promise<{ messageId: number }> {
    try {
      const sent = await this.telegram.callApi('sendMessage', payload, this.deadline());
      return { messageId: sent.message_id };
    } catch (error) {
      // A group that became a supergroup has a new id; Telegram names it, so send there at once.
      const migrated = error instanceof TelegramError ? error.parameters?.migrate_to_chat_id : undefined;
      if (migrated !== undefined) return this.sendMessage({ ...payload, chat_id: String(migrated) });
      throw upstream('sendMessage', error);
    }
  }

  /** getFile, then the file itself from `<apiRoot>/file/bot<token>/<file_path>`. */
  public async download(fileId: string): Promise<FetchedMedia> {
    let file: Awaited<ReturnType<Telegram['getFile']>>;
    try {
      file = await this.telegram.callApi('getFile', { file_id: fileId }, this.deadline());
    } catch (error) {
      throw upstream('getFile', error);
    }
    if (!file.file_path) throw new UpstreamError('Telegram getFile returned no file_path (the file is no longer available)');
    if ((file.file_size ?? 0) > MAX_DOWNLOAD_BYTES) throw new UpstreamError(`Telegram file is larger than ${MAX_DOWNLOAD_BYTES} bytes`);
    const path = file.file_path.split('/').map(encodeURIComponent).join('/');
    const url = new URL(`./file/bot${this.options.botToken}/${path}`, withSlash(this.options.apiRoot));
    let response: Response;
    try {
      response = await this.options.fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (error) {
      throw new UpstreamError(`Telegram file download failed: ${nameOf(error)}`);
    }
    if (!response.ok) throw new UpstreamError(`Telegram file download answered ${response.status}`);
    const bytes = await readLimited(response, MAX_DOWNLOAD_BYTES);
    const type = response.headers.get('content-type')?.split(';')[0]?.trim();
    return {
      bytes,
      // The file server mostly says application/octet-stream; the message said what the file is.
      mime: type && type !== 'application/octet-stream' ? type : undefined,
      name: file.file_path.split('/').pop(),
    };
  }

  private deadline(): CallOptions {
    return { signal: AbortSignal.timeout(this.options.timeoutMs) as unknown as CallOptions['signal'] };
  }
}

function upstream(method: string, error: unknown): UpstreamError {
  if (error instanceof TelegramError) {
    const retryAfter = error.parameters?.retry_after;
    return new UpstreamError(`Telegram ${method} failed: ${error.code} ${error.description}`, {
      code: retryAfter !== undefined ? 'RATE_LIMITED' : `TELEGRAM_${error.code}`,
      details: {
        errorCode: error.code,
        description: error.description,
        ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
      },
    });
  }
  return new UpstreamError(`Telegram ${method}: request failed (${nameOf(error)})`);
}

/** Error names and codes only: messages of network errors may hold the URL, and that holds the token. */
function nameOf(error: unknown): string {
  const e = error as { name?: string; code?: string; type?: string };
  return [e?.name, e?.code ?? e?.type].filter(Boolean).join(' ') || 'unknown error';
}

/** new URL('./x', 'https://host/api') drops "api" (telegraf builds its URLs that way too): a root with a path needs its "/". */
function withSlash(root: string): string {
  return root.endsWith('/') ? root : `${root}/`;
}

export async function readLimited(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new UpstreamError(`file is larger than ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new UpstreamError(`file is larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
