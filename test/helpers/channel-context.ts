/** A ChannelContext for tests that build channels without a running suqiu. */
import type { ChannelContext } from '../../channels/definition.js';
import { createLogger } from '../../core/logger.js';
import { MemoryTokenStore } from '../../core/tokens/token-store.js';
import { Catalogue } from '../../router/catalogue.js';

export function channelContext(overrides: Partial<ChannelContext> = {}): ChannelContext {
  const catalogue = new Catalogue([], []);
  return {
    notifyWebchat: async () => undefined,
    fetch,
    tokens: new MemoryTokenStore(),
    logger: createLogger('silent'),
    catalogue: { current: () => catalogue },
    ...overrides,
  };
}
