import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the real server (`startServer`) on a temporary SQLite folder, driven in Debian's Chromium with
 * playwright-core. Run with `npm run test:e2e` (which builds the UI first). One file at a time: the steps of a
 * spec build on each other.
 */
export default defineConfig({
  test: {
    include: ['packages/web/e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
