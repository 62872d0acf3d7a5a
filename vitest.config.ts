import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,api,jobs,scripts,remotion,infra}/**/*.test.ts', '{console,learner-app}/src/**/*.test.ts'],
    globalSetup: ['test-support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    env: { LOG_LEVEL: 'silent' },
  },
});
