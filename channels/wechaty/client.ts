/**
 * The Wechaty bot for the configured puppet. Wechaty loads the puppet module by name when it
 * starts; `ensurePuppetInstalled` loads it first so a missing module fails the boot with a message
 * that says what to do, instead of a stack trace from deep inside the SDK.
 */
import { WechatyBuilder, type PuppetModuleName, type Wechaty } from 'wechaty';

import type { WechatyChannelConfig } from './definition.js';

/** The configured puppet cannot run: refused by the policy, not installed, or broken. Fails the boot. */
export class WechatyPuppetError extends Error {
  public override readonly name = 'WechatyPuppetError';
}

export function buildBot(config: WechatyChannelConfig): Wechaty {
  return WechatyBuilder.build({
    name: config.name,
    // Wechaty's type lists only its official puppets, but its resolver loads any module of that
    // form; policy.ts decided which ones suqiu accepts before this point.
    puppet: config.puppet as PuppetModuleName,
    puppetOptions:
      config.puppet === 'wechaty-puppet-service' ? { token: config.serviceToken, endpoint: config.serviceEndpoint } : undefined,
  });
}

/** `load` is the module loader (a parameter so the missing-module message can be tested). */
export async function ensurePuppetInstalled(
  puppet: string,
  load: (name: string) => Promise<unknown> = (name) => import(name),
): Promise<void> {
  try {
    await load(puppet);
  } catch (cause) {
    const code = (cause as { code?: unknown } | null)?.code;
    const message = cause instanceof Error ? cause.message : String(cause);
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(`'${puppet}'`)) {
      throw new WechatyPuppetError(
        `WECHATY_PUPPET is ${puppet}, but that module is not installed: run \`npm install ${puppet}\` in suqiu's folder, ` +
          'or unset WECHATY_PUPPET to disable the Wechaty channel',
        { cause },
      );
    }
    throw new WechatyPuppetError(`the Wechaty puppet ${puppet} could not be loaded (a broken install?): ${message}`, { cause });
  }
}
