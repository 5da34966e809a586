/**
 * A headless station on the demo world's simulators and sandboxes, and Debian's Chromium to look at it: the setup
 * every UI end-to-end test shares. Everything is closed after the test; a failing test leaves a screenshot.
 */
import type { TestContext } from 'vitest';
import { startDemoWorld, type WorldOptions } from '../../main/demo/demo.world';
import { startHeadless } from '../../main/headless/headless.host';
import type { StationDeps } from '../../main/bootstrap';
import { silentLog } from '../../main/log';
import { launchChromium, screenshotOnFailure } from './chromium';

export async function stationInChromium(
  cleanups: (() => Promise<void> | void)[],
  ctx: TestContext,
  screenshot: string,
  opts: { world?: Partial<WorldOptions>; station?: StationDeps } = {},
) {
  const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0, ...opts.world });
  cleanups.push(world.close);
  const headless = await startHeadless(world.config, { log: silentLog(), ...opts.station });
  cleanups.push(headless.stop);
  const chromium = await launchChromium();
  cleanups.push(chromium.close);
  const { page } = chromium;
  ctx.onTestFailed(async () => void (await screenshotOnFailure(page, screenshot)));
  return { world, headless, page, byTestId: (id: string) => page.getByTestId(id) };
}
