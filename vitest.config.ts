import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Integration tests open real PTYs, sockets and SQLite files; two cores is the target machine.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
