import { afterAll, beforeAll, expect, it } from 'vitest';
import { startUiServer, type UiServer } from '../../../main/headless/ui.server';
import { launchChromium, screenshotOnFailure, type LaunchedChromium } from '../../support/chromium';
import { FakeStationCore } from './station-core.fake';
import { ensureRendererBuilt } from './renderer-dist';

let staticDir: string;
let server: UiServer | null = null;
let chromium: LaunchedChromium;

beforeAll(async () => {
  staticDir = await ensureRendererBuilt();
  chromium = await launchChromium();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

it('shows the lost link, reconnects when the host comes back and re-fetches the view', async () => {
  const { page } = chromium;
  try {
    const first = new FakeStationCore();
    server = await startUiServer({ host: '127.0.0.1', port: 0, core: first, staticDir });
    const { port, token } = server;
    await page.goto(server.openUrl);
    await page.getByTestId('picking-name').waitFor();

    await server.close();
    server = null;
    await page.getByTestId('link-banner').waitFor();
    expect(await page.getByTestId('link-state').getAttribute('data-link')).not.toBe('open');

    // A restarted host has a new core whose state the page never saw pushed: it must fetch it on reconnect.
    const second = new FakeStationCore();
    second.view = { ...second.view, message: 'Back online', picking: null, tone: 'success' };
    // The same process restarting its UI server keeps its token, so the open page may reconnect.
    server = await startUiServer({ host: '127.0.0.1', port, core: second, staticDir, token });
    await expect.poll(() => page.getByTestId('link-state').getAttribute('data-link'), { timeout: 15_000 }).toBe('open');
    await expect.poll(() => page.getByTestId('state-message').textContent()).toContain('Back online');
    expect(await page.getByTestId('link-banner').count()).toBe(0);
    expect(await page.getByTestId('no-picking').isVisible()).toBe(true);
  } catch (err) {
    await screenshotOnFailure(page, 'ui-reconnect');
    throw err;
  }
});
