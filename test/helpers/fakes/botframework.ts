/**
 * A fake Bot Framework cloud on loopback, one server for the three parties suqiu talks to:
 *
 * - the connector (`serviceUrl`): `POST /v3/conversations/{id}/activities[/{replyToId}]`, recorded,
 *   answering `{id}`; with `requireToken` it wants a token the fake login issued, like the real one;
 *   attachments under `/attachments/{id}`, behind the same token;
 * - the login authority (`loginUrl`): `POST {loginUrl}/oauth2/v2.0/token`, client credentials;
 * - the identity provider of channel tokens: OpenID metadata → JWKS with `endorsements`, and
 *   `signToken` to sign RS256 JWTs with the published key (or any other key, to forge one).
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorPost {
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  activity: Record<string, any>;
}

export interface FakeBotFramework {
  url: string;
  /** As channels send it, with the trailing slash. */
  serviceUrl: string;
  openIdMetadataUrl: string;
  /** Authority (BOTFRAMEWORK_LOGIN_URL); the token endpoint is `<loginUrl>/oauth2/v2.0/token`. */
  loginUrl: string;
  appId: string;
  /** Activities the connector accepted, in order. */
  activities: ConnectorPost[];
  /** Client-credentials requests (form fields). */
  tokenRequests: Record<string, string>[];
  /** Every request: method, path, headers. */
  requests: { method: string; path: string; headers: IncomingHttpHeaders }[];
  /** The next connector posts fail with these answers, one each. */
  failures: { status: number; body?: unknown; headers?: Record<string, string> }[];
  /** The connector (and its attachments) demand a token issued by the fake login. */
  requireToken: boolean;
  /** The id of the published signing key. */
  keyId: string;
  /** Tokens issued by the fake login. */
  issuedTokens: Set<string>;
  /** Stores a file on the connector and returns its contentUrl. */
  addAttachment(bytes: Buffer, mime: string): string;
  /** An RS256 JWT as the Bot Framework channel service signs it; claims and key can be overridden. */
  signToken(claims?: Record<string, unknown>, options?: { key?: KeyObject; kid?: string }): string;
  close(): Promise<void>;
}

export interface FakeBotFrameworkOptions {
  appId?: string;
  appPassword?: string;
  /** Channels the signing key is endorsed for. */
  endorsements?: string[];
}

export async function startFakeBotFramework(options: FakeBotFrameworkOptions = {}): Promise<FakeBotFramework> {
  const appId = options.appId ?? '00000000-0000-4000-8000-0000000000b0';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const files = new Map<string, { bytes: Buffer; mime: string }>();
  let sequence = 0;
  const fake: FakeBotFramework = {
    url: '',
    serviceUrl: '',
    openIdMetadataUrl: '',
    loginUrl: '',
    appId,
    activities: [],
    tokenRequests: [],
    requests: [],
    failures: [],
    requireToken: false,
    keyId: `key-${randomBytes(4).toString('hex')}`,
    issuedTokens: new Set(),
    addAttachment: (bytes, mime) => {
      const id = randomBytes(8).toString('hex');
      files.set(id, { bytes, mime });
      return `${fake.url}/attachments/${id}`;
    },
    signToken: (claims = {}, signing = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: 'RS256', typ: 'JWT', kid: signing.kid ?? fake.keyId };
      const payload = {
        iss: 'https://api.botframework.com',
        aud: appId,
        serviceurl: fake.serviceUrl,
        nbf: now - 60,
        exp: now + 3600,
        ...claims,
      };
      const input = `${base64url(header)}.${base64url(payload)}`;
      return `${input}.${sign('RSA-SHA256', Buffer.from(input), signing.key ?? privateKey).toString('base64url')}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const authorized = (headers: IncomingHttpHeaders) =>
    !fake.requireToken || fake.issuedTokens.has(String(headers.authorization ?? '').replace(/^Bearer /, ''));

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const body = Buffer.concat(chunks).toString('utf8');
      fake.requests.push({ method: req.method ?? '', path, headers: req.headers });
      if (path === '/v1/.well-known/openidconfiguration') {
        return json(res, 200, {
          issuer: 'https://api.botframework.com',
          jwks_uri: `${fake.url}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
      if (path === '/v1/.well-known/keys') {
        const jwk = publicKey.export({ format: 'jwk' });
        const endorsements = options.endorsements ?? ['webchat', 'directline', 'msteams', 'emulator'];
        return json(res, 200, { keys: [{ kty: 'RSA', use: 'sig', kid: fake.keyId, n: jwk.n, e: jwk.e, endorsements }] });
      }
      if (req.method === 'POST' && path === '/login/botframework.com/oauth2/v2.0/token') {
        const form = Object.fromEntries(new URLSearchParams(body));
        fake.tokenRequests.push(form);
        if (form.grant_type !== 'client_credentials' || form.client_id !== appId || form.client_secret !== options.appPassword) {
          return json(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
        }
        const token = `fake-access-${randomBytes(12).toString('hex')}`;
        fake.issuedTokens.add(token);
        return json(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
      }
      const attachment = /^\/attachments\/(\w+)$/.exec(path);
      if (attachment) {
        const file = files.get(attachment[1]!);
        if (!authorized(req.headers)) return json(res, 401, { error: { code: 'Unauthorized', message: 'token required' } });
        if (!file) return json(res, 404, { error: { code: 'NotFound', message: 'no such attachment' } });
        res.writeHead(200, { 'content-type': file.mime, 'content-length': String(file.bytes.length) });
        return res.end(file.bytes);
      }
      const post = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      if (req.method === 'POST' && post) {
        if (!authorized(req.headers)) return json(res, 401, { error: { code: 'Unauthorized', message: 'Authorization has been denied' } });
        const failure = fake.failures.shift();
        if (failure)
          return json(res, failure.status, failure.body ?? { error: { code: 'ServiceError', message: 'failed' } }, failure.headers);
        const conversationId = decodeURIComponent(post[1]!);
        fake.activities.push({
          conversationId,
          replyToId: post[2] === undefined ? undefined : decodeURIComponent(post[2]),
          authorization: req.headers.authorization,
          activity: JSON.parse(body) as Record<string, any>,
        });
        sequence += 1;
        return json(res, 200, { id: `${conversationId}|${String(sequence).padStart(7, '0')}` });
      }
      return json(res, 404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.serviceUrl = `${fake.url}/`;
  fake.openIdMetadataUrl = `${fake.url}/v1/.well-known/openidconfiguration`;
  fake.loginUrl = `${fake.url}/login/botframework.com`;
  return fake;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
