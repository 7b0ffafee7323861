// Test projects: `unit` (pure logic, beside the code) and `integration` (real Docker + Spark).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['core/**/*.test.ts', 'store/**/*.test.ts', 'worker/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          testTimeout: 15 * 60_000,
          hookTimeout: 15 * 60_000,
          // Two Spark sandboxes at once is this machine's ceiling; files run one after another
          // and each file grades in parallel up to that limit itself.
          fileParallelism: false,
          maxConcurrency: 2,
        },
      },
    ],
  },
});
