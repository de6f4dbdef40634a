/**
 * The account's custom menu (自定义菜单): CLICK buttons whose keys are the bot's own commands, so a
 * tap arrives as a `CLICK` event with that key (inbound.ts) and the bot answers it like the typed
 * command. `suqiu wechat menu` creates it once per account; WeChat shows a new menu to followers
 * within about five minutes.
 */
import type { TokenStore } from '../../core/tokens/token-store.js';
import type { Env } from '../definition.js';
import { ChannelConfigError, configureChannels } from '../registry.js';
import { AccessTokens } from './auth.js';
import { WeChatClient } from './client.js';
import type { WeChatConfig } from './definition.js';
import { Http } from './http.js';
import { wechatChannel } from './index.js';
import type { MenuDefinition } from './schemas.js';

/**
 * At most 3 top buttons (names up to 16 bytes: 4 Chinese characters fit, a fifth is cut to "…") and
 * 5 sub-buttons each (names up to 60 bytes); keys up to 128 bytes.
 */
export const WECHAT_MENU: MenuDefinition = {
  button: [
    { type: 'click', name: '反映问题', key: 'report' },
    { type: 'click', name: '查询进度', key: 'myTickets' },
    {
      name: '更多',
      sub_button: [
        { type: 'click', name: '政策咨询', key: 'consult' },
        { type: 'click', name: '转人工', key: 'agent' },
        { type: 'click', name: '使用帮助', key: 'help' },
      ],
    },
  ],
};

export const WECHAT_NOT_CONFIGURED =
  'WeChat is not configured: set WECHAT_APP_ID, WECHAT_APP_SECRET and WECHAT_TOKEN (see .env.example), then run "suqiu wechat menu" again';

/** Creates (replaces) the account's custom menu. */
export async function createWeChatMenu(
  config: WeChatConfig,
  deps: { fetch: typeof fetch; tokens: TokenStore },
  menu: MenuDefinition = WECHAT_MENU,
): Promise<void> {
  const http = new Http({ apiBase: config.apiBase, timeoutMs: config.timeoutMs, fetch: deps.fetch });
  await new WeChatClient(http, new AccessTokens(http, deps.tokens, config)).createMenu(menu);
}

export interface MenuCommandDeps {
  fetch: typeof fetch;
  /**
   * Runs `use` with the token store the server uses: WeChat invalidates the previous access_token on
   * every fetch, so a token of the command's own would break the running server's. Only called once
   * the configuration is known to be good.
   */
  withTokens<T>(use: (tokens: TokenStore) => Promise<T>): Promise<T>;
  print(line: string): void;
}

/**
 * `suqiu wechat menu`: the WeChat configuration is read from the environment exactly as at start;
 * without one, a ChannelConfigError says what to set (the CLI prints it and exits with 1).
 */
export async function wechatMenuCommand(env: Env, deps: MenuCommandDeps): Promise<number> {
  const config = wechatConfigOf(env);
  if (!config) throw new ChannelConfigError(WECHAT_NOT_CONFIGURED);
  await deps.withTokens((tokens) => createWeChatMenu(config, { fetch: deps.fetch, tokens }));
  deps.print(`created the WeChat menu of ${config.appId}: ${describeMenu(WECHAT_MENU)}`);
  deps.print('WeChat shows it to followers within about 5 minutes (at once to someone who unfollows and follows again).');
  return 0;
}

function wechatConfigOf(env: Env): WeChatConfig | undefined {
  // WeChat derives nothing from the settings shared with other channels (the web-chat secret …).
  const [configured] = configureChannels(env, { secret: '', webchatTokenTtlMs: 0 }, [wechatChannel as never]);
  // The registry types configs loosely; this one is the output of wechatConfigSchema.
  return configured?.config;
}

/** `反映问题 · 查询进度 · 更多 (政策咨询, 转人工, 使用帮助)` */
export function describeMenu(menu: MenuDefinition): string {
  return menu.button.map((b) => ('sub_button' in b ? `${b.name} (${b.sub_button.map((s) => s.name).join(', ')})` : b.name)).join(' · ');
}
