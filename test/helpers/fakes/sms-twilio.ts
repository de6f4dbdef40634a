/**
 * A fake Twilio on loopback that speaks the REST protocol suqiu uses: `POST Messages.json` with
 * HTTP Basic auth (validated and recorded like Twilio does, with Twilio's error codes), and media
 * URLs that need Basic auth and redirect to a signed URL on a separate "storage" host that, like S3,
 * refuses a request carrying a second form of authentication.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentTwilioMessage {
  sid: string;
  To: string;
  From?: string;
  MessagingServiceSid?: string;
  Body: string;
}

export interface TwilioFailure {
  status: number;
  code: number;
  message: string;
}

export interface FakeTwilioRequest {
  host: 'api' | 'storage';
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface FakeTwilio {
  /** TWILIO_API_BASE */
  url: string;
  /** Messages accepted, in order. */
  messages: SentTwilioMessage[];
  /** Every request to either host. */
  requests: FakeTwilioRequest[];
  /** Answers the next create-message calls with these errors, one each. */
  failures: TwilioFailure[];
  /** Answers the next create-message calls with these bodies as they are (odd answers Twilio might give). */
  rawAnswers: { status: number; body: string }[];
  /** Stores a file and returns its MediaUrl, as Twilio puts it in a webhook. */
  addMedia(bytes: Buffer, mime: string): string;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

type Handler = (req: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer }) => Answer;

export async function startFakeTwilio(options: { accountSid: string; authToken: string }): Promise<FakeTwilio> {
  const expectedAuth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const media = new Map<string, { bytes: Buffer; mime: string; signature: string }>();
  const fake: FakeTwilio = {
    url: '',
    messages: [],
    requests: [],
    failures: [],
    rawAnswers: [],
    addMedia: () => '',
    close: async () => undefined,
  };

  const storage = await listen((req) => {
    fake.requests.push({ host: 'storage', method: req.method, url: req.url, headers: req.headers });
    const url = new URL(req.url, 'http://storage');
    const file = media.get(url.pathname.split('/').pop() ?? '');
    if (req.headers.authorization) return xml(400, 'InvalidArgument', 'Only one auth mechanism allowed');
    if (!file || url.searchParams.get('X-Amz-Signature') !== file.signature) return xml(403, 'AccessDenied', 'Access Denied');
    return { status: 200, body: file.bytes, headers: { 'content-type': file.mime, 'content-length': String(file.bytes.length) } };
  });

  const api = await listen((req) => {
    fake.requests.push({ host: 'api', method: req.method, url: req.url, headers: req.headers });
    if (req.headers.authorization !== expectedAuth) return twilioError(401, 20003, 'Authenticate');
    const path = new URL(req.url, 'http://api').pathname;
    const account = /^\/2010-04-01\/Accounts\/([^/]+)\/(.+)$/.exec(path);
    if (!account || account[1] !== options.accountSid) return twilioError(404, 20404, 'The requested resource was not found');
    const rest = account[2]!;
    if (req.method === 'POST' && rest === 'Messages.json') return createMessage(new URLSearchParams(req.body.toString('utf8')));
    const mediaPath = /^Messages\/(MM[0-9a-f]{32})\/Media\/(ME[0-9a-f]{32})$/.exec(rest);
    const file = mediaPath ? media.get(mediaPath[2]!) : undefined;
    if (req.method === 'GET' && file && mediaPath) {
      return { status: 307, headers: { location: `${storage.url}/media/${mediaPath[2]}?X-Amz-Signature=${file.signature}` } };
    }
    return twilioError(404, 20404, 'The requested resource was not found');
  });

  function createMessage(form: URLSearchParams): Answer {
    const failure = fake.failures.shift();
    if (failure) return twilioError(failure.status, failure.code, failure.message);
    const raw = fake.rawAnswers.shift();
    if (raw) return { status: raw.status, body: raw.body, headers: { 'content-type': 'application/json' } };
    const to = form.get('To');
    const from = form.get('From') ?? undefined;
    const service = form.get('MessagingServiceSid') ?? undefined;
    const body = form.get('Body');
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!from && !service) return twilioError(400, 21603, "A 'From' phone number is required.");
    if (!body) return twilioError(400, 21602, 'Message body is required.');
    if (body.length > 1600) return twilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (from && to.startsWith('whatsapp:') !== from.startsWith('whatsapp:')) {
      return twilioError(400, 63007, 'Twilio could not find a Channel with the specified From address');
    }
    const sid = `SM${randomBytes(16).toString('hex')}`;
    fake.messages.push({ sid, To: to, From: from, MessagingServiceSid: service, Body: body });
    return json(201, {
      account_sid: options.accountSid,
      api_version: '2010-04-01',
      body,
      date_created: new Date().toUTCString(),
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: from ?? null,
      messaging_service_sid: service ?? null,
      num_media: '0',
      num_segments: String(Math.ceil(body.length / 67)),
      price: null,
      sid,
      status: service ? 'accepted' : 'queued',
      to,
      uri: `/2010-04-01/Accounts/${options.accountSid}/Messages/${sid}.json`,
    });
  }

  fake.url = api.url;
  fake.addMedia = (bytes, mime) => {
    const messageSid = `MM${randomBytes(16).toString('hex')}`;
    const mediaSid = `ME${randomBytes(16).toString('hex')}`;
    media.set(mediaSid, { bytes, mime, signature: randomBytes(12).toString('hex') });
    return `${api.url}/2010-04-01/Accounts/${options.accountSid}/Messages/${messageSid}/Media/${mediaSid}`;
  };
  fake.close = async () => {
    await Promise.all([api.close(), storage.close()]);
  };
  return fake;
}

function twilioError(status: number, code: number, message: string): Answer {
  return json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

function json(status: number, body: unknown): Answer {
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

function xml(status: number, code: string, message: string): Answer {
  return {
    status,
    body: `<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    headers: { 'content-type': 'application/xml' },
  };
}

async function listen(handle: Handler): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = handle({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
