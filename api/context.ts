import type { ApiKeyResolver } from '../core/auth/api-keys.js';
import type { Config } from '../core/config.js';
import type { IntakeDeps } from '../intake/deps.js';
import type { EventStreams } from './sse.js';

/** What the HTTP layer needs from the running suqiu. */
export interface AppContext {
  config: Config;
  deps: IntakeDeps;
  /** Signs web-chat session tokens. */
  secret: string;
  apiKeys: ApiKeyResolver;
  /** Open server-sent event streams, ended on shutdown. */
  streams: EventStreams;
}
