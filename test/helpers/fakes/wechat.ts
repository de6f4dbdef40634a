/**
 * A fake WeChat API on loopback speaking the protocol suqiu uses: `GET /cgi-bin/token` (counts
 * fetches; tokens can be expired to test the refresh), customer-service sends of text and msgmenu and
 * template sends (recorded, validated like WeChat with its in-band errcodes, including the 48-hour
 * window and the 2023 template field rules), `POST /cgi-bin/menu/create` (recorded, with WeChat's
 * button limits), and `GET /cgi-bin/media/get` serving bytes — or, for videos, a `video_url` as WeChat does.
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
  msgmenu?: { head_content: string; list: { id: string; content: string }[]; tail_content: string };
}

export interface CreatedMenu {
  accessToken: string;
  button: unknown[];
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
  /** Custom menus created, in order (the last one is the account's menu). */
  menus: CreatedMenu[];
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
    menus: [],
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
    if (method === 'POST' && url.pathname === '/cgi-bin/menu/create') return menuCreate(token!, body);
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
    if (!message?.touser) return error(47001, 'data format error');
    const refused = message.msgtype === 'msgmenu' ? checkMsgMenu(message.msgmenu) : checkText(message);
    if (refused) return refused;
    const failure = fake.customFailures.shift();
    if (failure) return error(failure.errcode, failure.errmsg);
    if (fake.closedWindows.has(message.touser)) return error(45015, 'response out of time limit or subscription is canceled');
    const content = message.msgtype === 'msgmenu' ? { msgmenu: message.msgmenu } : { text: message.text };
    fake.customMessages.push({ accessToken: token, touser: message.touser, msgtype: message.msgtype!, ...content });
    return json({ errcode: 0, errmsg: 'ok' });
  }

  function menuCreate(token: string, body: Buffer): Answer {
    const menu = parseJson(body) as { button?: unknown } | undefined;
    if (!menu || !Array.isArray(menu.button)) return error(47001, 'data format error');
    const refused = checkMenu(menu.button);
    if (refused) return refused;
    fake.menus.push({ accessToken: token, button: menu.button });
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

function checkText(message: Partial<SentCustom>): Answer | undefined {
  if (message.msgtype !== 'text' || typeof message.text?.content !== 'string' || !message.text.content)
    return error(47001, 'data format error');
  return undefined;
}

const bytes = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : -1);

/** 菜单消息 as WeChat checks it: words before and after, 1–10 options, each with an id (≤ 64 bytes) and text (≤ 128 bytes). */
function checkMsgMenu(menu: SentCustom['msgmenu'] | undefined): Answer | undefined {
  if (!menu || typeof menu !== 'object' || !Array.isArray(menu.list)) return error(47001, 'data format error');
  if (bytes(menu.head_content) < 0 || bytes(menu.head_content) > 1024 || bytes(menu.tail_content ?? '') > 1024) {
    return error(40035, 'invalid args: msgmenu head_content or tail_content');
  }
  if (menu.list.length === 0) return error(40035, 'invalid args: msgmenu list is empty');
  if (menu.list.length > 10) return error(45098, 'msgmenu list size is out of limit');
  for (const option of menu.list as unknown[]) {
    const { id, content } = (option ?? {}) as { id?: unknown; content?: unknown };
    if (bytes(id) < 1 || bytes(id) > 64) return error(40035, 'invalid args: msgmenu list id');
    if (bytes(content) < 1 || bytes(content) > 128) return error(40035, 'invalid args: msgmenu list content');
  }
  return undefined;
}

/** menu/create's limits: 1–3 buttons (name ≤ 16 bytes), 1–5 sub-buttons each (name ≤ 60 bytes), CLICK keys ≤ 128 bytes. */
function checkMenu(buttons: unknown[]): Answer | undefined {
  if (buttons.length < 1 || buttons.length > 3) return error(40016, 'invalid button size');
  for (const button of buttons as Record<string, unknown>[]) {
    if (bytes(button.name) < 1 || bytes(button.name) > 16) return error(40018, 'invalid button name size');
    if (Array.isArray(button.sub_button) && button.type === undefined) {
      if (button.sub_button.length < 1 || button.sub_button.length > 5) return error(40023, 'invalid sub button size');
      for (const sub of button.sub_button as Record<string, unknown>[]) {
        if (sub.type !== 'click') return error(40024, 'invalid sub button type');
        if (bytes(sub.name) < 1 || bytes(sub.name) > 60) return error(40025, 'invalid sub button name size');
        if (bytes(sub.key) < 1 || bytes(sub.key) > 128) return error(40026, 'invalid sub button key size');
      }
    } else {
      if (button.type !== 'click') return error(40017, 'invalid button type');
      if (bytes(button.key) < 1 || bytes(button.key) > 128) return error(40019, 'invalid button key size');
    }
  }
  return undefined;
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
