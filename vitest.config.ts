import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default (cores − 1) runs one file at a time on a 2-core CI machine, where most
    // files wait on PostgreSQL or Chromium: two at once take the suite from ~900 s to ~440 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // expect.poll gives up after 1 s by default. In the browser tests a click's effect (the URL,
    // a redrawn number) can take longer on a loaded 2-core machine running two files and their
    // Chromium at once: the Overview's "Clear" failed CI once so, and passes here every time.
    expect: { poll: { timeout: 10_000 } },
  },
});
