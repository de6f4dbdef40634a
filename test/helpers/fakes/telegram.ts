/**
 * A fake Telegram Bot API on loopback (TELEGRAM_API_ROOT) that speaks the protocol suqiu uses:
 * `POST /bot<token>/sendMessage` and `/bot<token>/getFile` answering `{ok, result}` or
 * `{ok:false, error_code, description, parameters}` like Telegram, and file downloads from
 * `/file/bot<token>/<file_path>`. A wrong token gets Telegram's 401. Calls are recorded.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TelegramCall {
  method: string;
  payload: Record<string, any>;
}

export interface TelegramFailure {
  method: string;
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface FakeTelegram {
  /** TELEGRAM_API_ROOT */
  url: string;
  token: string;
  /** Bot API calls made with the right token, in order. */
  calls: TelegramCall[];
  /** Every request path (API calls and downloads, any token). */
  paths: string[];
  /** The next calls of a method fail like this, one each. */
  failures: TelegramFailure[];
  /** Chats that answer 403 (the user blocked the bot). */
  blocked: Set<string>;
  /** Stores a file and returns its file_id, as Telegram puts it in an update. */
  addFile(bytes: Buffer, options?: { path?: string; declaredSize?: number }): string;
  /** The sendMessage payloads, in order. */
  sent(): Record<string, any>[];
  close(): Promise<void>;
}

export async function startFakeTelegram(token = '123456789:AAHfakeTokenForTestsOnly_0123456789'): Promise<FakeTelegram> {
  const files = new Map<string, { bytes: Buffer; path: string; size: number }>();
  let messageId = 1000;
  const fake: FakeTelegram = {
    url: '',
    token,
    calls: [],
    paths: [],
    failures: [],
    blocked: new Set(),
    addFile: (bytes, options = {}) => {
      const fileId = `AgAC${randomBytes(12).toString('base64url')}`;
      files.set(fileId, { bytes, path: options.path ?? `photos/file_${files.size}.jpg`, size: options.declaredSize ?? bytes.length });
      return fileId;
    },
    sent: () => fake.calls.filter((call) => call.method === 'sendMessage').map((call) => call.payload),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://fake').pathname);
      fake.paths.push(path);
      const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
      if (download) {
        const file = [...files.values()].find((f) => f.path === download[2]);
        if (download[1] !== token) return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
        if (!file) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.length) });
        return res.end(file.bytes);
      }
      const call = /^\/bot([^/]+)\/(\w+)$/.exec(path);
      if (!call || call[1] !== token)
        return json(res, call ? 401 : 404, { ok: false, error_code: call ? 401 : 404, description: call ? 'Unauthorized' : 'Not Found' });
      const method = call[2]!;
      const body = Buffer.concat(chunks).toString('utf8');
      const payload = (body ? JSON.parse(body) : {}) as Record<string, any>;
      fake.calls.push({ method, payload });
      const failure = fake.failures.findIndex((f) => f.method === method);
      if (failure >= 0) {
        const [f] = fake.failures.splice(failure, 1);
        return json(res, f!.error_code, { ok: false, error_code: f!.error_code, description: f!.description, parameters: f!.parameters });
      }
      if (method === 'sendMessage') return json(res, ...sendMessage(payload, (messageId += 1), fake.blocked));
      if (method === 'getFile') {
        const file = files.get(String(payload.file_id));
        if (!file) return json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
        const result = { file_id: payload.file_id, file_unique_id: 'uniq', file_size: file.size, file_path: file.path };
        return json(res, 200, { ok: true, result });
      }
      return json(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** Telegram's own checks on sendMessage, with its error texts. */
function sendMessage(payload: Record<string, any>, id: number, blocked: Set<string>): [number, unknown] {
  const fail = (code: number, description: string): [number, unknown] => [code, { ok: false, error_code: code, description }];
  if (payload.chat_id === undefined || payload.chat_id === '') return fail(400, 'Bad Request: chat_id is empty');
  if (typeof payload.text !== 'string' || payload.text === '') return fail(400, 'Bad Request: message text is empty');
  if (payload.text.length > 4096) return fail(400, 'Bad Request: message is too long');
  if (blocked.has(String(payload.chat_id))) return fail(403, 'Forbidden: bot was blocked by the user');
  const chat = { id: Number(payload.chat_id), type: Number(payload.chat_id) < 0 ? 'supergroup' : 'private' };
  return [200, { ok: true, result: { message_id: id, date: Math.floor(Date.now() / 1000), chat, text: payload.text } }];
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
