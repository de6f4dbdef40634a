/**
 * A fake WeChat API on loopback speaking the protocol suqiu uses: `GET /cgi-bin/token` (counts
 * fetches; tokens can be expired to test the refresh), customer-service and template sends (recorded,
 * validated like WeChat with its in-band errcodes, including the 48-hour window and the 2023 template
 * field rules), and `GET /cgi-bin/media/get` serving bytes — or, for videos, a `video_url` as WeChat does.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  accessToken?: string;
  body: string;
}

export interface SentCustom {
  accessToken: string;
  touser: string;
  msgtype: string;
  text?: { content: string };
}

export interface SentTemplate {
  accessToken: string;
  msgid: string;
  touser: string;
  template_id: string;
  url?: string;
  client_msg_id?: string;
  data: Record<string, { value: string }>;
}

export interface WeChatFailure {
  errcode: number;
  errmsg: string;
}

export interface FakeWeChat {
  /** WECHAT_API_BASE */
  url: string;
  /** How many times `/cgi-bin/token` issued a token. */
  tokenFetches: number;
  /** `expires_in` of new tokens (WeChat says 7200). */
  expiresIn: number;
  customMessages: SentCustom[];
  templateMessages: SentTemplate[];
  /** Every API call, in order. */
  calls: RecordedCall[];
  /** Answers the next custom/send calls with these errors, one each. */
  customFailures: WeChatFailure[];
  /** OpenIDs whose customer-service window is closed: custom/send answers 45015. */
  closedWindows: Set<string>;
  /** Every token issued so far now answers 42001 (expired), as after an early refresh elsewhere. */
  expireTokens(): void;
  /** Stores a temporary media file and returns its MediaId. */
  addMedia(bytes: Buffer, mime: string): string;
  /** Stores a video: media/get answers with a `video_url` to download it from. */
  addVideo(bytes: Buffer): string;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: string | Buffer;
  headers: Record<string, string>;
}

