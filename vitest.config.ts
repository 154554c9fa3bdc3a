import { defineConfig } from 'vitest/config'

// One vitest run for the whole workspace. Unit tests sit beside their sources; the
// integration and end-to-end tests (real PostgreSQL and Redis) live under test/.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'workflows/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
})
