import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Unit tests next to the code (`*.test.ts`) and integration tests against a real worker and Redis (`server/test`). */
export default defineConfig({
  resolve: { alias: { '@shared': fileURLToPath(new URL('./shared/src/index.ts', import.meta.url)) } },
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'client/src/**/*.test.ts', 'client/build/**/*.test.ts'],
    environment: 'node',
    // TEST_DATABASE=postgres: one PostgreSQL cluster for the run (scripts/test.sh's second pass).
    globalSetup: ['testkit/postgresGlobalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Integration tests start servers and media workers: one file at a time on a 2-core machine.
    fileParallelism: false,
  },
});
