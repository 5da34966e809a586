/**
 * The packer screen in English, German, French and Spanish, in Chromium against one headless station (demo world: the
 * MT-SICS scale simulator speaks grams). The station's language is the config the host reads for `ui:settings`; each
 * round changes it and reloads the page, as a station restarted with another `ui.language` would show. Weights are
 * imperial throughout: the screen shows pounds and ounces whatever the scale speaks.
 */
import { expect, it } from 'vitest';
import type { DemoOrder } from '../../main/demo/simulated-packer';
import type { ResolvedConfig } from '../../main/config/load-config';
import { formatWeight } from '../../app/i18n/format';
import type { Language } from '../../app/i18n/language';
import { cleanupAfterEach } from '../support/cleanup';
import { stationInChromium } from '../support/station-in-chromium';

const cleanups = cleanupAfterEach();

/** What each language must show: the idle instruction, the tab's name, and a weight of 1000 g (35.27 oz) in lb/oz. */
const EXPECTED: Record<Language, { idle: string; weight: string; tab: string }> = {
  en: { idle: 'Scan a picking', weight: '2 lb 3.3 oz', tab: 'Packing' },
  de: { idle: 'Lieferschein scannen', weight: '2 lb 3,3 oz', tab: 'Packen' },
  fr: { idle: 'Scannez un bon de livraison', weight: '2 lb 3,3 oz', tab: 'Emballage' },
  es: { idle: 'Escanee un albarán', weight: '2 lb 3,3 oz', tab: 'Embalaje' },
};

it('shows the packer screen in each language, numbers by Intl and weights in lb/oz from a scale that speaks grams', async (ctx) => {
  let ui: ResolvedConfig['ui'] | undefined;
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-languages', {
    config: (config) => {
      ui = { ...config.ui, weightUnits: 'imperial' };
      return { ...config, ui };
    },
  });
  const [order] = world.odoo.createPickings(1, { linesPerPicking: 2 }) as DemoOrder[];
  const units = order!.lines.reduce((sum, line) => sum + line.quantity, 0);
  world.scale.setWeight(1000, { stable: true });
  await page.goto(headless.openUrl);

  for (const language of ['en', 'de', 'fr', 'es'] as const) {
    const expected = EXPECTED[language];
    ui!.language = language;
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    await expect.poll(() => byTestId('state-message').textContent()).toContain(expected.idle);
    expect(await byTestId('tab-packer').textContent()).toBe(expected.tab);
    // The weight's decimal separator is the language's, by Intl; the unit is the warehouse's.
    await expect.poll(() => byTestId('weight').textContent()).toBe(expected.weight);
    expect(expected.weight).toBe(formatWeight(1000, { language, weightUnits: 'imperial' }));
  }

  // Spanish is on: a picking's instruction and its counts in Spanish, the parcel's expected weight in lb/oz too.
  await world.scanner.scan(order!.name);
  await expect.poll(() => byTestId('state-message').textContent()).toContain(`Escanee los artículos (0 de ${units} escaneados)`);
  await world.scanner.scan(order!.lines[0]!.barcode);
  await expect.poll(() => byTestId('state-message').textContent()).toContain(`Escanee los artículos (1 de ${units} escaneados)`);
  const view = await headless.station.core.handle('packing:view', undefined);
  expect(view.message).toBe(`Scan the items (1 of ${units} scanned)`);
  const shown = `previsto ≈ ${formatWeight(view.expectedWeightG!, { language: 'es', weightUnits: 'imperial' })}`;
  expect(shown).toMatch(/ oz$/);
  await expect.poll(() => byTestId('expected-weight').textContent()).toBe(shown);
  await page.screenshot({ path: 'test-results/e2e-languages-es.png' });
}, 90_000);
