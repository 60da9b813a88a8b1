import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: PGlite instances and Chromium are heavy; don't oversubscribe.
    maxWorkers: 2,
    // On CI, a failed test gets two more tries: browser tests share two cores with the servers they
    // drive. A test that passes only on a retry is still listed in the output, so flakes stay visible.
    retry: process.env.CI ? 2 : 0,
    reporters: ['default'],
  },
});