export async function startFakeWeChat(options: { appId: string; appSecret: string; templateIds?: string[] }): Promise<FakeWeChat> {
  const valid = new Set<string>();
  const expired = new Set<string>();
  const media = new Map<string, { bytes: Buffer; mime: string; video: boolean }>();
  const templateIds = new Set(options.templateIds ?? []);
  const byClientMsgId = new Map<string, string>();
  let msgids = 3_147_483_648_123_456_789n;

  const fake: FakeWeChat = {
    url: '',
    tokenFetches: 0,
    expiresIn: 7200,
    customMessages: [],
    templateMessages: [],
    calls: [],
    customFailures: [],
    closedWindows: new Set(),
    expireTokens: () => {
      for (const token of valid) expired.add(token);
      valid.clear();
    },
    addMedia: (bytes, mime) => {
      const id = `M${randomBytes(12).toString('hex')}`;
      media.set(id, { bytes, mime, video: false });
      return id;
    },
    addVideo: (bytes) => {
      const id = `V${randomBytes(12).toString('hex')}`;
      media.set(id, { bytes, mime: 'video/mp4', video: true });
      return id;
    },
    close: async () => undefined,
  };

  function handle(method: string, url: URL, body: Buffer): Answer {
    const token = url.searchParams.get('access_token') ?? undefined;
    fake.calls.push({ method, path: url.pathname, accessToken: token, body: body.toString('utf8') });
    if (method === 'GET' && url.pathname === '/cgi-bin/token') return issueToken(url.searchParams);
    if (method === 'GET' && url.pathname.startsWith('/video/')) {
      const file = media.get(url.pathname.slice('/video/'.length));
      return file ? { status: 200, body: file.bytes, headers: { 'content-type': file.mime } } : { status: 404, body: '', headers: {} };
    }
    const denied = checkToken(token);
    if (denied) return denied;
    if (method === 'POST' && url.pathname === '/cgi-bin/message/custom/send') return customSend(token!, body);
    if (method === 'POST' && url.pathname === '/cgi-bin/message/template/send') return templateSend(token!, body);
    if (method === 'GET' && url.pathname === '/cgi-bin/media/get') return mediaGet(url.searchParams.get('media_id') ?? '');
    return { status: 404, body: '<html>404 Not Found</html>', headers: { 'content-type': 'text/html' } };
  }

  function issueToken(query: URLSearchParams): Answer {
    if (query.get('grant_type') !== 'client_credential') return error(40002, 'invalid grant_type');
    if (query.get('appid') !== options.appId) return error(40013, 'invalid appid');
    if (query.get('secret') !== options.appSecret) return error(40125, 'invalid appsecret');
    fake.tokenFetches += 1;
    // Real tokens are opaque strings of 150+ characters.
    const token = `${fake.tokenFetches}_${randomBytes(60).toString('base64url')}`;
    valid.add(token);
    return json({ access_token: token, expires_in: fake.expiresIn });
  }

  function checkToken(token: string | undefined): Answer | undefined {
    if (!token) return error(41001, 'access_token missing');
    if (expired.has(token)) return error(42001, 'access_token expired');
    if (!valid.has(token)) return error(40001, 'invalid credential, access_token is invalid or not latest');
    return undefined;
  }

  function customSend(token: string, body: Buffer): Answer {
    const message = parseJson(body) as Partial<SentCustom> | undefined;
    if (!message?.touser || message.msgtype !== 'text' || typeof message.text?.content !== 'string' || !message.text.content) {
      return error(47001, 'data format error');
    }
    const failure = fake.customFailures.shift();
    if (failure) return error(failure.errcode, failure.errmsg);
    if (fake.closedWindows.has(message.touser)) return error(45015, 'response out of time limit or subscription is canceled');
    fake.customMessages.push({ accessToken: token, touser: message.touser, msgtype: message.msgtype, text: message.text });
    return json({ errcode: 0, errmsg: 'ok' });
  }

  function templateSend(token: string, body: Buffer): Answer {
    const message = parseJson(body) as Partial<SentTemplate> | undefined;
    if (!message?.touser || !message.template_id || typeof message.data !== 'object') return error(47001, 'data format error');
    if (!templateIds.has(message.template_id)) return error(40037, 'invalid template_id');
    for (const [key, field] of Object.entries(message.data)) {
      const value = field?.value;
      if (typeof value !== 'string' || !value || Array.from(value).length > 20 || /[\r\n]/.test(value)) {
        return error(47003, `argument invalid! data.${key}.value invalid`);
      }
    }
    const repeated = message.client_msg_id ? byClientMsgId.get(message.client_msg_id) : undefined;
    // A 64-bit msgid written as a bare JSON number, as WeChat does: JSON.parse would round it.
    if (repeated) return raw(`{"errcode":0,"errmsg":"ok","msgid":${repeated}}`);
    msgids += 1n;
    const msgid = msgids.toString();
    if (message.client_msg_id) byClientMsgId.set(message.client_msg_id, msgid);
    fake.templateMessages.push({ ...(message as SentTemplate), accessToken: token, msgid });
    return raw(`{"errcode":0,"errmsg":"ok","msgid":${msgid}}`);
  }

  function mediaGet(mediaId: string): Answer {
    const file = media.get(mediaId);
    // media/get errors come as JSON labelled text/plain.
    if (!file)
      return {
        status: 200,
        body: JSON.stringify({ errcode: 40007, errmsg: 'invalid media_id' }),
        headers: { 'content-type': 'text/plain' },
      };
    if (file.video) return json({ video_url: `${fake.url}/video/${mediaId}` });
    const extension = file.mime.split('/')[1] ?? 'bin';
    return {
      status: 200,
      body: file.bytes,
      headers: {
        'content-type': file.mime,
        'content-disposition': `attachment; filename="${mediaId}.${extension}"`,
        'content-length': String(file.bytes.length),
      },
    };
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = handle(req.method ?? '', new URL(req.url ?? '/', 'http://fake'), Buffer.concat(chunks));
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function json(body: unknown): Answer {
  return raw(JSON.stringify(body));
}

function raw(body: string): Answer {
  return { status: 200, body, headers: { 'content-type': 'application/json; encoding=utf-8' } };
}

/** WeChat reports errors in-band with HTTP 200. */
function error(errcode: number, errmsg: string): Answer {
  return json({ errcode, errmsg: `${errmsg} rid: ${randomBytes(6).toString('hex')}` });
}
