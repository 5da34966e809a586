import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Quiet, offline, reproducible: no first-run UI, no update or sync traffic leaving 127.0.0.1 during a test. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedChromium {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Debian's Chromium with a fresh profile per launch: Playwright's launch() gives Chromium a new temporary
 * --user-data-dir and deletes it on close, so no cache, service worker or stored state leaks between tests.
 */
export async function launchChromium(opts: { viewport?: { width: number; height: number } } = {}): Promise<LaunchedChromium> {
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
  } catch (err) {
    throw new Error(`could not launch ${CHROMIUM_PATH} (apt-get install -y chromium): ${(err as Error).message}`);
  }
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    close: async () => {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
    },
  };
}

/** Saves a full-page screenshot to test-results/<name>.png; never throws, so it cannot hide the real failure. */
export async function screenshotOnFailure(page: Page, name: string): Promise<string | null> {
  const dir = join(process.cwd(), 'test-results');
  const file = join(dir, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
  try {
    await mkdir(dir, { recursive: true });
    await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
    return file;
  } catch {
    return null;
  }
}
