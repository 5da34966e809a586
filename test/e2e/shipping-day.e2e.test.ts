/**
 * The supervisor's shipping day in Chromium on a real headless station (demo world: simulated devices, Odoo and
 * EasyPost sandboxes, real SQLite): after an order is packed, a return label is bought, printed and
 * listed; the end-of-day manifest is previewed, made (its PDF saved at the station, its summary printed) and listed.
 */
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { packOrder, type DemoOrder } from '../../main/demo/simulated-packer';
import { cleanupAfterEach } from '../support/cleanup';
import { stationInChromium } from '../support/station-in-chromium';

const cleanups = cleanupAfterEach();

it('a return label and the end-of-day manifest from the supervisor panel', async (ctx) => {
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-shipping-day');
  const [order] = world.odoo.createPickings(1) as DemoOrder[];
  await packOrder(headless.station, world, order!, 0);
  const [outbound] = world.carrier.purchases();

  await page.goto(headless.openUrl);
  await byTestId('tab-supervisor').click();
  await expect.poll(() => byTestId('to-manifest-count').textContent(), { timeout: 15_000 }).toContain('1 parcel bought today');
  await byTestId('return-picking').fill(order!.name);
  await byTestId('return-buy').click();
  await expect.poll(() => byTestId('return-bought').textContent(), { timeout: 15_000 }).toContain(`Return label ${order!.name}#R1`);
  const returned = world.carrier.purchases()[1]!;
  expect(await byTestId('return-bought').textContent()).toContain('printing on the label printer');
  await byTestId(`return-label-${returned.trackingCode}`).waitFor({ timeout: 10_000 });
  await expect.poll(() => world.printer.jobs().some((zpl) => zpl.includes(returned.trackingCode)), { timeout: 10_000 }).toBe(true);

  await byTestId('manifest-dry-run').click();
  await expect.poll(() => page.locator('[data-testid="manifest-run-result"] tr[data-outcome]').getAttribute('data-outcome'), { timeout: 10_000 }).toBe('planned');
  await byTestId('manifest-run').click();
  await expect.poll(() => page.locator('[data-testid="manifest-run-result"] tr[data-outcome]').getAttribute('data-outcome'), { timeout: 15_000 }).toBe('created');
  const [made] = (await headless.station.core.handle('shipping:day', undefined)).manifests;
  expect(made).toMatchObject({ status: 'created', trackingCodes: [outbound!.trackingCode] });
  expect(existsSync(made!.documentPath!)).toBe(true);
  await byTestId(`manifest-${made!.manifestId}`).waitFor({ timeout: 10_000 });
  expect(await byTestId('to-manifest').textContent()).toContain('Nothing to manifest.');
  await expect.poll(() => world.printer.jobs().some((zpl) => zpl.includes('END OF DAY MANIFEST')), { timeout: 10_000 }).toBe(true);
});
