/**
 * The printing screens in Debian's Chromium against the headless host and the Zebra simulator: the fault
 * instruction and its recovery, "did the label print?" answered with a reason under the station's person (sign-in off), an audited reprint, and the
 * supervisor's list of jobs and decisions.
 */
import { expect, it } from 'vitest';
import { cleanupAfterEach } from '../support/cleanup';
import { stationInChromium } from '../support/station-in-chromium';
import { waitUntil } from '../../main/demo/wait-for';
import type { DemoOrder } from '../../main/demo/simulated-packer';

const cleanups = cleanupAfterEach();

it('shows the printer fault and its recovery, asks "did it print?", reprints with an audit trail', async (ctx) => {
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-printing-ui', {
    world: { printer: { sgd: false } },
    station: { printPolicy: { statusPollMs: 100, proofSettleMs: 300 } },
  });
  const [first, second] = world.odoo.createPickings(2) as DemoOrder[];

  const pack = async (order: DemoOrder) => {
    await world.scanner.scan(order.name);
    await expect.poll(() => byTestId('picking-name').textContent()).toContain(order.name);
    for (const line of order.lines) for (let i = 0; i < line.quantity; i += 1) await world.scanner.scan(line.barcode);
    await expect.poll(() => byTestId('state-message').getAttribute('data-state')).toBe('weighing');
    const expected = (await headless.station.core.handle('packing:view', undefined)).expectedWeightG ?? 500;
    world.scale.setWeight(Math.round(expected + 3), { stable: true });
  };

  await page.goto(headless.openUrl);
  await expect.poll(() => byTestId('state-message').getAttribute('data-state')).toBe('idle');

  // 1. Paper out: the instruction, big, no button; it prints by itself once labels are loaded.
  world.printer.setFault('paper_out');
  await pack(first!);
  await expect.poll(() => byTestId('printer-fault').textContent(), { timeout: 10_000 }).toContain('Paper out: load labels and close the head');
  expect(await byTestId('printer-fault').getAttribute('data-waiting')).toBe('true');
  expect(await byTestId('actions').count()).toBe(0);
  await page.screenshot({ path: 'test-results/e2e-printer-fault.png' });
  world.printer.setFault(null);
  await expect.poll(() => byTestId('state-message').getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
  expect(await byTestId('printer-fault').count()).toBe(0);
  expect(world.printer.labelCount()).toBe(1);
  world.scale.setWeight(0, { stable: true });
  await waitUntil(() => headless.station.devices.scale.lastReading()?.grams === 0, 10_000, 'the scale to read zero');

  // 2. The connection breaks mid-label and the printer cannot count: the packer answers, with a reason.
  world.printer.resetNextJob(200, { printed: false });
  await pack(second!);
  await expect.poll(() => byTestId('print-uncertain').isVisible(), { timeout: 15_000 }).toBe(true);
  await expect.poll(() => byTestId('print-uncertain').textContent()).toContain('Did the label for parcel 1 print?');
  expect(await byTestId('print-no').isDisabled()).toBe(true);
  await byTestId('audit-reason').fill('No label came out');
  await page.screenshot({ path: 'test-results/e2e-print-uncertain.png' });
  await byTestId('print-no').click();
  await expect.poll(() => byTestId('state-message').getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
  expect(await byTestId('print-uncertain').count()).toBe(0);
  expect(world.printer.labelCount()).toBe(2);

  // 3. An audited reprint of the last label.
  await byTestId('reprint').click();
  expect(await byTestId('reprint-confirm').isDisabled()).toBe(true);
  await byTestId('audit-reason').fill('Label damaged');
  await byTestId('reprint-confirm').click();
  await waitUntil(() => world.printer.labelCount() === 3, 10_000, 'the reprint to come out');
  await expect.poll(() => byTestId('reprint-form').count()).toBe(0);

  // 4. The supervisor sees every job and every decision.
  await byTestId('tab-supervisor').click();
  const { jobs } = await headless.station.core.handle('print:jobs', { limit: 10 });
  expect(jobs).toHaveLength(3);
  for (const job of jobs) {
    await expect.poll(() => byTestId(`print-job-${job.id}`).getAttribute('data-state'), { timeout: 10_000 }).toBe('confirmed');
  }
  await expect.poll(() => byTestId('print-audit').textContent()).toContain('confirmed not printed');
  const audit = await byTestId('print-audit').textContent();
  expect(audit).toContain(`${world.config.stationId} (station:${world.config.stationId})`);
  expect(audit).toContain('Label damaged');
  expect(audit).toContain('reprint');
  await page.screenshot({ path: 'test-results/e2e-print-jobs.png' });
});
