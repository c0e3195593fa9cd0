import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql ships both .mjs and .js; one copy for everything avoids its "duplicate graphql modules" error.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    // CI also writes a machine-readable report, from which .ci/run prints its closing "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.test-results.json' }]] : ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // One throwaway Neo4j for the whole run (its own port and folder, never the developer's database).
          globalSetup: ['test/integration/global-setup.ts'],
          // Files share that database; running them one at a time keeps counts in one file unaffected by another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
