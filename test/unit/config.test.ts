import { describe, expect, test } from 'vitest';

import { ConfigError, loadConfig } from '../../core/config.js';

describe('configuration', () => {
  test('when nothing is set, then the embedded defaults apply', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(Object.isFrozen(config.worker)).toBe(true);
  });

  test('when values are set, then they are typed', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/d',
      SUQIU_WORKER: 'false',
      SUQIU_WORKER_CONCURRENCY: '8',
    });
    expect(config).toMatchObject({
      http: { port: 8080 },
      databaseUrl: 'postgres://u@h:5432/d',
      worker: { enabled: false, concurrency: 8 },
    });
  });

  test('when SUQIU_AUTO_ROUTE is unset, then tickets wait for review; "on" turns routing without review on', () => {
    expect(loadConfig({}).autoRoute).toBe(false);
    expect(loadConfig({ SUQIU_AUTO_ROUTE: 'off' }).autoRoute).toBe(false);
    expect(loadConfig({ SUQIU_AUTO_ROUTE: 'on' }).autoRoute).toBe(true);
  });

  test('when an empty string is set, then it counts as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '  ' }).redisUrl).toBeUndefined();
  });

  test.each([
    { description: 'the port is not a number', env: { PORT: 'eighty' }, message: /PORT/ },
    {
      description: 'the bootstrap token is short',
      env: { SUQIU_BOOTSTRAP_TOKEN: 'short' },
      message: /SUQIU_BOOTSTRAP_TOKEN must be at least 16/,
    },
    { description: 'the database URL is not a URL', env: { DATABASE_URL: 'localhost' }, message: /DATABASE_URL/ },
    { description: 'the time zone is unknown', env: { SUQIU_TIMEZONE: 'Mars/Olympus' }, message: /unknown time zone/ },
    { description: 'the log level is unknown', env: { LOG_LEVEL: 'loud' }, message: /LOG_LEVEL/ },
    { description: 'auto-routing is neither on nor off', env: { SUQIU_AUTO_ROUTE: 'yes' }, message: /SUQIU_AUTO_ROUTE/ },
  ])('when $description, then start-up fails with a clear message', ({ env, message }) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
