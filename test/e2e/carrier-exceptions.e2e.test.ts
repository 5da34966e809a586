/**
 * Carrier exceptions on a real headless station (demo world: Odoo and carrier sandboxes on loopback, real SQLite, the
 * scanner and scale simulators) in Chromium: a parcel above its carrier's price ceiling, and the platform silent for
 * longer than the station waits. The packer is told to set the parcel aside and packs the next picking; the supervisor
 * sees the exception and resolves it; the picking scanned again gets its label.
 */
import { expect, it } from 'vitest';
import type { DemoWorld } from '../../main/demo/demo.world';
import type { DemoOrder } from '../../main/demo/simulated-packer';
import { waitForSnapshot, waitUntil } from '../../main/demo/wait-for';
import type { Station } from '../../main/bootstrap';
import type { StationCore } from '../../app/ipc/contract';
import { RatePolicySchema } from '../../app/domain/rate-policy.schema';
import { cleanupAfterEach } from '../support/cleanup';
import { stationInChromium } from '../support/station-in-chromium';

const cleanups = cleanupAfterEach();
const DOWN_AFTER_MS = 100;

/** Scans the picking and every unit on the scanner simulator, then puts the box on the scale. */
async function packOnTheBench(world: DemoWorld, core: StationCore, order: DemoOrder, state: (s: string) => Promise<void>): Promise<void> {
  world.scale.setWeight(0, { stable: true });
  await world.scanner.scan(order.name);
  await state('packing.scanning');
  for (const line of order.lines) for (let i = 0; i < line.quantity; i += 1) await world.scanner.scan(line.barcode);
  await state('weighing');
  const expected = (await core.handle('packing:view', undefined)).expectedWeightG ?? 1000;
  world.scale.setWeight(Math.round(expected + 2), { stable: true });
}

/** The picking on screen is `order` and it is done (the screen may still show the previous picking's done). */
const doneWith = (station: Station, order: DemoOrder) =>
  waitForSnapshot(station.actor, (s) => s.matches('done') && s.context.picking?.name === order.name, 15_000, `${order.name} to be done`);

it('price ceiling: the parcel is set aside, the next picking packs, the supervisor resolves, the rescan labels it', async (ctx) => {
  // Only "Express delivery" pickings have a ceiling no rate is under; the demo's pickings go "Standard delivery".
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-carrier-price-ceiling', {
    config: (c) => ({ ...c, carrier: { ...c.carrier, policies: { 'Express delivery': RatePolicySchema.parse({ maxPrice: '0.01' }) } } }),
  });
  const { core } = headless.station;
  const [first, next] = world.odoo.createPickings(2) as DemoOrder[];
  const express = world.odoo.records('delivery.carrier', [['name', '=', 'Express delivery']])[0]!.id as number;
  const standard = world.odoo.records('delivery.carrier', [['name', '=', 'Standard delivery']])[0]!.id as number;
  world.odoo.writeInOdoo('stock.picking', first!.id, { carrier_id: express });
  const stateIs = async (state: string) => {
    await expect.poll(() => byTestId('state-message').getAttribute('data-state'), { timeout: 15_000 }).toBe(state);
  };
  await page.goto(headless.openUrl);
  await stateIs('idle');

  await packOnTheBench(world, core, first!, stateIs);
  await stateIs('setAside');
  const [exception] = (await core.handle('carrier:exceptions', { limit: 10 })).open;
  expect(exception).toMatchObject({ kind: 'price_ceiling', pickingName: first!.name, parcelIndex: 1 });
  const message = await byTestId('state-message').textContent();
  expect(message).toContain(`Set parcel 1 of ${first!.name} aside: ${exception!.detail.replace(/\.$/, '')}`);
  expect(message).toMatch(/above the ceiling of 0\.01/);
  expect(message).toMatch(/Scan the next picking\.$/);
  expect(world.carrier.purchases()).toEqual([]);

  await packOnTheBench(world, core, next!, stateIs);
  await stateIs('done');
  expect(world.carrier.purchases()).toHaveLength(1);

  // The supervisor sends the order with the standard carrier in Odoo and says so.
  world.odoo.writeInOdoo('stock.picking', first!.id, { carrier_id: standard });
  await byTestId('tab-supervisor').click();
  await expect.poll(() => byTestId('carrier-exception-count').textContent(), { timeout: 10_000 }).toBe('1');
  expect(await byTestId(`carrier-exception-kind-${exception!.id}`).textContent()).toBe('Above price ceiling');
  expect(await byTestId(`carrier-exception-action-${exception!.id}`).textContent()).toBe(exception!.suggestedAction);
  await byTestId(`carrier-exception-resolve-${exception!.id}`).click();
  await byTestId('audit-reason').fill('Shipped with another carrier');
  await byTestId('carrier-exception-confirm').click();
  await expect.poll(() => byTestId('carrier-exception-count').textContent(), { timeout: 10_000 }).toBe('0');

  await byTestId('tab-packer').click();
  await world.scanner.scan(first!.name);
  await doneWith(headless.station, first!);
  expect(world.carrier.purchases()).toHaveLength(2);
  expect(world.printer.jobs()).toHaveLength(2);
}, 120_000);

