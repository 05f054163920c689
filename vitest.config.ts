import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup/temp.ts'],
    globalSetup: ['scripts/compile.js'],
    // Vitest's default, one file fewer than the cores, runs one file at a time on two cores. Much of
    // the suite waits on Chromium and the command line in child processes, so two files at once
    // finish the suite in about 0.7 of the time there (313–351 s against 451 s, measured).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
  },
});
