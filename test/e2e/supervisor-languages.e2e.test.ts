/**
 * The supervisor panel in German, then in Spanish, in Debian's Chromium on one headless station (demo world, sign-in
 * off so the panel is open): headings, states and notes from the catalogues, times and amounts by Intl in the
 * station's language, weights asked in the warehouse's units, and no English left on the panel's own words.
 */
import { expect, it } from 'vitest';
import { formatMoney } from '../../app/i18n/format';
import type { ResolvedConfig } from '../../main/config/load-config';
import { packOrder, type DemoOrder } from '../../main/demo/simulated-packer';
import { cleanupAfterEach } from '../support/cleanup';
import { stationInChromium } from '../support/station-in-chromium';

const cleanups = cleanupAfterEach();

/** Headings and notes of an idle panel that English would show: none may be left in another language. */
const ENGLISH = ['Dead letters', 'Carrier exceptions', 'Print jobs', 'Devices', 'Offline pickings', 'Shipping day', 'Return labels', 'Waiting for'];

it('the supervisor panel speaks the station’s language: German, then Spanish with imperial weights', async (ctx) => {
  let station: ResolvedConfig | null = null;
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-supervisor-languages', {
    config: (config) => (station = { ...config, ui: { ...config.ui, language: 'de', weightUnits: 'metric' } }),
  });
  const [order] = world.odoo.createPickings(1, { linesPerPicking: 1 }) as DemoOrder[];
  await packOrder(headless.station, world, order!, 0);
  const [label] = (await headless.station.core.handle('carrier:labels', { limit: 10 })).bought;

  await page.goto(headless.openUrl);
  await byTestId('tab-supervisor').click();
  const panel = byTestId('supervisor');
  await byTestId(`label-${label!.reference}`).waitFor({ timeout: 15_000 });
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('de');
  const german = (await panel.textContent()) ?? '';
  for (const words of ['Synchronisierung', 'Geräte', 'Unzustellbare Ereignisse', 'Versandausnahmen', 'Druckaufträge', 'Retourenetiketten', 'Gewicht in kg']) {
    expect(german).toContain(words);
  }
  for (const words of ENGLISH) expect(german).not.toContain(words);
  expect(await byTestId('sync-reach-odoo').textContent()).toBe('ja');
  expect(await byTestId('device-scale-state').textContent()).toBe('verbunden');
  expect(await byTestId('dead-letters').textContent()).toBe('Keine — jedes Ereignis wurde zugestellt oder wird noch wiederholt.');
  expect(await byTestId('to-manifest-count').textContent()).toContain('1 heute gekauftes Paket steht noch in keinem Manifest');
  // Intl's German: a 24-hour time, and the label's rate as German money (7,58 $).
  expect(await byTestId('status-at').textContent()).toMatch(/^\d{2}:\d{2}:\d{2}$/);
  expect(await byTestId(`label-${label!.reference}`).textContent()).toContain(formatMoney(label!.rate, label!.currency, 'de'));

  // What a station restarted with `ui.language: es` and imperial units shows; the screen reads the station's settings
  // again when it opens (here: reloads) without a second start.
  station!.ui.language = 'es';
  station!.ui.weightUnits = 'imperial';
  await page.reload();
  await byTestId('tab-supervisor').click();
  await byTestId(`label-${label!.reference}`).waitFor({ timeout: 15_000 });
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('es');
  const spanish = (await panel.textContent()) ?? '';
  for (const words of ['Sincronización', 'Dispositivos', 'Eventos no entregados', 'Incidencias de envío', 'Trabajos de impresión', 'Peso en lb']) {
    expect(spanish).toContain(words);
  }
  for (const words of [...ENGLISH, 'Gewicht']) expect(spanish).not.toContain(words);
  expect(await byTestId('sync-reach-odoo').textContent()).toBe('sí');
  expect(await byTestId('device-scale-state').textContent()).toBe('conectado');
  expect(await byTestId('to-manifest-count').textContent()).toContain('1 bulto comprado hoy no está aún en ningún manifiesto');
  expect(await byTestId(`label-${label!.reference}`).textContent()).toContain(formatMoney(label!.rate, label!.currency, 'es'));
  await page.screenshot({ path: 'test-results/e2e-supervisor-languages.png', fullPage: true });
});
