/**
 * A picking changed in Odoo while it was being packed, end to end in Chromium: the headless station (demo world:
 * simulated scale and scanner over TCP, raw-9100 printer, the Odoo and carrier sandboxes over HTTP, real SQLite)
 * packs it, its parcel meets the change as a CONFLICT dead letter that names it on the supervisor panel, nothing is
 * written over Odoo's version, and the supervisor's Replay applies the packing to Odoo's version: validated once.
 */
import { expect, it } from 'vitest';
import { packOrder, type DemoOrder } from '../../main/demo/simulated-packer';
import { waitForSnapshot, waitUntil } from '../../main/demo/wait-for';
import { cleanupAfterEach } from '../support/cleanup';
import { stationInChromium } from '../support/station-in-chromium';

const cleanups = cleanupAfterEach();

it('a quantity changed in Odoo mid-packing: the conflict on the panel, Replay applies the packing to Odoo\'s version', async (ctx) => {
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-conflict');
  const { station } = headless;
  const [order] = world.odoo.createPickings(1, { linesPerPicking: 2 }) as DemoOrder[];
  const line = world.odoo.records('stock.move', [['picking_id', '=', order!.id]])[1] as { id: number; product_uom_qty: number };

  // Someone raises a quantity in Odoo right after the station loaded the picking.
  const packing = packOrder(station, world, order!, 0);
  await waitForSnapshot(station.actor, (s) => !s.matches('idle') && !s.matches('loadingPicking'), 10_000, 'the picking to load');
  world.odoo.writeInOdoo('stock.move', line.id, { product_uom_qty: Number(line.product_uom_qty) + 2 });
  await packing;

  await page.goto(headless.openUrl);
  await byTestId('tab-supervisor').click();
  await expect.poll(() => byTestId('dead-letter-count').textContent(), { timeout: 15_000 }).toBe('1');
  const [letter] = (await station.core.handle('outbox:dead-letters', { limit: 10 })).letters;
  expect(letter).toMatchObject({ pickingName: order!.name, eventType: 'parcel.packed', advice: { code: 'CONFLICT', replayable: true } });
  const summary = await byTestId(`dead-letter-summary-${letter!.id}`).textContent();
  expect(summary).toContain('The picking changed in Odoo after it was packed');
  expect(summary).toContain(`: ${Number(line.product_uom_qty)} → ${Number(line.product_uom_qty) + 2}`);
  expect(await byTestId(`dead-letter-instruction-${letter!.id}`).textContent()).toContain("Replay to apply this station's packing");
  expect(world.odoo.picking(order!.id).packages).toEqual([]);

  await byTestId(`dead-letter-replay-${letter!.id}`).click();
  await byTestId('audit-reason').fill('customer added two; ship the rest later');
  await byTestId('dead-letter-confirm').click();
  await waitUntil(() => world.odoo.picking(order!.id).state === 'done', 15_000, 'validation in Odoo after the replay');
  await expect.poll(() => byTestId('dead-letter-count').textContent(), { timeout: 10_000 }).toBe('0');
  expect(world.odoo.validations()).toEqual([order!.id]);
  expect(world.odoo.picking(order!.id).packages).toHaveLength(1);
  // The two extra units were not packed: they wait in a backorder.
  expect(world.odoo.records('stock.picking', [['backorder_id', '=', order!.id]])).toHaveLength(1);
  await page.screenshot({ path: 'test-results/e2e-conflict.png', fullPage: true });
}, 90_000);
