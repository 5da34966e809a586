/**
 * The work is already at the bench: a station starts while Odoo answers, prefetches the ready pickings, then Odoo
 * goes away. A picking never scanned at this station loads from the cache, is packed, its label bought and printed,
 * and its Odoo events wait in the outbox; when Odoo is back on the same port they are delivered and it is validated.
 * Real parts: the headless station (SQLite file, scale and scanner simulators over TCP, raw-9100 printer), the Odoo
 * and carrier sandboxes over HTTP on 127.0.0.1, `GET /api/status`.
 */
import { afterEach, expect, it } from 'vitest';
import { StationStatusSchema } from '../../app/domain';
import { launchChromium, screenshotOnFailure } from '../support/chromium';
import { startDemoWorld } from '../../main/demo/demo.world';
import { startHeadless } from '../../main/headless/headless.host';
import { packOrder, type DemoOrder } from '../../main/demo/simulated-packer';
import { waitUntil } from '../../main/demo/wait-for';
import { silentLog } from '../../main/log';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('packs a picking never scanned here while Odoo is down, from the prefetched cache, and delivers its events when Odoo is back', async (ctx) => {
  const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0 });
  cleanups.push(world.close);
  const orders = world.odoo.createPickings(3) as DemoOrder[];
  const odooPort = Number(new URL(world.config.odoo.url).port);
  // A short period so the test sees the outage reach the status; the default is five minutes.
  const config = { ...world.config, odoo: { ...world.config.odoo, prefetch: { ...world.config.odoo.prefetch, intervalMs: 1_000 } } };
  const headless = await startHeadless(config, { log: silentLog() });
  cleanups.push(headless.stop);
  const { station } = headless;
  const apiStatus = async () => StationStatusSchema.parse(await (await fetch(`${headless.url}/api/status`)).json());

  await waitUntil(() => (station.status().pickingCache?.count ?? 0) === 3, 10_000, 'the ready pickings to be prefetched');
  const fresh = await apiStatus();
  expect(fresh.pickingCache).toMatchObject({ enabled: true, count: 3, lastError: null });
  expect(fresh.pickingCache?.lastRefreshAt).not.toBeNull();

  await world.odoo.close();
  await waitUntil(() => station.status().pickingCache?.lastError != null, 10_000, 'a refresh to find Odoo gone');

  const order = orders[1]!;
  await packOrder(station, world, order, 0);
  expect(world.printer.jobs()).toHaveLength(1);
  expect(world.carrier.purchases()).toHaveLength(1);
  const offline = await apiStatus();
  expect(offline.deadLetters).toEqual([]);
  expect(offline.sync.find((t) => t.target === 'odoo')?.depth).toBeGreaterThanOrEqual(2);
  expect(offline.pickingCache).toMatchObject({ count: 3 });
  expect(offline.pickingCache?.lastError).toBeTruthy();

  // The supervisor sees how many pickings the bench can pack offline and that the last refresh found Odoo gone.
  const chromium = await launchChromium();
  cleanups.push(chromium.close);
  const { page } = chromium;
  ctx.onTestFailed(async () => void (await screenshotOnFailure(page, 'e2e-offline-prefetch')));
  await page.goto(headless.openUrl);
  await page.getByTestId('tab-supervisor').click();
  await expect.poll(() => page.getByTestId('picking-cache-count').textContent()).toBe('3');
  await expect.poll(() => page.getByTestId('picking-cache').getAttribute('data-tone')).toBe('warning');
  expect(await page.getByTestId('picking-cache-error').textContent()).toContain('keeping the last copies');

  await world.odoo.listen(odooPort);
  await waitUntil(() => world.odoo.picking(order.id).state === 'done', 30_000, 'validation once Odoo is back');
  const picking = world.odoo.picking(order.id);
  expect(picking.packages).toHaveLength(1);
  expect(picking.carrier_tracking_ref).toBe(world.carrier.purchases()[0]!.trackingCode);
  await waitUntil(() => station.status().pickingCache?.count === 2, 10_000, 'the validated picking to leave the cache');
}, 60_000);
