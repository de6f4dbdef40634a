/**
 * Speech recognition for voice messages that arrive without a transcript, behind one small
 * interface. The implementation here speaks the HTTP API of whisper.cpp's server
 * (`POST /inference`, multipart `file`, JSON `{ text }`); run it with `--convert` so it accepts the
 * AMR/Speex/OGG audio WeChat and Telegram send.
 */
import { UpstreamError } from '../errors/index.js';

export interface SpeechToText {
  transcribe(audio: Buffer, mime: string): Promise<string>;
}

export interface WhisperServerOptions {
  url: string;
  language: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export class WhisperServer implements SpeechToText {
  constructor(private readonly options: WhisperServerOptions) {}

  public async transcribe(audio: Buffer, mime: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(audio)], { type: mime }), `audio.${extension(mime)}`);
    form.append('response_format', 'json');
    form.append('language', this.options.language);
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(`${this.options.url.replace(/\/+$/, '')}/inference`, {
        method: 'POST',
        body: form,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (cause) {
      throw new UpstreamError('speech recognition: request failed', { cause });
    }
    if (!response.ok) throw new UpstreamError(`speech recognition answered ${response.status}`);
    const body = (await response.json()) as { text?: unknown };
    if (typeof body.text !== 'string') throw new UpstreamError('speech recognition answered without text');
    return body.text.trim();
  }
}

function extension(mime: string): string {
  return (
    { 'audio/amr': 'amr', 'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/speex': 'spx' }[mime] ??
    'bin'
  );
}
