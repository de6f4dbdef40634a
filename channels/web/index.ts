import type { ChannelDefinition } from '../definition.js';
import type { ChannelAdapter, ChannelBinding, OutboundReply, RawRequest } from '../types.js';
import { webChannelConfigSchema, type WebChannelConfig } from './definition.js';
import { parseWebRequest } from './inbound.js';
import { toWebchatEvent } from './outbound.js';
import { sessionFromHeaders } from './signature.js';

export class WebChannelAdapter implements ChannelAdapter {
  public readonly id = 'web' as const;
  public readonly canReply = true;

  constructor(
    private readonly config: WebChannelConfig,
    private readonly notify: (sessionId: string, payload: unknown) => Promise<void>,
  ) {}

  public verify(req: RawRequest): boolean {
    return sessionFromHeaders(this.config.secret, req.headers, req.receivedAt) !== undefined;
  }

  public parse(req: RawRequest) {
    const session = sessionFromHeaders(this.config.secret, req.headers, req.receivedAt);
    if (!session) return { ok: false as const, error: { message: 'a valid web-chat session token is required' } };
    return parseWebRequest(req, session.sessionId);
  }

  /** The reply is already stored; sending means telling the open chat page to show it. */
  public async send(reply: OutboundReply): Promise<{ externalId: string }> {
    await this.notify(reply.channelUserId, toWebchatEvent(reply));
    return { externalId: reply.messageId };
  }
}

export const webChannel: ChannelDefinition<WebChannelConfig> = {
  id: 'web',
  env: { SUQIU_WEBCHAT_TOKEN_TTL_HOURS: 'Lifetime of a web-chat session token (the page renews it while in use)' },
  fromEnv: (_env, shared) => ({ secret: shared.secret, tokenTtlMs: shared.webchatTokenTtlMs }),
  configSchema: webChannelConfigSchema,
  create: (config, context): ChannelBinding => ({
    adapter: new WebChannelAdapter(config, (sessionId, payload) => context.notifyWebchat(sessionId, payload)),
    http: {
      path: '/api/v1/webchat/messages',
      auth: 'none',
      acknowledge: ([outcome]) => ({ status: 200, body: { id: outcome?.messageId, duplicate: outcome?.duplicate ?? false } }),
    },
  }),
};
