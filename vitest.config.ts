import { defineConfig } from 'vitest/config';

// Four tiers: unit tests beside the code, integration on real PostgreSQL, smoke on PGlite, and
// browser tests (e2e) of the built web app against the real server in Debian chromium.
export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        // The web app's components render in unit tests with React's automatic JSX runtime, as in vite.
        esbuild: { jsx: 'automatic' },
        test: { name: 'unit', include: ['src/**/*.test.ts', 'eslint-rules/**/*.test.js'], environment: 'node' },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/pg-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: true,
        },
      },
      { test: { name: 'smoke', include: ['test/smoke/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
      {
        // One file at a time (each starts a server and a browser; CI has 2 cores). Without
        // parallelism vitest runs these files after the other projects, not beside them.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
