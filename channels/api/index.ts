import { optional, type ChannelDefinition } from '../definition.js';
import type { ChannelAdapter, ChannelBinding, OutboundReply, RawRequest } from '../types.js';
import { postCallback } from './client.js';
import { API_CHANNEL_ENV, apiChannelConfigSchema, type ApiChannelConfig } from './definition.js';
import { parseApiRequest } from './inbound.js';
import { toCallbackBody } from './outbound.js';
import { signCallback, verifyApiRequest } from './signature.js';

export class ApiChannelAdapter implements ChannelAdapter {
  public readonly id = 'api' as const;
  public readonly canReply: boolean;
  /** Source systems send complete requests; their callback hears the ticket number, not questions. */
  public readonly conversational = false;

  constructor(
    private readonly config: ApiChannelConfig,
    private readonly fetchImpl: typeof fetch,
  ) {
    this.canReply = Boolean(config.callbackUrl);
  }

  public verify = (req: RawRequest) => verifyApiRequest(req);
  public parse = (req: RawRequest) => parseApiRequest(req);

  public async send(reply: OutboundReply): Promise<{ externalId: string }> {
    const { callbackUrl, callbackSecret, timeoutMs } = this.config;
    if (!callbackUrl || !callbackSecret) throw new Error('the API channel has no callback URL');
    const body = JSON.stringify(toCallbackBody(reply));
    const headers = { 'x-suqiu-signature': signCallback(callbackSecret, body, new Date()), 'idempotency-key': reply.messageId };
    await postCallback(this.fetchImpl, callbackUrl, body, headers, timeoutMs);
    return { externalId: reply.messageId };
  }
}

export const apiChannel: ChannelDefinition<ApiChannelConfig> = {
  id: 'api',
  env: API_CHANNEL_ENV,
  // Always on: without a callback URL, callers read their messages back instead of receiving replies.
  fromEnv: (env) => ({ callbackUrl: optional(env, 'SUQIU_API_CALLBACK_URL'), callbackSecret: optional(env, 'SUQIU_API_CALLBACK_SECRET') }),
  configSchema: apiChannelConfigSchema,
  create: (config, context): ChannelBinding => ({
    adapter: new ApiChannelAdapter(config, context.fetch),
    http: {
      path: '/api/v1/intake/messages',
      auth: 'apiKey',
      acknowledge: (outcomes) => {
        const [outcome] = outcomes;
        return {
          status: outcome?.duplicate ? 200 : 202,
          body: { id: outcome?.messageId, status: outcome?.duplicate ? 'duplicate' : 'accepted' },
        };
      },
    },
  }),
};
