import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'main/**/*.test.ts',
      'shared/**/*.test.ts',
      'renderer/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/fixtures/**', 'bench/.baseline/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here: native model runtimes and SQLite tests contend badly when over-parallelised.
    maxWorkers: 2,
    pool: 'forks',
    // The default report for people, then one plain `N passed, N failed` line for .ci/run to read.
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
  },
});
