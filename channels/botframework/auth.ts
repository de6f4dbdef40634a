/**
 * Both directions of Bot Framework authentication (DOMAIN.md §11.5).
 *
 * Channel → suqiu: botbuilder's `ConfigurationBotFrameworkAuthentication.authenticateRequest` checks
 * the JWT — RS256 signature with a key from the OpenID metadata's JWKS, issuer, audience = our app
 * id, expiry with 5 minutes of clock tolerance, the key's endorsements for the activity's channelId,
 * and the `serviceurl` claim against the activity. Every endpoint is passed explicitly (botbuilder
 * takes the "parameterized" route only when all are given), so the metadata URL can be pointed at a
 * private cloud or a test's identity provider.
 *
 * suqiu → channel: a client-credentials token from `<login url>/oauth2/v2.0/token`, kept in suqiu's
 * shared token store (one refresh for all processes) instead of botbuilder's MSAL path, which insists
 * on Microsoft's own HTTPS authorities.
 */
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';

import { UnauthorizedError, UpstreamError } from '../../core/errors/index.js';
import type { TokenStore } from '../../core/tokens/token-store.js';
import type { Principal, RawRequest } from '../types.js';
import { loginUrlOf, type BotFrameworkConfig } from './definition.js';

/** botframework-connector's AuthenticationConstants for the public cloud, spelled out (see above). */
const BOT_FRAMEWORK = 'https://api.botframework.com';
const EMULATOR_METADATA = 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration';
const PUBLIC_AZURE_CALLER = 'urn:botframework:azure';

type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;
type ServiceCredentials = Awaited<ReturnType<CredentialsFactory['createCredentials']>>;

export function createBotAuthentication(config: BotFrameworkConfig, tokens: ConnectorTokens): ConfigurationBotFrameworkAuthentication {
  const factory: CredentialsFactory = {
    isValidAppId: async (appId) => config.appId !== undefined && appId === config.appId,
    isAuthenticationDisabled: async () => config.appId === undefined,
    createCredentials: async () => (config.appId === undefined ? anonymous : bearer(tokens)),
  };
  return new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.appId ?? '',
      MicrosoftAppTenantId: config.tenantId,
      ToChannelFromBotLoginUrl: loginUrlOf(config),
      ToChannelFromBotOAuthScope: BOT_FRAMEWORK,
      ToBotFromChannelTokenIssuer: BOT_FRAMEWORK,
      OAuthUrl: BOT_FRAMEWORK,
      ToBotFromChannelOpenIdMetadataUrl: config.openIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: EMULATOR_METADATA,
      CallerId: PUBLIC_AZURE_CALLER,
      ValidateAuthority: true,
    },
    factory,
    { requiredEndorsements: [] },
  );
}

const anonymous: ServiceCredentials = { signRequest: async (request) => request };

function bearer(tokens: ConnectorTokens): ServiceCredentials {
  return {
    signRequest: async (request) => {
      request.headers.set('authorization', `Bearer ${await tokens.get()}`);
      return request;
    },
  };
}

/**
 * `ChannelHttp.authenticate`: resolves to the vendor principal or throws UnauthorizedError (401, and
 * nothing is stored). Signing keys that cannot be loaded are an upstream failure (502): the channel
 * retries, and a genuine message is not refused for our outage.
 */
export async function authenticateActivity(auth: ConfigurationBotFrameworkAuthentication, req: RawRequest): Promise<Principal> {
  const header = req.headers.authorization ?? '';
  if (!/^Bearer [A-Za-z0-9_.~+/=-]+$/.test(header))
    throw new UnauthorizedError('Bot Framework: send the channel token as "Authorization: Bearer <JWT>"');
  const body = (req.body ?? {}) as Record<string, unknown>;
  // The token is bound to the activity's channelId (endorsements) and serviceUrl (claim).
  const activity = { channelId: text(body.channelId), serviceUrl: text(body.serviceUrl) } as Activity;
  let claims: { getClaimValue(type: string): string | null };
  try {
    claims = (await auth.authenticateRequest(activity, header)).claimsIdentity;
  } catch (error) {
    if (isKeyLoadFailure(error))
      throw new UpstreamError('Bot Framework: the signing keys could not be loaded', { code: 'SIGNING_KEYS_UNAVAILABLE' });
    throw new UnauthorizedError(`Bot Framework: the token was refused (${reasonOf(error)})`);
  }
  return { kind: 'vendor', channel: 'botframework', subject: claims.getClaimValue('serviceurl') ?? undefined };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** botbuilder reports unreachable metadata as a 500 AuthenticationError; node-fetch as FetchError. */
function isKeyLoadFailure(error: unknown): boolean {
  const e = error as { statusCode?: number; name?: string; message?: string };
  return (e?.statusCode ?? 0) >= 500 || e?.name === 'FetchError' || /Failed to load (openID config|Keys)/.test(e?.message ?? '');
}

/** A coarse reason for the operator; never the token, nor claims an attacker chose. */
function reasonOf(error: unknown): string {
  const message = (error as { message?: string })?.message ?? '';
  if (/expired/i.test(message)) return 'expired';
  if (/audience|AppId/i.test(message)) return 'not issued for this bot';
  if (/endorsement/i.test(message)) return 'signing key not endorsed for this channel';
  if (/ServiceUrl/i.test(message)) return 'serviceUrl does not match';
  if (/signature|Signing Key/i.test(message)) return 'bad signature or unknown signing key';
  return 'invalid';
}

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
}

/** The bot's outbound access token, shared through suqiu's token store. */
export class ConnectorTokens {
  private readonly key: string;

  constructor(
    private readonly config: BotFrameworkConfig,
    private readonly store: TokenStore,
    private readonly fetchImpl: typeof fetch,
  ) {
    this.key = `botframework:${config.appId ?? ''}`;
  }

  public get(): Promise<string> {
    return this.store.get(this.key, () => this.fetchToken());
  }

  /** A token the connector refused (revoked, rotated secret): the next attempt fetches a new one. */
  public invalidate(value: string): Promise<void> {
    return this.store.invalidate(this.key, value);
  }

  private async fetchToken(): Promise<{ value: string; expiresInSeconds: number }> {
    const { appId, appPassword, timeoutMs } = this.config;
    if (!appId || !appPassword) throw new UpstreamError('Bot Framework: no app credentials to get a token with');
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: appId,
      client_secret: appPassword,
      scope: `${BOT_FRAMEWORK}/.default`,
    });
    let response: Response;
    try {
      response = await this.fetchImpl(`${loginUrlOf(this.config)}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new UpstreamError(`Bot Framework login failed: ${(error as Error)?.name ?? 'request error'}`);
    }
    const answer = (await response.json().catch(() => ({}))) as TokenAnswer;
    if (!response.ok || typeof answer.access_token !== 'string') {
      const code = typeof answer.error === 'string' ? ` ${answer.error}` : '';
      throw new UpstreamError(`Bot Framework login answered ${response.status}${code}`, { code: 'LOGIN_FAILED' });
    }
    const expiresIn = Number(answer.expires_in);
    return { value: answer.access_token, expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3_600 };
  }
}
