/**
 * The lot in front of the packer, not the one Odoo reserved, at the packer screen in Debian's Chromium: the station
 * prefetches a tracked delivery with the lots its products have in stock, Odoo goes away, the packer scans the
 * picking (from the cache), a lot Odoo did not reserve (accepted) and a name Odoo does not have (refused, said on
 * screen), packs and prints; when Odoo is back the station's writes move the reservation and Odoo validates the
 * picking with the scanned lot. Real parts: the headless station, simulators over TCP, the Odoo (18) and carrier
 * sandboxes over HTTP on 127.0.0.1, Chromium.
 */
import { afterEach, expect, it } from 'vitest';
import { waitUntil } from '../../main/demo/wait-for';
import { stationInChromium } from '../support/station-in-chromium';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('accepts a lot Odoo did not reserve while Odoo is down, and Odoo validates with it once back', async (ctx) => {
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-lot-lookup', {
    world: { odooVersion: 18 },
    config: (config) => ({ ...config, odoo: { ...config.odoo, prefetch: { ...config.odoo.prefetch, intervalMs: 500 } } }),
  });
  const { station } = headless;
  const [order] = world.odoo.createPickings(1, { tracked: true });
  await waitUntil(() => (station.status().pickingCache?.count ?? 0) === 1, 10_000, 'the tracked picking to be prefetched');
  const odooPort = Number(new URL(world.config.odoo.url).port);
  await world.odoo.close();
  await waitUntil(() => station.status().pickingCache?.lastError != null, 10_000, 'a refresh to find Odoo gone');

  await page.goto(headless.openUrl);
  await world.scanner.scan(order!.name);
  await expect.poll(() => byTestId('picking-name').textContent()).toContain(order!.name);
  const lines = (await station.core.handle('packing:view', undefined)).picking!.lines;
  const [beans, scanner] = lines;

  // Odoo reserved LOT-2024-A ×2 + LOT-2024-B; LOT-2024-C (on a shelf) is what the packer has in hand.
  await world.scanner.scan('LOT-2024-C');
  await expect.poll(() => byTestId(`line-qty-${beans!.moveId}`).textContent()).toMatch(/1\s*\/\s*3/);
  await world.scanner.scan('LOT-2099-Z');
  await expect.poll(() => byTestId('state-message').getAttribute('data-state')).toBe('packing.unknownBarcode');
  await expect.poll(() => byTestId('state-message').textContent()).toContain('Unknown lot/serial LOT-2099-Z for [FOOD_0101] Espresso Beans 1 kg');

  for (const code of ['LOT-2024-A', 'LOT-2024-A', 'SN-X1-0050']) await world.scanner.scan(code);
  await expect.poll(() => byTestId(`line-qty-${scanner!.moveId}`).textContent()).toMatch(/1\s*\/\s*2/);
  await world.scanner.scan('SN-X1-0001');
  await expect.poll(() => byTestId('state-message').getAttribute('data-state')).toBe('weighing');
  const expected = (await station.core.handle('packing:view', undefined)).expectedWeightG ?? 3_500;
  world.scale.setWeight(Math.round(expected + 3), { stable: true });
  await waitUntil(() => world.printer.jobs().length === 1, 15_000, 'the label to print');
  await expect.poll(() => byTestId('state-message').getAttribute('data-state')).toBe('done');

  await world.odoo.listen(odooPort);
  await waitUntil(() => world.odoo.picking(order!.id).state === 'done', 30_000, 'validation once Odoo is back');
  const done: Record<string, number> = {};
  for (const line of world.odoo.picking(order!.id).moveLines) {
    const lot = Array.isArray(line.lot_id) ? String(line.lot_id[1]) : 'none';
    done[lot] = (done[lot] ?? 0) + Number(line.quantity);
  }
  expect(done).toEqual({ 'LOT-2024-A': 2, 'LOT-2024-C': 1, 'SN-X1-0001': 1, 'SN-X1-0050': 1 });
  const [lotB] = world.odoo.records('stock.lot', [['name', '=', 'LOT-2024-B']]);
  expect(world.odoo.records('stock.quant', [['lot_id', '=', lotB!.id]]).map((q) => q.reserved_quantity)).toEqual([0]);
  expect(station.status().deadLetters).toEqual([]);
}, 90_000);
