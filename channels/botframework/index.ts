import { UpstreamError } from '../../core/errors/index.js';
import type { ChannelContext, ChannelDefinition } from '../definition.js';
import type { ChannelAdapter, ChannelBinding, FetchedMedia, MediaRef, OutboundReply, RawRequest } from '../types.js';
import { authenticateActivity, ConnectorTokens, createBotAuthentication } from './auth.js';
import { BotConnector } from './client.js';
import { BOTFRAMEWORK_ENV, botFrameworkConfigSchema, botFrameworkFromEnv, type BotFrameworkConfig } from './definition.js';
import { download } from './download.js';
import { parseBotFrameworkRequest } from './inbound.js';
import { replyToIdOf, toActivity } from './outbound.js';
import { referenceSchema } from './schemas.js';
import { verifyBotFrameworkRequest } from './signature.js';

export class BotFrameworkAdapter implements ChannelAdapter {
  public readonly id = 'botframework' as const;
  /** Proactive messages reach a stored conversation at any time. */
  public readonly canReply = true;
  public readonly authenticated: boolean;
  private readonly tokens: ConnectorTokens | undefined;
  private readonly connector: BotConnector;
  private readonly auth: ReturnType<typeof createBotAuthentication>;

  constructor(
    private readonly config: BotFrameworkConfig,
    private readonly context: Pick<ChannelContext, 'fetch' | 'tokens'>,
  ) {
    this.authenticated = config.appId !== undefined;
    const tokens = new ConnectorTokens(config, context.tokens, context.fetch);
    // Without an app id nothing is signed: the credentials factory never asks for a token.
    this.tokens = this.authenticated ? tokens : undefined;
    this.auth = createBotAuthentication(config, tokens);
    this.connector = new BotConnector(this.auth, config.appId, this.tokens, config.timeoutMs);
  }

  /** `ChannelHttp.authenticate`: the JWT check, which may fetch signing keys. */
  public authenticate = (req: RawRequest) => authenticateActivity(this.auth, req);

  public verify(req: RawRequest): boolean {
    return verifyBotFrameworkRequest(req, this.authenticated);
  }

  public parse(req: RawRequest) {
    return parseBotFrameworkRequest(req);
  }

  public async send(reply: OutboundReply): Promise<{ externalId: string }> {
    const reference = referenceSchema.safeParse(reply.address);
    // Without the reference of a conversation the citizen opened, there is nowhere to post.
    if (!reference.success)
      throw new UpstreamError('Bot Framework: no conversation reference is stored for this citizen', { code: 'NO_REFERENCE' });
    const sentId = await this.connector.send(reference.data, toActivity(reply, reference.data), replyToIdOf(reply, reference.data));
    return { externalId: sentId ?? reply.messageId };
  }

  /** The bot's token goes only to the connector that sent the activity (`ref` = its serviceUrl). */
  public async fetchMedia(ref: MediaRef): Promise<FetchedMedia> {
    if (!ref.url) throw new UpstreamError('Bot Framework attachment without a contentUrl');
    const tokens = this.tokens;
    const fetched = await download(ref.url, {
      fetch: this.context.fetch,
      timeoutMs: this.config.timeoutMs,
      trustedOrigin: ref.ref,
      authorization: tokens ? () => tokens.get() : undefined,
    });
    return { ...fetched, mime: ref.mime ?? fetched.mime, ...(ref.name ? { name: ref.name } : {}) };
  }
}

export function botFrameworkBinding(config: BotFrameworkConfig, context: Pick<ChannelContext, 'fetch' | 'tokens'>): ChannelBinding {
  const adapter = new BotFrameworkAdapter(config, context);
  return {
    adapter,
    http: {
      path: '/api/messages',
      auth: 'none',
      ...(adapter.authenticated ? { authenticate: adapter.authenticate } : {}),
      // 200 with no body for every activity type; replies follow proactively (no invoke responses, no expectReplies).
      acknowledge: () => ({ status: 200, body: '' }),
    },
  };
}

export const botFrameworkChannel: ChannelDefinition<BotFrameworkConfig> = {
  id: 'botframework',
  env: BOTFRAMEWORK_ENV,
  fromEnv: botFrameworkFromEnv,
  configSchema: botFrameworkConfigSchema,
  create: (config, context) => botFrameworkBinding(config, context),
};
