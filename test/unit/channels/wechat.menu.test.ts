/** The account's custom menu: its JSON, creating it through the fake WeChat API, and `suqiu wechat menu`. */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

import { ChannelConfigError } from '../../../channels/registry.js';
import { wechatConfigSchema, wechatFromEnv } from '../../../channels/wechat/definition.js';
import { createWeChatMenu, WECHAT_MENU, WECHAT_NOT_CONFIGURED, wechatMenuCommand } from '../../../channels/wechat/menu.js';
import { MemoryTokenStore, type TokenStore } from '../../../core/tokens/token-store.js';
import { APP_ID, APP_SECRET, TOKEN } from '../../fixtures/wechat/requests.js';
import { startFakeWeChat, type FakeWeChat } from '../../helpers/fakes/wechat.js';

let wechat: FakeWeChat;

beforeAll(async () => {
  wechat = await startFakeWeChat({ appId: APP_ID, appSecret: APP_SECRET });
});
afterAll(() => wechat.close());
beforeEach(() => {
  wechat.menus.length = 0;
  wechat.calls.length = 0;
  wechat.tokenFetches = 0;
});

const env = () => ({ WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET, WECHAT_TOKEN: TOKEN, WECHAT_API_BASE: wechat.url });

describe('the menu', () => {
  test('when the menu is built, then it has 反映问题, 查询进度 and 更多 with 政策咨询, 转人工, 使用帮助 as CLICK keys the bot knows', () => {
    expect(WECHAT_MENU).toEqual({
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
    });
  });

  test('when the names are measured, then they fit WeChat (top 16 bytes, sub 60 bytes, keys 128 bytes, 3 × 5 buttons)', () => {
    const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
    expect(WECHAT_MENU.button.length).toBeLessThanOrEqual(3);
    for (const button of WECHAT_MENU.button) {
      expect(bytes(button.name)).toBeLessThanOrEqual(16);
      if ('sub_button' in button) {
        expect(button.sub_button.length).toBeLessThanOrEqual(5);
        for (const sub of button.sub_button) expect([bytes(sub.name) <= 60, bytes(sub.key) <= 128]).toEqual([true, true]);
      } else expect(bytes(button.key)).toBeLessThanOrEqual(128);
    }
  });
});

describe('creating it', () => {
  const config = () => wechatConfigSchema.parse(wechatFromEnv(env()));

  test('when it is created, then WeChat receives the menu with a fresh token', async () => {
    await createWeChatMenu(config(), { fetch, tokens: new MemoryTokenStore() });
    expect(wechat.menus).toEqual([{ accessToken: expect.any(String), button: WECHAT_MENU.button }]);
    expect(wechat.tokenFetches).toBe(1);
  });

  test('when the shared token has expired, then it is refetched once and the menu is created', async () => {
    const tokens = new MemoryTokenStore();
    await createWeChatMenu(config(), { fetch, tokens });
    wechat.expireTokens();
    await createWeChatMenu(config(), { fetch, tokens });
    expect(wechat.menus).toHaveLength(2);
    expect(wechat.tokenFetches).toBe(2);
  });

  test('when WeChat refuses the menu, then its errcode comes back as an error', async () => {
    const tooMany = { button: [...WECHAT_MENU.button, { type: 'click' as const, name: '第四', key: 'x' }] };
    await expect(createWeChatMenu(config(), { fetch, tokens: new MemoryTokenStore() }, tooMany)).rejects.toMatchObject({
      errcode: 40016,
    });
    expect(wechat.menus).toHaveLength(0);
  });
});

describe('suqiu wechat menu', () => {
  function run(environment: Record<string, string>) {
    const printed: string[] = [];
    const opened: TokenStore[] = [];
    const result = wechatMenuCommand(environment, {
      fetch,
      withTokens: (use) => {
        const tokens = new MemoryTokenStore();
        opened.push(tokens);
        return use(tokens);
      },
      print: (line) => printed.push(line),
    });
    return { result, printed, opened };
  }

  test('when WeChat is configured, then the menu is created, the command says so and exits 0', async () => {
    const { result, printed, opened } = run(env());
    expect(await result).toBe(0);
    expect(opened).toHaveLength(1);
    expect(wechat.menus).toEqual([expect.objectContaining({ button: WECHAT_MENU.button })]);
    expect(printed[0]).toBe(`created the WeChat menu of ${APP_ID}: 反映问题 · 查询进度 · 更多 (政策咨询, 转人工, 使用帮助)`);
  });

  test('when WeChat is not configured, then a ChannelConfigError says what to set, and nothing is opened or called', async () => {
    const { result, opened } = run({});
    await expect(result).rejects.toThrow(ChannelConfigError);
    await expect(result).rejects.toThrow(WECHAT_NOT_CONFIGURED);
    expect(WECHAT_NOT_CONFIGURED).toMatch(/WECHAT_APP_ID.*WECHAT_APP_SECRET.*WECHAT_TOKEN/);
    expect(opened).toHaveLength(0);
    expect(wechat.calls).toHaveLength(0);
  });

  test('when the configuration is wrong, then it fails as at start, naming the variable', async () => {
    const { result, opened } = run({ ...env(), WECHAT_APP_SECRET: '' });
    await expect(result).rejects.toThrow(ChannelConfigError);
    await expect(result).rejects.toThrow(/WECHAT_APP_SECRET is required/);
    expect(opened).toHaveLength(0);
  });

  test('when the AppSecret is wrong, then WeChat’s error comes back and no menu is created', async () => {
    const { result } = run({ ...env(), WECHAT_APP_SECRET: 'ffffffffffffffffffffffffffffffff' });
    await expect(result).rejects.toMatchObject({ errcode: 40125 });
    expect(wechat.menus).toHaveLength(0);
  });
});
