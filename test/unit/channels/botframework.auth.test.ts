/**
 * Channel → bot authentication (DOMAIN.md §11.5) against a fake identity provider on loopback: an RSA
 * key made here, published as OpenID metadata + JWKS with endorsements, tokens signed with it.
 */
import { generateKeyPairSync } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { BotFrameworkAdapter } from '../../../channels/botframework/index.js';
import { UnauthorizedError, UpstreamError } from '../../../core/errors/index.js';
import { MemoryTokenStore } from '../../../core/tokens/token-store.js';
import { BOT_APP_ID, BOT_APP_PASSWORD, botRequest, messageActivity, vendor } from '../../fixtures/botframework/activities.js';
import { startFakeBotFramework, type FakeBotFramework } from '../../helpers/fakes/botframework.js';

let fake: FakeBotFramework;
let adapter: BotFrameworkAdapter;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  fake = await startFakeBotFramework({ appId: BOT_APP_ID, appPassword: BOT_APP_PASSWORD, endorsements: ['webchat', 'directline'] });
  adapter = new BotFrameworkAdapter(
    {
      appId: BOT_APP_ID,
      appPassword: BOT_APP_PASSWORD,
      appType: 'MultiTenant',
      allowUnauthenticated: false,
      openIdMetadataUrl: fake.openIdMetadataUrl,
      loginUrl: fake.loginUrl,
      timeoutMs: 5_000,
    },
    { fetch, tokens: new MemoryTokenStore() },
  );
});
afterAll(() => fake.close());

const request = (token: string | undefined, fields: Record<string, unknown> = {}) =>
  botRequest(messageActivity(fake.serviceUrl, fields), undefined, token === undefined ? {} : { authorization: `Bearer ${token}` });

describe('botframework authentication (JWT)', () => {
  test('when the channel token is valid, then the principal is the Bot Framework vendor for that serviceUrl, and verify accepts it', async () => {
    const req = request(fake.signToken());
    const principal = await adapter.authenticate(req);
    expect(principal).toEqual({ kind: 'vendor', channel: 'botframework', subject: fake.serviceUrl });
    expect(adapter.verify({ ...req, principal })).toBe(true);
    expect(fake.requests.some((r) => r.path === '/v1/.well-known/keys')).toBe(true);
  });

  test('when the token expired less than 5 minutes ago, then clock tolerance still accepts it', async () => {
    await expect(adapter.authenticate(request(fake.signToken({ exp: now() - 120 })))).resolves.toMatchObject({ kind: 'vendor' });
  });

  const forged = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  test.each([
    { description: 'no Authorization header', token: () => undefined, reason: /Bearer/ },
    { description: 'a malformed header value', token: () => 'not a jwt', reason: /Bearer/ },
    {
      description: 'a token expired 10 minutes ago',
      token: () => fake.signToken({ exp: now() - 600, nbf: now() - 4000 }),
      reason: /expired/,
    },
    {
      description: 'a token for another bot (audience)',
      token: () => fake.signToken({ aud: 'another-app-id' }),
      reason: /not issued for this bot/,
    },
    { description: 'a token from another issuer', token: () => fake.signToken({ iss: 'https://sts.example.com/' }), reason: /refused/ },
    { description: 'a token signed with a key that is not published', token: () => fake.signToken({}, { key: forged }), reason: /refused/ },
    {
      description: 'a token signed with another key under the published kid',
      token: () => fake.signToken({}, { key: forged, kid: fake.keyId }),
      reason: /refused/,
    },
    {
      description: 'a token for another serviceUrl',
      token: () => fake.signToken({ serviceurl: 'https://evil.example.com/' }),
      reason: /serviceUrl/,
    },
    { description: 'an unsigned token', token: () => `${fake.signToken().split('.').slice(0, 2).join('.')}.`, reason: /Bearer|refused/ },
  ])('when the request carries $description, then authenticate refuses it with 401', async ({ token, reason }) => {
    const error = await adapter.authenticate(request(token())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as Error).message).toMatch(reason);
  });

  test('when the signing key is not endorsed for the activity channel, then the token is refused', async () => {
    const req = request(fake.signToken(), { channelId: 'msteams' });
    await expect(adapter.authenticate(req)).rejects.toThrow(/not endorsed/);
  });

  test('when the token is valid but the body names another serviceUrl than the principal, then verify refuses it', () => {
    const req = request(undefined, { serviceUrl: 'https://evil.example.com/' });
    expect(adapter.verify({ ...req, principal: vendor(fake.serviceUrl) })).toBe(false);
  });

  test('when there is no principal or another one, then verify refuses the request', () => {
    const req = request(undefined);
    expect(adapter.verify(req)).toBe(false);
    expect(adapter.verify({ ...req, principal: { kind: 'apiKey', apiKeyId: 'x', source: 's' } })).toBe(false);
    expect(adapter.verify({ ...req, principal: { kind: 'vendor', channel: 'telegram' } })).toBe(false);
  });

  test('when the signing keys cannot be loaded, then it is an upstream failure (502, the channel retries), not a 401', async () => {
    const offline = new BotFrameworkAdapter(
      {
        appId: BOT_APP_ID,
        appPassword: BOT_APP_PASSWORD,
        appType: 'MultiTenant',
        allowUnauthenticated: false,
        openIdMetadataUrl: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration',
        timeoutMs: 1_000,
      },
      { fetch, tokens: new MemoryTokenStore() },
    );
    await expect(offline.authenticate(request(fake.signToken()))).rejects.toBeInstanceOf(UpstreamError);
  });
});

describe('botframework without an app id (Emulator mode)', () => {
  const open = new BotFrameworkAdapter(
    { appType: 'MultiTenant', allowUnauthenticated: true, openIdMetadataUrl: 'http://127.0.0.1:9/x', timeoutMs: 1_000 },
    { fetch, tokens: new MemoryTokenStore() },
  );

  test.each([
    { serviceUrl: 'http://localhost:3978/', expects: true },
    { serviceUrl: 'http://127.0.0.1:50123/', expects: true },
    { serviceUrl: 'http://[::1]:50123/', expects: true },
    { serviceUrl: 'https://directline.botframework.com/', expects: false },
    { serviceUrl: 'http://169.254.169.254/', expects: false },
    { serviceUrl: 'http://localhost.evil.example.com/', expects: false },
  ])('when the serviceUrl is $serviceUrl, then verify is $expects (replies may only go to this machine)', ({ serviceUrl, expects }) => {
    expect(open.verify(botRequest(messageActivity(serviceUrl)))).toBe(expects);
  });
});
