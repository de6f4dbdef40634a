import type { ChannelDefinition } from '../definition.js';
import type { ChannelAdapter, ChannelBinding, OutboundReply, RawRequest } from '../types.js';
import { IpAllowlist } from './allowlist.js';
import { AliyunSmsClient } from './client.js';
import { ALIYUN_SMS_ENV, ALIYUN_WEBHOOK_PATH, aliyunSmsConfigSchema, aliyunSmsFromEnv, type AliyunSmsConfig } from './definition.js';
import { parseAliyunPush } from './inbound.js';
import { sendAliyunReply, type AliyunTemplate } from './outbound.js';
import { verifyAliyunPush } from './signature.js';

/** What Aliyun checks (HTTP 200 and code 0); the same for a first delivery and a redelivery. */
export const ALIYUN_PUSH_ACK = { code: 0, msg: '接收成功' } as const;

export class AliyunSmsAdapter implements ChannelAdapter {
  public readonly id = 'sms_aliyun' as const;
  public readonly canReply: boolean;
  private readonly allowlist: IpAllowlist;
  private readonly outbound?: { client: AliyunSmsClient; template: AliyunTemplate };

  constructor(
    private readonly config: AliyunSmsConfig,
    fetchImpl: typeof fetch,
  ) {
    this.allowlist = new IpAllowlist(config.allowedIps);
    const { accessKeyId, accessKeySecret, templateCode, signName } = config;
    if (accessKeyId && accessKeySecret && templateCode && signName) {
      this.outbound = {
        client: new AliyunSmsClient({
          accessKeyId,
          accessKeySecret,
          apiBase: config.apiBase,
          timeoutMs: config.timeoutMs,
          fetch: fetchImpl,
        }),
        template: { signName, templateCode, templateParam: config.templateParam, paramMaxChars: config.paramMaxChars },
      };
    }
    // Without an AccessKey and an approved template the channel only receives; no reply is prepared.
    this.canReply = this.outbound !== undefined;
  }

  public verify = (req: RawRequest) => verifyAliyunPush(req, this.config.pushSecret, this.allowlist);
  public parse = (req: RawRequest) => parseAliyunPush(req, { signName: this.config.signName, destCodes: this.config.destCodes });

  public async send(reply: OutboundReply): Promise<{ externalId: string }> {
    if (!this.outbound)
      throw new Error('sms_aliyun: replies need ALIYUN_ACCESS_KEY_ID/SECRET, ALIYUN_SMS_SIGN_NAME and ALIYUN_SMS_TEMPLATE_CODE');
    return sendAliyunReply(this.outbound.client, this.outbound.template, reply);
  }
}

export function aliyunSmsBinding(config: AliyunSmsConfig, fetchImpl: typeof fetch): ChannelBinding {
  return {
    adapter: new AliyunSmsAdapter(config, fetchImpl),
    http: {
      path: ALIYUN_WEBHOOK_PATH,
      auth: 'none',
      // Reached only when every message is stored; a failed insert throws, and the 5xx makes Aliyun redeliver.
      acknowledge: () => ({ status: 200, body: ALIYUN_PUSH_ACK }),
    },
  };
}

export const aliyunSmsChannel: ChannelDefinition<AliyunSmsConfig> = {
  id: 'sms_aliyun',
  env: ALIYUN_SMS_ENV,
  fromEnv: aliyunSmsFromEnv,
  configSchema: aliyunSmsConfigSchema,
  create: (config, context) => aliyunSmsBinding(config, context.fetch),
};
