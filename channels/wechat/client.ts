/**
 * The WeChat API calls suqiu makes: customer-service messages (text or msgmenu), template messages,
 * temporary media downloads and creating the custom menu, each with the shared access_token
 * (refetched once when WeChat rejects it).
 */
import { UpstreamError } from '../../core/errors/index.js';
import type { FetchedMedia } from '../types.js';
import type { AccessTokens } from './auth.js';
import { checkAnswer, readAnswer, readJson, throwIfApiError, type Http } from './http.js';
import {
  sendAnswerSchema,
  templateAnswerSchema,
  videoAnswerSchema,
  type CustomMessage,
  type MenuDefinition,
  type TemplateMessage,
} from './schemas.js';

/** Above WeChat's own limits (image 10 MB, voice 2 MB, video 10 MB): anything bigger is not a citizen's file. */
const MAX_MEDIA_BYTES = 20 * 1024 * 1024;

export class WeChatClient {
  constructor(
    private readonly http: Http,
    private readonly tokens: AccessTokens,
  ) {}

  /** `POST /cgi-bin/message/custom/send`: answers `{errcode:0}` and no message id. */
  public async sendCustom(message: CustomMessage): Promise<void> {
    await this.tokens.withToken(async (token) => {
      const response = await this.http.postJson('send customer-service message', `/cgi-bin/message/custom/send?${auth(token)}`, message);
      await readAnswer('send customer-service message', response, sendAnswerSchema);
    });
  }

  /** `POST /cgi-bin/menu/create`: replaces the account's custom menu; answers `{errcode:0}`. */
  public async createMenu(menu: MenuDefinition): Promise<void> {
    await this.tokens.withToken(async (token) => {
      const response = await this.http.postJson('create menu', `/cgi-bin/menu/create?${auth(token)}`, menu);
      await readAnswer('create menu', response, sendAnswerSchema);
    });
  }

  /** `POST /cgi-bin/message/template/send` → the msgid, read from the text so a 64-bit id stays exact. */
  public async sendTemplate(message: TemplateMessage): Promise<string> {
    return this.tokens.withToken(async (token) => {
      const what = 'send template message';
      const response = await this.http.postJson(what, `/cgi-bin/message/template/send?${auth(token)}`, message);
      const { json, text } = await readJson(what, response);
      const answer = checkAnswer(what, json, templateAnswerSchema);
      return /"msgid"\s*:\s*"?(\d+)/.exec(text)?.[1] ?? String(answer.msgid);
    });
  }

  /**
   * `GET /cgi-bin/media/get`: the file's bytes, or JSON — an error, or for videos a `video_url` to
   * download from (without the token). Temporary media live about 3 days, hence the prompt copy.
   */
  public async getMedia(mediaId: string, fallbackMime?: string): Promise<FetchedMedia> {
    return this.tokens.withToken(async (token) => {
      const what = 'download media';
      const query = new URLSearchParams({ access_token: token, media_id: mediaId });
      const response = await this.http.request(what, `/cgi-bin/media/get?${query}`, { method: 'GET' });
      const file = await readFile(what, response);
      const json = jsonOf(file);
      if (json === undefined) return { bytes: file.bytes, name: file.name, mime: mimeOf(file.mime) ?? fallbackMime };
      throwIfApiError(what, json);
      const { video_url: videoUrl } = checkAnswer(what, json, videoAnswerSchema);
      const video = await readFile('download video', await this.http.request('download video', videoUrl, { method: 'GET' }));
      return { bytes: video.bytes, name: video.name, mime: mimeOf(video.mime) ?? fallbackMime ?? 'video/mp4' };
    });
  }
}

function auth(token: string): string {
  return new URLSearchParams({ access_token: token }).toString();
}

async function readFile(what: string, response: Response): Promise<FetchedMedia & { jsonType: boolean }> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_MEDIA_BYTES) {
    await response.body?.cancel();
    throw new UpstreamError(`WeChat ${what}: ${declared} bytes is more than the ${MAX_MEDIA_BYTES} allowed`);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_MEDIA_BYTES) throw new UpstreamError(`WeChat ${what}: more than the ${MAX_MEDIA_BYTES} bytes allowed`);
  const type = response.headers.get('content-type') ?? '';
  return { bytes, mime: type, name: fileName(response.headers.get('content-disposition')), jsonType: /json|text\/plain/i.test(type) };
}

/** WeChat answers errors as JSON, sometimes labelled text/plain; a file never starts with `{` and parses. */
function jsonOf(file: { bytes: Buffer; jsonType: boolean }): unknown {
  if (!file.jsonType && file.bytes[0] !== 0x7b) return undefined;
  try {
    const json = JSON.parse(file.bytes.toString('utf8')) as unknown;
    return typeof json === 'object' && json !== null ? json : undefined;
  } catch {
    if (file.jsonType) throw new UpstreamError('WeChat download media: the answer is neither a file nor JSON');
    return undefined;
  }
}

function mimeOf(contentType: string | undefined): string | undefined {
  const mime = contentType?.split(';')[0]?.trim().toLowerCase();
  return mime && mime !== 'application/octet-stream' ? mime : undefined;
}

/** `attachment; filename="MEDIA_ID.jpg"` → `MEDIA_ID.jpg` (a bare name, nothing path-like). */
function fileName(disposition: string | null): string | undefined {
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '')?.[1];
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base.slice(0, 200) : undefined;
}
