/**
 * Dead letters on a real headless station (demo world: Odoo sandbox, real SQLite, real sync engine) in Chromium: an
 * event Odoo refuses is dead-lettered by the engine, shown with its picking and what to do, replayed (Odoo refuses it
 * again: a new dead letter) and discarded with a reason; every decision in the audit list.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeStationDb, openStationDb } from '../../sync/db/station-db';
import { OutboxStore } from '../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../sync/outbox/picking-cache.store';
import { cleanupAfterEach } from '../support/cleanup';
import { stationInChromium } from '../support/station-in-chromium';
import { realClock } from '../support/real-clock';
import { picking } from '../unit/sync/outbox/outbox-fixtures';

const cleanups = cleanupAfterEach();
const GONE = 99_999;

it('a refused event: advice in the panel, replay and discard audited, the picking unblocked', async (ctx) => {
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-dead-letters');

  // Another process on the station's database (as `station outbox` or a second writer would be): a picking the station
  // knows by name, and an event for it that Odoo cannot apply (the picking is gone there). No kick: the engine polls.
  const db = openStationDb(join(world.config.dataDir, 'station.db'));
  cleanups.push(() => closeStationDb(db));
  const outbox = new OutboxStore(db, realClock);
  new SqlitePickingCache(db, realClock, outbox).cachePicking(picking(GONE));
  outbox.enqueue('odoo', `picking:${GONE}`, { type: 'picking.validate', pickingId: GONE });

  await page.goto(headless.openUrl);
  await byTestId('tab-supervisor').click();
  await expect.poll(() => byTestId('dead-letter-count').textContent(), { timeout: 15_000 }).toBe('1');
  const [first] = (await headless.station.core.handle('outbox:dead-letters', { limit: 10 })).letters;
  expect(first).toMatchObject({ pickingName: 'WH/OUT/99999', eventType: 'picking.validate', attempts: 1, advice: { code: 'NOT_FOUND' } });
  expect(first!.advice.summary).toContain('Record does not exist');
  expect(await byTestId(`dead-letter-picking-${first!.id}`).textContent()).toContain('WH/OUT/99999');
  expect(await byTestId(`dead-letter-instruction-${first!.id}`).textContent()).toContain('no longer exists in Odoo');

  // Replay: the engine tries again at once and Odoo refuses again, so a new dead letter takes its place.
  await byTestId(`dead-letter-replay-${first!.id}`).click();
  await byTestId('audit-reason').fill('Checked Odoo');
  await byTestId('dead-letter-confirm').click();
  await expect.poll(() => byTestId('dead-letter-audit').textContent(), { timeout: 10_000 }).toContain('Checked Odoo');
  await expect.poll(async () => (await headless.station.core.handle('outbox:dead-letters', { limit: 10 })).letters[0]?.id, { timeout: 10_000 }).toBeGreaterThan(first!.id);
  const [second] = (await headless.station.core.handle('outbox:dead-letters', { limit: 10 })).letters;
  await byTestId(`dead-letter-discard-${second!.id}`).waitFor({ timeout: 10_000 });

  // Discard, with the reason required; the picking's key is free again and the status says so.
  await byTestId(`dead-letter-discard-${second!.id}`).click();
  expect(await byTestId('dead-letter-confirm').isDisabled()).toBe(true);
  await byTestId('audit-reason').fill('Picking deleted in Odoo');
  await byTestId('dead-letter-confirm').click();
  await expect.poll(() => byTestId('dead-letter-count').textContent(), { timeout: 10_000 }).toBe('0');
  const audit = await byTestId('dead-letter-audit').textContent();
  expect(audit).toContain('Picking deleted in Odoo');
  expect(audit).toContain(`${world.config.stationId} (station:${world.config.stationId})`);
  expect(headless.station.status().deadLetters).toEqual([]);
  expect(db.prepare(`SELECT state FROM outbox WHERE order_key = ?`).all(`picking:${GONE}`)).toEqual([{ state: 'discarded' }]);
  await page.screenshot({ path: 'test-results/e2e-dead-letters.png', fullPage: true });

  // The contract refuses what the panel would never send; the core answers a stale decision with the reason.
  const core = headless.station.core;
  await expect(core.handle('outbox:discard', { id: second!.id, reason: '' })).rejects.toThrow();
  expect(await core.handle('outbox:replay', { id: second!.id })).toEqual({ accepted: false, error: `no open dead letter ${second!.id}` });
  expect(await core.handle('outbox:replay-all', { target: 'odoo' })).toEqual({ accepted: true, replayed: [] });
}, 90_000);
