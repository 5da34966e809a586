/**
 * A scripted shift in Debian's Chromium: on a headless station whose people come from the Odoo sandbox, two packers
 * sign in by badge one after the other and pack (the second also reprints a label by command), then a supervisor
 * signs in with badge and PIN and the panel's shift figures show the station's and each packer's counts, the median
 * time per picking and the bars per hour, read from the records that name them.
 */
import { expect, it, vi } from 'vitest';
import { signInByBadge } from '../../main/demo/demo-sign-in';
import { packOrder, type DemoOrder } from '../../main/demo/simulated-packer';
import { waitForSnapshot, waitUntil } from '../../main/demo/wait-for';
import { SANDBOX_PEOPLE } from '../../sync/sim/odoo/people-models.sim';
import { cleanupAfterEach } from '../support/cleanup';
import { stationInChromium } from '../support/station-in-chromium';

vi.setConfig({ testTimeout: 120_000 });
const cleanups = cleanupAfterEach();
const { packer: paul, germanPacker: lena, supervisor: sofia } = SANDBOX_PEOPLE;

it('two packers pack, one reprints; the supervisor panel shows the shift per packer with its chart', async (ctx) => {
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-shift-figures', { world: { signIn: 'required' } });
  const { station } = headless;
  const signedIn = async () => (await station.core.handle('people:session', undefined)).person;
  const orders = world.odoo.createPickings(3, { linesPerPicking: 1 }) as DemoOrder[];

  await signInByBadge(station, world, paul.badge);
  await packOrder(station, world, orders[0]!, 0);
  await packOrder(station, world, orders[1]!, 0);
  // Another badge switches the bench to its packer.
  await world.scanner.scan(lena.badge);
  await waitUntil(async () => (await signedIn())?.name === lena.name, 10_000, `${lena.name} to sign in`);
  await packOrder(station, world, orders[2]!, 0);
  // The reprint command from the done screen: its audit names Lena, who is signed in.
  expect(await station.core.handle('packing:command', { action: 'reprint' })).toEqual({ accepted: true });
  await waitForSnapshot(station.actor, (s) => s.matches('done') && !s.matches('reprinting'), 15_000, 'the reprint to print');

  await world.scanner.scan(sofia.badge);
  await waitUntil(async () => (await station.core.handle('people:session', undefined)).awaitingPin !== null, 10_000, 'the PIN to be asked');
  expect(await station.core.handle('people:pin', { pin: sofia.pin })).toMatchObject({ accepted: true });
  const ids = Object.fromEntries((await station.core.handle('shift:figures', undefined)).packers.map((p) => [p.person.name, p.person.id]));
  expect(Object.keys(ids).sort()).toEqual([lena.name, paul.name].sort());

  await page.goto(headless.openUrl);
  await byTestId('tab-supervisor').click();
  await byTestId('shift-figures').waitFor({ timeout: 15_000 });
  const cell = (row: string, figure: string) => byTestId(`${row}-${figure}`).textContent();
  expect(await cell('shift-station', 'parcels')).toBe('3');
  expect(await cell('shift-station', 'pickings')).toBe('3');
  expect(await cell('shift-station', 'reprints')).toBe('1');
  expect(await cell('shift-station', 'exceptions')).toBe('0');
  // Seconds per picking at this pace: a duration, not the dash of "none finished".
  expect(await cell('shift-station', 'median')).toMatch(/^\d+ s$/);
  const paulRow = `shift-packer-${ids[paul.name]}`;
  const lenaRow = `shift-packer-${ids[lena.name]}`;
  expect(await byTestId(paulRow).locator('th').textContent()).toBe(paul.name);
  expect([await cell(paulRow, 'parcels'), await cell(paulRow, 'pickings'), await cell(paulRow, 'reprints')]).toEqual(['2', '2', '0']);
  expect([await cell(lenaRow, 'parcels'), await cell(lenaRow, 'pickings'), await cell(lenaRow, 'reprints')]).toEqual(['1', '1', '1']);
  expect(Number(await cell(paulRow, 'parcels-per-hour'))).toBeGreaterThan(0);
  // Busiest first: Paul's row before Lena's.
  const rows = await page.locator('tr[data-testid^="shift-packer-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(rows).toEqual([paulRow, lenaRow]);

  // The chart: one group of bars per hour of the shift, the three parcels and pickings in the hours they were packed.
  const bars = await page.locator('[data-testid^="shift-hour-"]').evaluateAll((els) =>
    els.map((e) => ({ parcels: Number(e.getAttribute('data-parcels')), pickings: Number(e.getAttribute('data-pickings')) })),
  );
  expect(bars.length).toBeGreaterThanOrEqual(8);
  expect(bars.reduce((n, b) => n + b.parcels, 0)).toBe(3);
  expect(bars.reduce((n, b) => n + b.pickings, 0)).toBe(3);
  expect(await page.locator('[data-testid="shift-chart"] rect').count()).toBeGreaterThanOrEqual(2);
  await byTestId('shift-figures').screenshot({ path: 'test-results/e2e-shift-figures.png' });
});
