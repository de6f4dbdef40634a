import { describe, expect, test } from 'vitest';

import { botFrameworkConfigSchema, botFrameworkFromEnv, loginUrlOf } from '../../../channels/botframework/definition.js';
import { botFrameworkChannel } from '../../../channels/botframework/index.js';

const configure = (env: Record<string, string | undefined>) => botFrameworkConfigSchema.safeParse(botFrameworkFromEnv(env));
const APP = { MICROSOFT_APP_ID: '00000000-0000-4000-8000-0000000000b0', MICROSOFT_APP_PASSWORD: 'secret' };

describe('botframework configuration', () => {
  test('when neither an app id nor the unauthenticated switch is set, then the channel is disabled', () => {
    expect(botFrameworkFromEnv({})).toBeUndefined();
    expect(botFrameworkFromEnv({ MICROSOFT_APP_PASSWORD: 'x', BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: 'false' })).toBeUndefined();
  });

  test('when an app id and password are set, then JWT authentication is on with the public-cloud endpoints', () => {
    const parsed = configure(APP);
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data).toMatchObject({
      appType: 'MultiTenant',
      allowUnauthenticated: false,
      openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
    });
    expect(loginUrlOf(parsed.data)).toBe('https://login.microsoftonline.com/botframework.com');
  });

  test('when the app is single-tenant, then tokens come from its own tenant', () => {
    const parsed = configure({ ...APP, MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: 'contoso.onmicrosoft.com' });
    expect(parsed.success && loginUrlOf(parsed.data)).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com');
  });

  test('when the login and metadata URLs are overridden, then they are used (private clouds, tests)', () => {
    const parsed = configure({
      ...APP,
      BOTFRAMEWORK_LOGIN_URL: 'http://127.0.0.1:1/login/x/',
      BOTFRAMEWORK_OPENID_METADATA_URL: 'http://127.0.0.1:1/m',
    });
    expect(parsed.success && loginUrlOf(parsed.data)).toBe('http://127.0.0.1:1/login/x');
    expect(parsed.success && parsed.data.openIdMetadataUrl).toBe('http://127.0.0.1:1/m');
  });

  test('when only BOTFRAMEWORK_ALLOW_UNAUTHENTICATED=true is set, then the channel runs without authentication (Emulator)', () => {
    const parsed = configure({ BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: 'true' });
    expect(parsed.success && parsed.data).toMatchObject({ allowUnauthenticated: true, appId: undefined });
  });

  test.each([
    { description: 'an app id without a password', env: { MICROSOFT_APP_ID: 'x' }, path: 'appPassword' },
    {
      description: 'an app id and the unauthenticated switch',
      env: { ...APP, BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: 'true' },
      path: 'allowUnauthenticated',
    },
    { description: 'SingleTenant without a tenant', env: { ...APP, MICROSOFT_APP_TYPE: 'SingleTenant' }, path: 'tenantId' },
    { description: 'a managed identity', env: { ...APP, MICROSOFT_APP_TYPE: 'UserAssignedMSI' }, path: 'appType' },
    { description: 'an unknown switch value', env: { BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: 'yes' }, path: 'allowUnauthenticated' },
    {
      description: 'a metadata URL that is not a URL',
      env: { ...APP, BOTFRAMEWORK_OPENID_METADATA_URL: 'login.botframework.com' },
      path: 'openIdMetadataUrl',
    },
  ])('when the environment has $description, then the start fails naming $path', ({ env, path }) => {
    const parsed = configure(env);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  test('when the definition is listed, then every variable it reads is documented', () => {
    expect(Object.keys(botFrameworkChannel.env).sort()).toEqual([
      'BOTFRAMEWORK_ALLOW_UNAUTHENTICATED',
      'BOTFRAMEWORK_LOGIN_URL',
      'BOTFRAMEWORK_OPENID_METADATA_URL',
      'MICROSOFT_APP_ID',
      'MICROSOFT_APP_PASSWORD',
      'MICROSOFT_APP_TENANT_ID',
      'MICROSOFT_APP_TYPE',
    ]);
  });
});
