import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Agents spawned through main/cli/station.mjs run the TypeScript under test, not the last bundle in dist/cli.
    env: { STATION_FROM_SOURCE: '1' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Integration tests open real PTYs, sockets and SQLite files; two cores is the target machine.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
