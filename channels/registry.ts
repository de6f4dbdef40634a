/**
 * Builds every configured channel at boot, once: config is validated here so a misconfigured
 * channel fails the start, not the first citizen message. Adding a channel = one folder + one line below.
 */
import { parseResult } from '../core/validation.js';
import { apiChannel } from './api/index.js';
import { botFrameworkChannel } from './botframework/index.js';
import type { ChannelContext, ChannelDefinition, Env, SharedSettings } from './definition.js';
import { open311Channel } from './open311/index.js';
import { aliyunSmsChannel } from './sms-aliyun/index.js';
import { twilioChannel } from './sms-twilio/index.js';
import { telegramChannel } from './telegram/index.js';
import type { ChannelAdapter, ChannelBinding, ChannelId } from './types.js';
import { webChannel } from './web/index.js';
import { wechatChannel } from './wechat/index.js';
import { wechatyChannel } from './wechaty/index.js';

export const CHANNELS = [
  apiChannel,
  webChannel,
  wechatChannel,
  wechatyChannel,
  twilioChannel,
  aliyunSmsChannel,
  telegramChannel,
  botFrameworkChannel,
  open311Channel,
] as readonly ChannelDefinition<unknown>[] as readonly ChannelDefinition<never>[];

export class ChannelConfigError extends Error {}

export class ChannelRegistry {
  private readonly bindings: ReadonlyMap<string, ChannelBinding>;

  constructor(bindings: ChannelBinding[]) {
    const map = new Map<string, ChannelBinding>();
    for (const binding of bindings) {
      if (map.has(binding.adapter.id)) throw new ChannelConfigError(`channel "${binding.adapter.id}" is configured twice`);
      map.set(binding.adapter.id, binding);
    }
    this.bindings = map;
  }

  public get(id: string): ChannelAdapter | undefined {
    return this.bindings.get(id)?.adapter;
  }

  public binding(id: ChannelId): ChannelBinding | undefined {
    return this.bindings.get(id);
  }

  public list(): ChannelBinding[] {
    return [...this.bindings.values()];
  }
}

/**
 * The configuration of every enabled channel. Channels whose variables are absent are disabled;
 * present but wrong ones throw ChannelConfigError. Cheap: the start calls it before anything slow.
 */
export function configureChannels(
  env: Env,
  shared: SharedSettings,
  definitions = CHANNELS,
): { definition: ChannelDefinition<never>; config: never }[] {
  const configured: { definition: ChannelDefinition<never>; config: never }[] = [];
  for (const definition of definitions) {
    const raw = definition.fromEnv(env, shared);
    if (raw === undefined) continue;
    const parsed = parseResult(definition.configSchema, raw, `configuration of channel "${definition.id}"`);
    if (!parsed.ok) throw new ChannelConfigError(`${parsed.error.message} (set by ${Object.keys(definition.env).join(', ')})`);
    configured.push({ definition, config: parsed.value });
  }
  return configured;
}

export function buildChannelRegistry(env: Env, shared: SharedSettings, context: ChannelContext, definitions = CHANNELS): ChannelRegistry {
  return new ChannelRegistry(
    configureChannels(env, shared, definitions).map(({ definition, config }) => definition.create(config, context)),
  );
}