it('carrier down: the parcel is set aside, the next picking packs, the supervisor resolves, the rescan labels it', async (ctx) => {
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-carrier-exceptions', {
    config: (c) => ({ ...c, carrier: { ...c.carrier, downAfterMinutes: DOWN_AFTER_MS / 60_000 } }),
  });
  const { core } = headless.station;
  const [first, next] = world.odoo.createPickings(2) as DemoOrder[];
  const stateIs = async (state: string) => {
    await expect.poll(() => byTestId('state-message').getAttribute('data-state'), { timeout: 15_000 }).toBe(state);
  };
  await page.goto(headless.openUrl);
  await stateIs('idle');

  const port = Number(new URL(world.carrier.url).port);
  await world.carrier.close();
  await packOnTheBench(world, core, first!, stateIs);
  // The first unanswered purchase starts the outage: Retry until it has lasted longer than the station waits.
  await stateIs('carrierFailed');
  await new Promise((r) => setTimeout(r, DOWN_AFTER_MS * 2));
  await byTestId('action-retry').click();
  await stateIs('setAside');
  const message = await byTestId('state-message').textContent();
  expect(message).toMatch(new RegExp(`Set parcel 1 of ${first!.name} aside: the carrier platform has not answered for \\d+ s \\(.+\\)\\. Keep it aside until the platform answers again, then scan ${first!.name} to buy its label\\. Scan the next picking\\.`));
  const [exception] = (await core.handle('carrier:exceptions', { limit: 10 })).open;
  expect(exception).toMatchObject({ kind: 'carrier_down', pickingName: first!.name, parcelIndex: 1, state: 'open' });
  expect(await byTestId('set-aside').getAttribute('data-kind')).toBe('carrier_down');
  expect(await byTestId('set-aside-exception').textContent()).toContain(`#${exception!.id}`);
  await page.screenshot({ path: 'test-results/e2e-carrier-set-aside.png' });

  // The platform answers again: the next picking is scanned at once, packed and labelled.
  await world.carrier.listen(port);
  await packOnTheBench(world, core, next!, stateIs);
  await stateIs('done');
  expect(world.carrier.purchases()).toHaveLength(1);
  expect(world.printer.jobs()).toHaveLength(1);

  // The supervisor sees the exception with what to do and how long it waits, and resolves it: who and what, required.
  await byTestId('tab-supervisor').click();
  await expect.poll(() => byTestId('carrier-exception-count').textContent(), { timeout: 10_000 }).toBe('1');
  expect(await byTestId(`carrier-exception-kind-${exception!.id}`).textContent()).toBe('Carrier down');
  expect(await byTestId(`carrier-exception-picking-${exception!.id}`).textContent()).toBe(first!.name);
  expect(await byTestId(`carrier-exception-parcel-${exception!.id}`).textContent()).toBe('parcel 1');
  expect(await byTestId(`carrier-exception-detail-${exception!.id}`).textContent()).toContain('has not answered for');
  expect(await byTestId(`carrier-exception-action-${exception!.id}`).textContent()).toContain(`then scan ${first!.name}`);
  expect(await byTestId(`carrier-exception-age-${exception!.id}`).textContent()).toMatch(/^\d+ s$/);
  await byTestId(`carrier-exception-resolve-${exception!.id}`).click();
  expect(await byTestId('carrier-exception-confirm').isDisabled()).toBe(true);
  await byTestId('audit-reason').fill('Carrier platform is back');
  await byTestId('carrier-exception-confirm').click();
  await expect.poll(() => byTestId('carrier-exception-count').textContent(), { timeout: 10_000 }).toBe('0');
  expect(await byTestId(`carrier-exception-resolved-${exception!.id}`).textContent()).toContain('Carrier platform is back');
  expect(headless.station.status().carrierExceptions).toEqual({ open: 0 });
  await page.screenshot({ path: 'test-results/e2e-carrier-exceptions-resolved.png', fullPage: true });

  // Back at the bench, the parcel set aside is scanned again: its label is bought and printed, the picking finishes.
  await byTestId('tab-packer').click();
  await world.scanner.scan(first!.name);
  await doneWith(headless.station, first!);
  expect(world.carrier.purchases()).toHaveLength(2);
  expect(world.printer.jobs()).toHaveLength(2);
  await waitUntil(() => world.odoo.picking(first!.id).state === 'done', 15_000, `${first!.name} to be validated in Odoo`);

  // A stale resolution is answered with the reason; the contract refuses one without what was done.
  expect(await core.handle('carrier:resolve-exception', { id: exception!.id, resolution: 'again' })).toEqual({
    accepted: false,
    error: `no open carrier exception ${exception!.id}`,
  });
  await expect(core.handle('carrier:resolve-exception', { id: exception!.id, resolution: '' })).rejects.toThrow();
}, 120_000);
