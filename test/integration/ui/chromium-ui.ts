import { afterAll, beforeAll, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startUiServer, type UiServer } from '../../../main/headless/ui.server';
import { launchChromium, screenshotOnFailure, type LaunchedChromium } from '../../support/chromium';
import type { FakeStationCore } from './station-core.fake';
import { ensureRendererBuilt } from './renderer-dist';

export interface ChromiumUi<C extends FakeStationCore> {
  core: C;
  server: UiServer;
  page: Page;
}

export interface ChromiumUiOptions<C extends FakeStationCore> {
  /** Names the screenshots in test-results/. */
  name: string;
  core: () => C;
  /** Refuses a renderer build that cannot pass these tests, before Chromium is launched. */
  checkBuild?: (staticDir: string) => void;
}

/**
 * The real renderer build served by the headless UI server on a fake core, and one Chromium page, shared by all
 * tests of a file: launching Chromium per test would dominate the run. `use` receives them once they are up.
 * Returns `uiTest`, an `it` that screenshots the page before a failure propagates.
 */
export function chromiumUiPerFile<C extends FakeStationCore>(
  options: ChromiumUiOptions<C>,
  use: (ui: ChromiumUi<C>) => void,
): (name: string, body: () => Promise<void>) => void {
  let server: UiServer | undefined;
  let chromium: LaunchedChromium | undefined;

  beforeAll(async () => {
    const staticDir = await ensureRendererBuilt();
    options.checkBuild?.(staticDir);
    const core = options.core();
    server = await startUiServer({ host: '127.0.0.1', port: 0, core, staticDir });
    chromium = await launchChromium();
    // The tab is opened once from the link the station prints; it keeps the bridge token across later loads. It
    // then leaves the page so that first visit's requests cannot land in a test's counts.
    await chromium.page.goto(server.openUrl);
    await chromium.page.locator('[data-testid="link-state"][data-link="open"]').waitFor();
    await chromium.page.goto('about:blank');
    use({ core, server, page: chromium.page });
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  return (name, body) =>
    it(name, async () => {
      try {
        await body();
      } catch (err) {
        if (chromium) await screenshotOnFailure(chromium.page, `${options.name}-${name}`);
        throw err;
      }
    });
}
