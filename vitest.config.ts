// Test projects: `unit` (pure logic, beside the code) and `integration` (real Docker + Spark).
import { defineConfig } from 'vitest/config';

/**
 * Integration test files run at once (GRADER_TEST_FILES_AT_ONCE, default 1). Two Spark sandboxes
 * at once is this machine's ceiling: with one file at a time a file may grade two at once
 * (describe.concurrent); with two files at once each file grades one at a time.
 */
const filesAtOnce = Math.max(1, Number(process.env.GRADER_TEST_FILES_AT_ONCE ?? '1'));

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'core/**/*.test.ts',
            'store/**/*.test.ts',
            'worker/**/*.test.ts',
            'server/**/*.test.ts',
            'scripts/**/*.test.ts',
            'web/src/**/*.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          testTimeout: 15 * 60_000,
          hookTimeout: 15 * 60_000,
          fileParallelism: filesAtOnce > 1,
          maxWorkers: filesAtOnce,
          maxConcurrency: filesAtOnce > 1 ? 1 : 2,
        },
      },
    ],
  },
});
