/**
 * A headless station on the demo world's simulators and sandboxes, and Debian's Chromium to look at it: the setup
 * every UI end-to-end test shares. Everything is closed after the test; a failing test leaves a screenshot.
 */
import type { TestContext } from 'vitest';
import { startDemoWorld, type WorldOptions } from '../../main/demo/demo.world';
import { startHeadless } from '../../main/headless/headless.host';
import type { StationDeps } from '../../main/bootstrap';
import type { ResolvedConfig } from '../../main/config/load-config';
import { silentLog } from '../../main/log';
import { launchChromium, screenshotOnFailure } from './chromium';

export async function stationInChromium(
  cleanups: (() => Promise<void> | void)[],
  ctx: TestContext,
  screenshot: string,
  /** `config`: the station's settings on top of the demo world's (e.g. a request-rate limit). */
  opts: { world?: Partial<WorldOptions>; station?: StationDeps; config?: (config: ResolvedConfig) => ResolvedConfig } = {},
) {
  const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0, ...opts.world });
  cleanups.push(world.close);
  const headless = await startHeadless(opts.config ? opts.config(world.config) : world.config, { log: silentLog(), ...opts.station });
  cleanups.push(headless.stop);
  const chromium = await launchChromium();
  cleanups.push(chromium.close);
  const { page } = chromium;
  ctx.onTestFailed(async () => void (await screenshotOnFailure(page, screenshot)));
  return { world, headless, page, byTestId: (id: string) => page.getByTestId(id) };
}
