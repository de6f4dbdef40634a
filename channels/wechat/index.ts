import { err, type Result } from '../../core/result.js';
import type { TokenStore } from '../../core/tokens/token-store.js';
import type { ChannelDefinition } from '../definition.js';
import type { ChannelAdapter, ChannelBinding, InboundMessage, MediaRef, OutboundReply, ParseError, RawRequest } from '../types.js';
import { AccessTokens } from './auth.js';
import { WeChatClient } from './client.js';
import { aesKeyFrom } from './crypto.js';
import { WECHAT_ENV, WECHAT_WEBHOOK_PATH, wechatConfigSchema, wechatFromEnv, type WeChatConfig } from './definition.js';
import { openEnvelope, type EnvelopeKeys } from './envelope.js';
import { Http } from './http.js';
import { parseWeChatMessage } from './inbound.js';
import { sendWeChatReply } from './outbound.js';
import { answerUrlVerification } from './signature.js';

export interface WeChatDeps {
  fetch: typeof fetch;
  tokens: TokenStore;
  /** The clock of template times and the 48-hour window; tests pass their own. */
  now?: () => Date;
}

export class WeChatAdapter implements ChannelAdapter {
  public readonly id = 'wechat' as const;
  public readonly canReply = true;
  private readonly keys: EnvelopeKeys;
  private readonly client: WeChatClient;
  private readonly now: () => Date;

  constructor(
    private readonly config: WeChatConfig,
    deps: WeChatDeps,
  ) {
    this.keys = { token: config.token, appId: config.appId, aesKey: config.encodingAesKey ? aesKeyFrom(config.encodingAesKey) : undefined };
    const http = new Http({ apiBase: config.apiBase, timeoutMs: config.timeoutMs, fetch: deps.fetch });
    this.client = new WeChatClient(http, new AccessTokens(http, deps.tokens, config));
    this.now = deps.now ?? (() => new Date());
  }

  public verify(req: RawRequest): boolean {
    return openEnvelope(req, this.keys).kind !== 'unauthentic';
  }

  public parse(req: RawRequest): Result<InboundMessage[], ParseError> {
    const opened = openEnvelope(req, this.keys);
    if (opened.kind !== 'opened') return err({ message: `invalid WeChat message: ${opened.reason}` });
    return parseWeChatMessage(opened.fields, req.receivedAt);
  }

  public send(reply: OutboundReply): Promise<{ externalId: string }> {
    return sendWeChatReply(this.client, this.config, reply, this.now());
  }

  public async fetchMedia(ref: MediaRef) {
    if (!ref.ref) throw new Error('wechat: a media reference without MediaId');
    return this.client.getMedia(ref.ref, ref.mime === 'application/octet-stream' ? undefined : ref.mime);
  }
}

export function wechatBinding(config: WeChatConfig, deps: WeChatDeps): ChannelBinding {
  return {
    adapter: new WeChatAdapter(config, deps),
    http: {
      path: WECHAT_WEBHOOK_PATH,
      auth: 'none',
      // The literal `success` tells WeChat not to retry and to show nothing; the answer follows as a
      // customer-service message. The same for a retry, well inside WeChat's 5 s.
      acknowledge: () => ({ status: 200, body: 'success', contentType: 'text/plain' }),
      challenge: (req) => answerUrlVerification(config.token, req),
    },
  };
}

export const wechatChannel: ChannelDefinition<WeChatConfig> = {
  id: 'wechat',
  env: WECHAT_ENV,
  fromEnv: wechatFromEnv,
  configSchema: wechatConfigSchema,
  create: (config, context) => wechatBinding(config, { fetch: context.fetch, tokens: context.tokens }),
};
