import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // Agents spawned through main/cli/station.mjs run the TypeScript under test, not the last bundle in dist/cli.
    env: { STATION_FROM_SOURCE: '1' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Integration tests open real PTYs, sockets and SQLite files; two cores is the target machine.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // `npm test` runs the unit project with --no-isolate (one module graph per fork instead of one per file: most of
    // the unit tests' time was importing; 88 s → 22 s here). Vitest takes isolation per run, not per project, hence two
    // runs. Unit tests hold no process-wide state; `npx vitest run <file>` still isolates every file.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'] } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: ['test/unit/**', 'node_modules/**'] } },
    ],
  },
});
