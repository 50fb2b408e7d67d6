import { defineConfig } from 'vitest/config';
import { SkipReporter } from './tests/support/skip-reporter.js';

export const config = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'tools/**/*.test.ts', 'testbed/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // every file: let the event loop turn between tests (tests/support/yield-between-tests.ts says why)
    setupFiles: ['tests/support/yield-between-tests.ts'],
    // vitest's own summary, then every skipped suite and every check that could not run here, with why
    reporters: ['default', new SkipReporter()],
  },
});

// vitest reads the default export of its config file
export { config as default };
