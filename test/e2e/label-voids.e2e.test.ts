/**
 * A supervisor voids a label in Chromium, end to end: the headless station (demo world: simulated scale and scanner,
 * raw-9100 printer, the Odoo and EasyPost sandboxes over HTTP, real SQLite) packs a picking and buys its label; the
 * Labels view shows it with its rate and why the policy chose it; Void wants a name and a reason; the refund is asked
 * of the carrier sandbox and the label leaves the picking in Odoo (code, Shipping Cost, copy renamed, chatter note).
 */
import { expect, it } from 'vitest';
import { formatMoney } from '../../app/i18n/format';
import { packOrder, type DemoOrder } from '../../main/demo/simulated-packer';
import { waitUntil } from '../../main/demo/wait-for';
import { cleanupAfterEach } from '../support/cleanup';
import { stationInChromium } from '../support/station-in-chromium';

const cleanups = cleanupAfterEach();

it('a label voided from the supervisor panel: refund asked, Odoo shows it voided, the voided list says so', async (ctx) => {
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-label-voids');
  const { station } = headless;
  const [order] = world.odoo.createPickings(1, { linesPerPicking: 1 }) as DemoOrder[];
  await packOrder(station, world, order!, 0);
  const reference = `${order!.name}#1`;
  const [bought] = (await station.core.handle('carrier:labels', { limit: 10 })).bought;
  expect(bought).toMatchObject({ reference, pickingName: order!.name, parcelIndex: 1 });
  await waitUntil(() => world.odoo.picking(order!.id).carrier_tracking_ref === bought!.trackingCode, 15_000, 'the label to reach Odoo');
  expect(world.odoo.picking(order!.id).carrier_price).toBe(Number(bought!.rate));

  await page.goto(headless.openUrl);
  await byTestId('tab-supervisor').click();
  const row = byTestId(`label-${reference}`);
  await row.waitFor({ timeout: 15_000 });
  expect(await row.textContent()).toContain(bought!.trackingCode);
  expect(await row.textContent()).toContain(formatMoney(bought!.rate, bought!.currency, 'en'));

  await byTestId(`label-void-${reference}`).click();
  expect(await byTestId('label-void-confirm').isDisabled()).toBe(true);
  await byTestId('audit-reason').fill('Box damaged, packed again');
  await byTestId('label-void-confirm').click();

  await byTestId('label-void-form').waitFor({ state: 'detached', timeout: 10_000 });
  await expect.poll(() => byTestId('voided-labels').textContent(), { timeout: 15_000 }).toContain('submitted');
  const voided = await byTestId('voided-labels').textContent();
  expect(voided).toContain(bought!.trackingCode);
  expect(voided).toContain('Box damaged, packed again');
  expect(voided).toContain(`${world.config.stationId} (station:${world.config.stationId})`);
  expect(await byTestId('labels').textContent()).toContain('No labels bought yet.');
  expect(world.carrier.refunds()).toEqual([{ trackingCode: bought!.trackingCode, status: 'submitted' }]);

  await waitUntil(() => world.odoo.picking(order!.id).carrier_tracking_ref === false, 15_000, 'the void to reach Odoo');
  const shown = world.odoo.picking(order!.id);
  expect(shown.carrier_price).toBe(0);
  expect(shown.attachments.map((a) => a.name)).toEqual([expect.stringMatching(new RegExp(`^VOID-Label-.*-1-${bought!.trackingCode}\\.zpl$`))]);
  expect(shown.messages).toContain(`Label ${bought!.trackingCode} voided at station ${world.config.stationId}: Box damaged, packed again`);
  await page.screenshot({ path: 'test-results/e2e-label-voids.png', fullPage: true });

  // The contract refuses what the panel would never send; the core answers a void of a parcel with no label with why.
  await expect(station.core.handle('carrier:void', { reference, reason: '' })).rejects.toThrow();
  expect(await station.core.handle('carrier:void', { reference, reason: 'again' })).toEqual({
    accepted: false,
    error: `${reference} has no bought label to void (never bought here, or voided already)`,
  });
}, 120_000);
