/**
 * The packer screen in Debian's Chromium against the headless host, following real scans from the serial scanner
 * simulator and real weights from the scale simulator, through to the printed label.
 */
import { afterEach, expect, it } from 'vitest';
import { launchChromium, screenshotOnFailure, type LaunchedChromium } from '../support/chromium';
import { startDemoWorld } from '../../main/demo/demo.world';
import { startHeadless } from '../../main/headless/headless.host';
import { waitUntil } from '../../main/demo/wait-for';
import type { DemoOrder } from '../../main/demo/simulated-packer';
import { silentLog } from '../../main/log';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('shows the packing progress after real scans, the live weight, the label, and the supervisor view', async (ctx) => {
  const world = await startDemoWorld({ odooVersion: 18, scaleProtocol: 'mt-sics', uiPort: 0 });
  cleanups.push(world.close);
  const headless = await startHeadless(world.config, { log: silentLog() });
  cleanups.push(headless.stop);
  const chromium: LaunchedChromium = await launchChromium();
  cleanups.push(chromium.close);
  const { page } = chromium;
  ctx.onTestFailed(async () => void (await screenshotOnFailure(page, 'e2e-packer-ui')));
  const [order] = world.odoo.createPickings(1, { linesPerPicking: 2 }) as DemoOrder[];
  const byTestId = (id: string) => page.getByTestId(id);

  await page.goto(headless.openUrl);
  await expect.poll(() => byTestId('state-message').getAttribute('data-state')).toBe('idle');

  await world.scanner.scan(order!.name);
  await expect.poll(() => byTestId('picking-name').textContent()).toContain(order!.name);
  const snapshot = headless.station.status();
  expect(snapshot.picking?.name).toBe(order!.name);
  const lines = headless.station.core;
  const view = await lines.handle('packing:view', undefined);
  const first = view.picking!.lines[0]!;
  const firstOrder = order!.lines.find((l) => l.barcode === first.barcode)!;
  await expect.poll(() => byTestId(`line-qty-${first.moveId}`).textContent()).toMatch(new RegExp(`0\\s*/\\s*${firstOrder.quantity}`));

  await world.scanner.scan(first.barcode!);
  await expect.poll(() => byTestId(`line-qty-${first.moveId}`).textContent()).toMatch(new RegExp(`1\\s*/\\s*${firstOrder.quantity}`));

  for (const line of order!.lines) {
    const already = line.barcode === first.barcode ? 1 : 0;
    for (let i = already; i < line.quantity; i += 1) await world.scanner.scan(line.barcode);
  }
  await expect.poll(() => byTestId('state-message').getAttribute('data-state')).toBe('weighing');
  const expected = (await lines.handle('packing:view', undefined)).expectedWeightG ?? 1000;
  world.scale.setWeight(Math.round(expected + 2), { stable: true });
  await waitUntil(() => world.printer.jobs().length === 1, 10_000, 'the label to print');
  const trackingCode = world.carrier.shipments()[0]!.trackingCode!;
  await expect.poll(() => byTestId('tracking-code').textContent()).toContain(trackingCode);
  await expect.poll(() => byTestId('weight').getAttribute('data-stable')).toBe('true');
  await page.screenshot({ path: 'test-results/e2e-packer-done.png' });

  await byTestId('tab-supervisor').click();
  await expect.poll(() => byTestId('device-scale').getAttribute('data-state')).toBe('connected');
  await expect.poll(() => byTestId('device-label-printer').getAttribute('data-state')).toBe('connected');
  await waitUntil(() => world.odoo.picking(order!.id).state === 'done', 10_000, 'validation in Odoo');
  await expect.poll(() => byTestId('sync-depth-odoo').textContent(), { timeout: 5_000 }).toBe('0');
  await page.screenshot({ path: 'test-results/e2e-supervisor.png' });
});
