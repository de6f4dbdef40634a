/** Which puppet may run, and how the channel is configured from the environment. */
import { describe, expect, test } from 'vitest';

import { buildChannelRegistry, ChannelConfigError } from '../../../channels/registry.js';
import { ensurePuppetInstalled, WechatyPuppetError } from '../../../channels/wechaty/client.js';
import { wechatyChannelConfigSchema } from '../../../channels/wechaty/definition.js';
import { WechatyChannelAdapter, wechatyChannel } from '../../../channels/wechaty/index.js';
import { puppetPolicy } from '../../../channels/wechaty/policy.js';
import { channelContext } from '../../helpers/channel-context.js';

const shared = { secret: 'x'.repeat(32), webchatTokenTtlMs: 60_000 };
const context = channelContext();

describe('puppet policy', () => {
  test.each([
    { puppet: 'wechaty-puppet-service', allowPersonal: false, ok: true },
    { puppet: 'wechaty-puppet-official-account', allowPersonal: false, ok: true },
    { puppet: 'wechaty-puppet-mock', allowPersonal: false, ok: true },
    { puppet: 'wechaty-puppet-wechat', allowPersonal: false, ok: false },
    { puppet: 'wechaty-puppet-wechat4u', allowPersonal: false, ok: false },
    { puppet: 'wechaty-puppet-padlocal', allowPersonal: false, ok: false },
    { puppet: 'wechaty-puppet-xp', allowPersonal: false, ok: false },
    { puppet: '@juzibot/wechaty-puppet-donut', allowPersonal: false, ok: false },
    { puppet: 'wechaty-puppet-unheard-of', allowPersonal: false, ok: false },
    { puppet: 'wechaty-puppet-padlocal', allowPersonal: true, ok: true },
    { puppet: 'wechaty-puppet-unheard-of', allowPersonal: true, ok: true },
    { puppet: 'fs', allowPersonal: true, ok: false },
    { puppet: '../../evil/wechaty-puppet-x', allowPersonal: true, ok: false },
    { puppet: 'WECHATY-PUPPET-SERVICE', allowPersonal: true, ok: false },
  ])('when the puppet is $puppet (override: $allowPersonal), then it is accepted: $ok', ({ puppet, allowPersonal, ok }) => {
    expect(puppetPolicy(puppet, allowPersonal).ok).toBe(ok);
  });

  test('when a personal-account puppet is refused, then the reason says why and what to use instead', () => {
    const verdict = puppetPolicy('wechaty-puppet-wechat4u', false);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.reason).toMatch(/personal account/);
    expect(verdict.reason).toMatch(/bans/);
    expect(verdict.reason).toMatch(/violates its terms/);
    expect(verdict.reason).toMatch(/wechaty-puppet-service/);
    expect(verdict.reason).toMatch(/WECHATY_ALLOW_PERSONAL_PUPPET=true/);
  });
});

