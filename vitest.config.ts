import { defineConfig } from 'vitest/config';

// One suite, several backends: `embedded` and `postgres-redis` run the same component and
// conformance tests (scripts/run-tests.mjs decides which projects can run on this machine).
const shared = ['test/component/**/*.test.ts', 'test/conformance/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'embedded',
          include: shared,
          globalSetup: ['test/helpers/global-setup.embedded.ts'],
          env: { SUQIU_TEST_BACKEND: 'embedded' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres-redis',
          include: shared,
          globalSetup: ['test/helpers/global-setup.services.ts'],
          env: { SUQIU_TEST_BACKEND: 'services' },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.embedded.ts'],
          env: { SUQIU_TEST_BACKEND: 'embedded' },
        },
      },
    ],
  },
});
