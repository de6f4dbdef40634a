import type { z } from 'zod';

import type { Logger } from '../core/logger.js';
import type { TokenStore } from '../core/tokens/token-store.js';
import type { Catalogue } from '../router/catalogue.js';
import type { ChannelBinding, ChannelId } from './types.js';

/** What the registry may hand a channel besides its own config: outlets into the rest of suqiu. */
export interface ChannelContext {
  /** Pushes an event to the browser tab of a web-chat session (through the event bus). */
  notifyWebchat(sessionId: string, payload: unknown): Promise<void>;
  /** The HTTP client channels use for vendor calls; tests pass one that reaches loopback fakes. */
  fetch: typeof fetch;
  /** Vendor access tokens shared by all processes. */
  tokens: TokenStore;
  /** suqiu's logger; a channel logs through a child named after itself. */
  logger: Logger;
  /** The live category tree and dispatch catalogue (Open311 lists its leaves as services). */
  catalogue: { current(): Catalogue };
}

/** Settings several channels derive their configuration from. */
export interface SharedSettings {
  /** Signs web-chat tokens. */
  secret: string;
  webchatTokenTtlMs: number;
  /** SUQIU_PUBLIC_URL: what vendors call (Twilio signs it). */
  publicUrl?: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * One per channel folder: which environment variables it reads, its config schema (STYLE.md
 * "validateOptions", checked at boot) and how to build it.
 */
export interface ChannelDefinition<C> {
  id: ChannelId;
  /** Every variable the channel reads, with a one-line description (README and .env.example list them). */
  env: Readonly<Record<string, string>>;
  /** The channel's raw configuration, or undefined when it is not configured (then it is disabled). */
  fromEnv(env: Env, shared: SharedSettings): unknown;
  configSchema: z.ZodType<C>;
  create(config: C, context: ChannelContext): ChannelBinding;
}

/** Reads an optional variable: unset and blank are the same. */
export function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}
