/**
 * The station's own request-rate limit (`sync.odoo.rps`) holding a backlog back is visible, not a growing mystery
 * queue: "rate limit 4/s: N requests waiting" on Odoo's sync row of the supervisor panel and `rateLimited` in
 * `GET /api/status`, gone once the backlog has drained. Real parts: a headless station on the demo world (Odoo 19
 * sandbox over JSON-2, real SQLite, real sync engine), Debian's Chromium.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { StationStatusSchema, type TargetSyncStatus } from '../../app/domain/status.schema';
import { closeStationDb, openStationDb } from '../../sync/db/station-db';
import { OutboxStore } from '../../sync/outbox/outbox.store';
import { cleanupAfterEach } from '../support/cleanup';
import { realClock } from '../support/real-clock';
import { stationInChromium } from '../support/station-in-chromium';

const cleanups = cleanupAfterEach();
const PICKINGS = 6;

it('a backlog paced by sync.odoo.rps shows the rate and how many requests wait, on the panel and in /api/status', async (ctx) => {
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-rate-limit', {
    world: { odooVersion: 19 },
    // No prefetch: its reads share the limit and would make the drain's length depend on the demo's pickings.
    config: (config) => ({ ...config, odoo: { ...config.odoo, prefetch: { ...config.odoo.prefetch, enabled: false } }, sync: { ...config.sync, odoo: { rps: 4, burst: 1 } } }),
  });
  const odooRow = async (): Promise<TargetSyncStatus> => {
    const status = StationStatusSchema.parse(await (await fetch(`${headless.url}/api/status`)).json());
    return status.sync.find((t) => t.target === 'odoo')!;
  };
  await page.goto(headless.openUrl);
  await byTestId('tab-supervisor').click();
  await expect.poll(() => byTestId('sync-reach-odoo').textContent(), { timeout: 10_000 }).toBe('yes');

  // A backlog of validations, as another writer of the station's database would queue it: each takes several calls,
  // four pickings at a time (sync.maxPickingsInFlight), at 4 requests a second.
  const seeded = world.odoo.createPickings(PICKINGS);
  const db = openStationDb(join(world.config.dataDir, 'station.db'));
  cleanups.push(() => closeStationDb(db));
  const outbox = new OutboxStore(db, realClock);
  for (const picking of seeded) outbox.enqueue('odoo', `picking:${picking.id}`, { type: 'picking.validate', pickingId: picking.id });
  headless.station.sync.kick();

  await expect.poll(() => byTestId('sync-rate-odoo').textContent(), { timeout: 10_000 }).toMatch(/^rate limit 4\/s: \d+ requests? waiting$/);
  const shown = Number(/: (\d+) request/.exec((await byTestId('sync-rate-odoo').textContent()) ?? '')?.[1]);
  expect(shown).toBeGreaterThanOrEqual(1);
  await expect.poll(async () => (await odooRow()).rateLimited, { timeout: 5_000 }).toMatchObject({ rps: 4, waiting: expect.any(Number) });
  // Still reachable and nothing failed: the station is pacing itself, not waiting for Odoo.
  expect(await byTestId('sync-reach-odoo').textContent()).toBe('yes');
  expect(await byTestId('sync-rate-carrier').count()).toBe(0);
  await page.screenshot({ path: 'test-results/e2e-rate-limit.png', fullPage: true });

  await expect.poll(() => byTestId('sync-depth-odoo').textContent(), { timeout: 30_000 }).toBe('0');
  await expect.poll(() => byTestId('sync-rate-odoo').count(), { timeout: 5_000 }).toBe(0);
  expect(await odooRow()).toMatchObject({ depth: 0, rateLimited: null, lastError: null });
  expect([...world.odoo.validations()].sort((a, b) => a - b)).toEqual(seeded.map((p) => p.id).sort((a, b) => a - b));
}, 90_000);
