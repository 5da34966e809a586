/**
 * The short form of `npm run soak` inside `npm test`: a few SIGKILL trials and a few dozen injected faults (refused,
 * reset, lost replies after the server applied the write, 500/502/503, 429, replies slower than the timeout), then
 * the sandboxes' own records must show nothing lost and nothing done twice.
 */
import { expect, it } from 'vitest';
import { runSoak } from './soak.runner';
import { soakTable } from './soak';

it('packs through kills and faults with nothing lost and nothing duplicated', async () => {
  const report = await runSoak({
    seed: 3,
    kills: 3,
    faults: 30,
    minPickings: 2,
    faultRate: 0.25,
    killWindowMs: [800, 3_000],
    budgetMs: 90_000,
  });
  const table = soakTable(report);
  expect(report.problems, `${table}\n${report.problems.join('\n')}`).toEqual([]);
  expect(report.lost).toBe(0);
  expect(report.duplicated).toBe(0);
  expect(report.kills).toBeGreaterThanOrEqual(3);
  expect(Object.values(report.faults).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30);
  expect(report.parcels).toBeGreaterThanOrEqual(report.pickings);
}, 240_000);
