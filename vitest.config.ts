import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure, in-process) and `peer` (real system services: pcscd + vpcd, socat).
// `npm test` runs both; peer tests start what they need and fail naming the missing package.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'peer',
          include: ['test/peer/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One pcscd per machine: peer suites must not run concurrently.
          fileParallelism: false,
        },
      },
    ],
  },
});
