import type { Wechaty } from 'wechaty';

import { err, type Result } from '../../core/result.js';
import { optional, type ChannelDefinition } from '../definition.js';
import type { ChannelAdapter, ChannelBinding, ChannelIntake, InboundMessage, OutboundReply, ParseError, RawRequest } from '../types.js';
import { buildBot, ensurePuppetInstalled, WechatyPuppetError } from './client.js';
import { startConnection, type ChannelLogger, type Connection } from './connection.js';
import { WECHATY_CHANNEL_ENV, wechatyChannelConfigSchema, type WechatyChannelConfig } from './definition.js';
import { deliverReply } from './outbound.js';
import { puppetPolicy } from './policy.js';

export interface WechatyAdapterOptions {
  logger?: ChannelLogger;
  /** @defaultValue 1 s, 5 s, 15 s, 60 s */
  retryDelaysMs?: readonly number[];
  now?: () => Date;
}

export class WechatyChannelAdapter implements ChannelAdapter {
  public readonly id = 'wechaty' as const;
  public readonly canReply = true;
  /**
   * The Wechaty instance this adapter drives, exposed read-only for tests and operators' tooling
   * (tests reach wechaty-puppet-mock's `puppet.mocker` through it to play the citizen's side).
   * The adapter owns its lifecycle: start it with `start`, stop it with the connection it returns.
   */
  public readonly bot: Wechaty;
  private started = false;

  constructor(
    private readonly config: WechatyChannelConfig,
    private readonly options: WechatyAdapterOptions = {},
  ) {
    // Checked at boot by the config schema too; repeated here so no code path builds a refused puppet.
    const verdict = puppetPolicy(config.puppet, config.allowPersonalPuppet);
    if (!verdict.ok) throw new WechatyPuppetError(verdict.reason);
    this.bot = buildBot(config);
  }

  /** Wechaty receives no webhooks (messages arrive over the bot's connection), so no HTTP request is authentic. */
  public verify(_req: RawRequest): boolean {
    return false;
  }

  public parse(_req: RawRequest): Result<InboundMessage[], ParseError> {
    return err({ message: 'the wechaty channel receives no webhooks: its messages arrive over the bot connection' });
  }

  public send(reply: OutboundReply): Promise<{ externalId: string }> {
    return deliverReply(this.bot, reply, this.config.sendTimeoutMs);
  }

  public async start(intake: ChannelIntake): Promise<Connection> {
    if (this.started) throw new WechatyPuppetError('the Wechaty bot is already started');
    this.started = true;
    await ensurePuppetInstalled(this.config.puppet);
    return startConnection(this.bot, intake, {
      maxMediaBytes: this.config.maxMediaBytes,
      logger: this.options.logger,
      retryDelaysMs: this.options.retryDelaysMs ?? [1_000, 5_000, 15_000, 60_000],
      now: this.options.now ?? (() => new Date()),
    });
  }
}

export const wechatyChannel: ChannelDefinition<WechatyChannelConfig> = {
  id: 'wechaty',
  env: { ...WECHATY_CHANNEL_ENV, LOG_LEVEL: "(suqiu's own) also the level of the bot's connection log" },
  fromEnv: (env) => {
    const puppet = optional(env, 'WECHATY_PUPPET');
    if (!puppet) return undefined;
    return {
      puppet,
      allowPersonalPuppet: optional(env, 'WECHATY_ALLOW_PERSONAL_PUPPET'),
      name: optional(env, 'WECHATY_NAME'),
      serviceToken: optional(env, 'WECHATY_PUPPET_SERVICE_TOKEN'),
      serviceEndpoint: optional(env, 'WECHATY_PUPPET_SERVICE_ENDPOINT'),
      maxMediaBytes: optional(env, 'WECHATY_MAX_MEDIA_BYTES'),
    };
  },
  configSchema: wechatyChannelConfigSchema,
  create: (config, context): ChannelBinding => {
    const logger = context.logger.child({ channel: 'wechaty' });
    const adapter = new WechatyChannelAdapter(config, { logger });
    return { adapter, start: (intake) => adapter.start(intake) };
  },
};