describe('wechaty configuration', () => {
  test('when WECHATY_PUPPET is not set, then the channel is disabled', () => {
    expect(wechatyChannel.fromEnv({ WECHATY_PUPPET_SERVICE_TOKEN: 'ignored' }, shared)).toBeUndefined();
    expect(buildChannelRegistry({}, shared, context, [wechatyChannel] as never).binding('wechaty')).toBeUndefined();
  });

  test('when WECHATY_PUPPET names the mock, then the channel is built with a connection and no webhook', () => {
    const binding = buildChannelRegistry({ WECHATY_PUPPET: 'wechaty-puppet-mock', LOG_LEVEL: 'silent' }, shared, context, [
      wechatyChannel,
    ] as never).binding('wechaty');
    expect(binding?.adapter).toBeInstanceOf(WechatyChannelAdapter);
    expect(binding?.start).toBeTypeOf('function');
    expect(binding?.http).toBeUndefined();
  });

  test('when a personal-account puppet is configured, then the boot fails naming the ban and the override', () => {
    const build = () => buildChannelRegistry({ WECHATY_PUPPET: 'wechaty-puppet-padlocal' }, shared, context, [wechatyChannel] as never);
    expect(build).toThrow(ChannelConfigError);
    expect(build).toThrow(/personal account.*restricts or bans.*WECHATY_ALLOW_PERSONAL_PUPPET/s);
  });

  test('when the override is set, then a personal-account puppet is accepted', () => {
    const env = { WECHATY_PUPPET: 'wechaty-puppet-padlocal', WECHATY_ALLOW_PERSONAL_PUPPET: 'true' };
    expect(wechatyChannelConfigSchema.safeParse(wechatyChannel.fromEnv(env, shared)).success).toBe(true);
  });

  test.each([
    {
      description: 'the service without its token',
      env: { WECHATY_PUPPET: 'wechaty-puppet-service' },
      problem: /WECHATY_PUPPET_SERVICE_TOKEN is required/,
    },
    {
      description: 'an override that is not true/false',
      env: { WECHATY_PUPPET: 'wechaty-puppet-padlocal', WECHATY_ALLOW_PERSONAL_PUPPET: 'yes' },
      problem: /allowPersonalPuppet/,
    },
    {
      description: 'a media limit that is not a number',
      env: { WECHATY_PUPPET: 'wechaty-puppet-mock', WECHATY_MAX_MEDIA_BYTES: 'lots' },
      problem: /maxMediaBytes/,
    },
  ])('when the configuration has $description, then the boot fails', ({ env, problem }) => {
    expect(() => buildChannelRegistry(env, shared, context, [wechatyChannel] as never)).toThrow(problem);
  });

  test('when the service is configured, then its token and endpoint are read and the token never appears in errors', () => {
    const env = {
      WECHATY_PUPPET: 'wechaty-puppet-service',
      WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_workpro_secret-token',
      WECHATY_PUPPET_SERVICE_ENDPOINT: '10.0.0.8:8788',
      WECHATY_NAME: 'hotline-bot',
      WECHATY_MAX_MEDIA_BYTES: '1048576',
    };
    const config = wechatyChannelConfigSchema.parse(wechatyChannel.fromEnv(env, shared));
    expect(config).toMatchObject({
      puppet: 'wechaty-puppet-service',
      serviceToken: 'puppet_workpro_secret-token',
      serviceEndpoint: '10.0.0.8:8788',
      name: 'hotline-bot',
      maxMediaBytes: 1_048_576,
      allowPersonalPuppet: false,
    });
    const refused = wechatyChannelConfigSchema.safeParse({ ...config, puppet: 'wechaty-puppet-xp' });
    expect(JSON.stringify(refused.error?.issues)).not.toContain('secret-token');
  });

  test('when an adapter is built directly with a refused puppet, then it throws too', () => {
    const config = wechatyChannelConfigSchema.parse({ puppet: 'wechaty-puppet-mock' });
    expect(() => new WechatyChannelAdapter({ ...config, puppet: 'wechaty-puppet-wechat' })).toThrow(WechatyPuppetError);
  });
});

describe('puppet module loading', () => {
  test('when the official-account puppet is not installed, then starting fails with the command that installs it', async () => {
    // wechaty-puppet-official-account is not a dependency of suqiu: this is the real import failing.
    await expect(ensurePuppetInstalled('wechaty-puppet-official-account')).rejects.toThrow(
      /wechaty-puppet-official-account, but that module is not installed: run `npm install wechaty-puppet-official-account`/,
    );
  });

  test('when the puppet module is installed, then it loads', async () => {
    await expect(ensurePuppetInstalled('wechaty-puppet-mock')).resolves.toBeUndefined();
  });

  test('when an installed puppet fails to load, then the error says so without claiming it is missing', async () => {
    const broken = async () => {
      throw Object.assign(new Error("Cannot find package 'grpc' imported from wechaty-puppet-service"), { code: 'ERR_MODULE_NOT_FOUND' });
    };
    await expect(ensurePuppetInstalled('wechaty-puppet-service', broken)).rejects.toThrow(/could not be loaded \(a broken install\?\)/);
  });
});
