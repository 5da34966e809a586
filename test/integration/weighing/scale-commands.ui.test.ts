/**
 * Zero and tare from the packer screen in Debian's Chromium, against the headless host and the MT-SICS scale
 * simulator: the command reaches the scale, and a refusal is shown rather than swallowed.
 * Needs the built renderer (`npm run build:renderer`, the first step of `npm test`).
 */
import { expect, it } from 'vitest';
import { cleanupAfterEach } from '../../support/cleanup';
import { stationInChromium } from '../../support/station-in-chromium';
import { waitUntil } from '../../../main/demo/wait-for';

const cleanups = cleanupAfterEach();

it('zero reaches the scale from the UI; with the scale gone the button says why it failed', async (ctx) => {
  const { world, headless, page } = await stationInChromium(cleanups, ctx, 'weighing-scale-commands');
  const scale = headless.station.devices.scale;

  // A little drift on the empty platter: the packer zeroes it.
  world.scale.setWeight(12);
  await waitUntil(() => scale.lastReading()?.grams === 12, 5000, 'the scale to read 12 g');
  await page.goto(headless.openUrl);
  await page.getByTestId('scale-zero').click();
  await waitUntil(() => scale.lastReading()?.grams === 0, 5000, 'the scale to read 0 g after zero');
  expect(await page.getByTestId('scale-command-error').count()).toBe(0);

  await world.scale.close();
  await waitUntil(() => scale.health().state !== 'connected', 5000, 'the station to lose the scale');
  await page.getByTestId('scale-tare').click();
  await expect.poll(() => page.getByTestId('scale-command-error').textContent(), { timeout: 5000 }).toMatch(/^Tare failed: .*not connected/);
});
