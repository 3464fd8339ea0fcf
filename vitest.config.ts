import { defineConfig } from 'vitest/config';

// Four tiers: unit tests beside the code, integration on real PostgreSQL, smoke on PGlite, and
// browser tests (e2e) of the built web app against the real server in Debian chromium.
export default defineConfig({
  test: {
    // Two workers on CI's two cores (vitest's default is one fewer than the cores): a test file
    // spends much of its time importing and waiting on PostgreSQL, so two overlap well (the
    // integration project: 15 → 8 minutes). Browser tests stay one at a time (e2e below).
    maxWorkers: 2,
    // The test files of a tier share their worker's modules instead of importing the app afresh
    // each (isolate: false): importing it cost ~390 s of the run over ~160 files, and unit,
    // integration and smoke went from ~17 to ~6 minutes. Each file builds its own app and
    // database, so nothing a file leaves in a module is another file's (caches are per database).
    // Browser tests stay isolated (e2e below).
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        // The web app's components render in unit tests with React's automatic JSX runtime, as in vite.
        esbuild: { jsx: 'automatic' },
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'eslint-rules/**/*.test.js'],
          environment: 'node',
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/pg-global-setup.ts', 'test/helpers/build-server-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: true,
          isolate: false,
        },
      },
      {
        test: {
          name: 'smoke',
          include: ['test/smoke/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          isolate: false,
        },
      },
      {
        // One file at a time (each starts a server and a browser; CI has 2 cores). Without
        // parallelism vitest runs these files after the other projects, not beside them.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/build-server-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
