import { describe, expect, test } from 'vitest';

import { botIdOf, telegramConfigSchema, telegramFromEnv } from '../../../channels/telegram/definition.js';
import { telegramChannel } from '../../../channels/telegram/index.js';
import { TELEGRAM_SECRET, TELEGRAM_TOKEN } from '../../fixtures/telegram/updates.js';

const configure = (env: Record<string, string | undefined>) => telegramConfigSchema.safeParse(telegramFromEnv(env));

describe('telegram configuration', () => {
  test('when TELEGRAM_BOT_TOKEN is absent, then the channel is disabled', () => {
    expect(telegramFromEnv({ TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET })).toBeUndefined();
  });

  test('when token and secret are set, then the defaults are the public Bot API, private chats only', () => {
    const parsed = configure({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET });
    expect(parsed.success && parsed.data).toMatchObject({ apiRoot: 'https://api.telegram.org', allowGroups: false, timeoutMs: 15_000 });
  });

  test.each([
    { description: 'the webhook secret is missing', env: { TELEGRAM_WEBHOOK_SECRET: ' ' }, path: 'webhookSecret' },
    { description: 'the secret has a forbidden character', env: { TELEGRAM_WEBHOOK_SECRET: 'has space' }, path: 'webhookSecret' },
    { description: 'the secret is longer than 256', env: { TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(257) }, path: 'webhookSecret' },
    { description: 'the token is malformed', env: { TELEGRAM_BOT_TOKEN: 'not-a-token' }, path: 'botToken' },
    { description: 'groups are on without the bot username', env: { TELEGRAM_ALLOW_GROUPS: 'true' }, path: 'botUsername' },
    { description: 'TELEGRAM_ALLOW_GROUPS is neither true nor false', env: { TELEGRAM_ALLOW_GROUPS: 'yes' }, path: 'allowGroups' },
    { description: 'the API root is not a URL', env: { TELEGRAM_API_ROOT: 'api.telegram.org' }, path: 'apiRoot' },
  ])('when $description, then the start fails naming $path', ({ env, path }) => {
    const parsed = configure({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, ...env });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  test('when groups are allowed with a username, then the "@" is optional', () => {
    const parsed = configure({
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
      TELEGRAM_ALLOW_GROUPS: 'TRUE',
      TELEGRAM_BOT_USERNAME: '@hotline12345_bot',
    });
    expect(parsed.success && parsed.data).toMatchObject({ allowGroups: true, botUsername: 'hotline12345_bot' });
  });

  test('when the bot id is read from the token, then it is the part before ":"', () => {
    expect(botIdOf(TELEGRAM_TOKEN)).toBe('123456789');
  });

  test('when the definition is listed, then every variable it reads is documented', () => {
    expect(Object.keys(telegramChannel.env).sort()).toEqual([
      'TELEGRAM_ALLOW_GROUPS',
      'TELEGRAM_API_ROOT',
      'TELEGRAM_BOT_TOKEN',
      'TELEGRAM_BOT_USERNAME',
      'TELEGRAM_WEBHOOK_SECRET',
    ]);
  });
});
