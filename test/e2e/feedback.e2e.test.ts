/**
 * What the packer hears and sees, in Debian's Chromium against the headless host: WebAudio is wrapped before the page
 * loads (every oscillator started is recorded with its frequency and wave), so the test hears what a packer would.
 * A wrong item sounds low and harsh, flashes the screen red and sounds again every two seconds until F9 (or the
 * O-BTN.ack barcode) silences it; an accepted item chirps high; mute silences; the volume set survives a reload; a
 * closed parcel and a printed label have their own notes; the reprint form opens with F4 and is answered by keys alone.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { CUE_SOUNDS } from '../../app/feedback/sounds';
import type { DemoOrder } from '../../main/demo/simulated-packer';
import { cleanupAfterEach } from '../support/cleanup';
import { stationInChromium } from '../support/station-in-chromium';

const cleanups = cleanupAfterEach();

/** A valid EAN-13 that no demo product carries: the station calls it a wrong item, not an unknown code. */
const NOT_IN_PICKING = '4006381333931';

interface Played {
  hz: number;
  wave: string;
  context: string;
}

/** Runs in the page before its own scripts: records every oscillator started, the way a WebAudio inspector would. */
function recordOscillators(): void {
  const played: { hz: number; wave: string; context: string }[] = [];
  (window as unknown as { __played: typeof played }).__played = played;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
    played.push({ hz: this.frequency.value, wave: this.type, context: this.context.state });
    return start.call(this, when);
  };
}

const played = (page: Page): Promise<Played[]> => page.evaluate(() => (window as unknown as { __played: Played[] }).__played.slice());
const count = async (page: Page, hz: number) => (await played(page)).filter((p) => p.hz === hz).length;

const WRONG = CUE_SOUNDS.wrongItem[0]!;
const ACCEPTED = CUE_SOUNDS.itemAccepted[0]!;
const PARCEL = CUE_SOUNDS.parcelComplete[0]!;
const PRINTED = CUE_SOUNDS.labelPrinted[0]!;

it('sounds and flashes a wrong item until acknowledged, chirps success, mutes, keeps the volume, and needs no mouse', async (ctx) => {
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-feedback');
  await page.addInitScript(recordOscillators);
  const [order] = world.odoo.createPickings(1, { linesPerPicking: 2 }) as DemoOrder[];
  const line = order!.lines[0]!;

  await page.goto(headless.openUrl);
  await expect.poll(() => byTestId('state-message').getAttribute('data-state')).toBe('idle');
  // The packer's first key press is the gesture a browser needs before it plays sound; with nothing to acknowledge
  // F9 does nothing else.
  await page.keyboard.press('F9');
  await world.scanner.scan(order!.name);
  await expect.poll(() => byTestId('picking-name').textContent()).toContain(order!.name);

  // An accepted item: one short high note.
  await world.scanner.scan(line.barcode);
  await expect.poll(() => count(page, ACCEPTED.hz)).toBe(1);
  expect((await played(page)).at(-1)).toEqual({ hz: ACCEPTED.hz, wave: ACCEPTED.wave, context: 'running' });

  // A wrong item: the low buzz, the red flash with its words, and the buzz again two seconds later.
  await world.scanner.scan(NOT_IN_PICKING);
  await expect.poll(() => byTestId('alert-flash').getAttribute('data-kind')).toBe('wrongItem');
  expect(await byTestId('alert-flash').getAttribute('data-colour')).toBe('red');
  expect(await byTestId('alert-flash-text').textContent()).toContain(NOT_IN_PICKING);
  const letters = await page.locator('.alert-flash-kind').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(letters).toBeGreaterThanOrEqual(56);
  // At least once: on a slow machine the two seconds to its repeat may already be over.
  await expect.poll(() => count(page, WRONG.hz)).toBeGreaterThanOrEqual(1);
  expect((await played(page)).find((p) => p.hz === WRONG.hz)).toEqual({ hz: WRONG.hz, wave: WRONG.wave, context: 'running' });
  await page.screenshot({ path: 'test-results/e2e-feedback-flash.png' });
  // The flash takes no clicks or keys: a scan typed into the scan field still goes through.
  expect(await byTestId('alert-flash').evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('none');
  await expect.poll(() => count(page, WRONG.hz), { timeout: 4_000 }).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: 'test-results/e2e-feedback-standing.png' });

  // F9 silences it here and on every screen: the core leaves the acknowledged alert out of the view.
  await page.keyboard.press('F9');
  await expect.poll(() => byTestId('alert-flash').count()).toBe(0);
  expect((await headless.station.core.handle('packing:view', undefined)).alert).toBeNull();
  const afterAck = await count(page, WRONG.hz);
  await new Promise((r) => setTimeout(r, 2_500));
  expect(await count(page, WRONG.hz)).toBe(afterAck);

  // The same wrong item again is a new alert; the command barcode acknowledges it too.
  await world.scanner.scan(NOT_IN_PICKING);
  await expect.poll(() => count(page, WRONG.hz)).toBeGreaterThan(afterAck);
  await world.scanner.scan('O-BTN.ack');
  await expect.poll(() => byTestId('alert-flash').count()).toBe(0);

  // Muted: the flash still shows, nothing sounds.
  await byTestId('sound-mute').click();
  await expect.poll(async () => (await headless.station.core.handle('ui:settings', undefined)).feedback.muted).toBe(true);
  const beforeMuted = (await played(page)).length;
  await world.scanner.scan(NOT_IN_PICKING);
  await expect.poll(() => byTestId('alert-flash').getAttribute('data-kind')).toBe('wrongItem');
  await new Promise((r) => setTimeout(r, 500));
  expect((await played(page)).length).toBe(beforeMuted);
  await page.keyboard.press('F9');
  await byTestId('sound-mute').click();

  // The volume set at the station is kept by the station: a reload shows it again.
  await byTestId('sound-volume').fill('30');
  await expect.poll(async () => (await headless.station.core.handle('ui:settings', undefined)).feedback).toEqual({ volume: 0.3, muted: false });
  await page.reload();
  await expect.poll(() => byTestId('sound-volume').inputValue()).toBe('30');

  // The rest of the picking: the parcel closes on its weight, the label prints; each has its own notes.
  await page.keyboard.press('F9');
  for (const item of order!.lines) {
    const already = item === line ? 1 : 0;
    for (let i = already; i < item.quantity; i += 1) await world.scanner.scan(item.barcode);
  }
  await expect.poll(() => byTestId('state-message').getAttribute('data-state')).toBe('weighing');
  const expected = (await headless.station.core.handle('packing:view', undefined)).expectedWeightG ?? 1000;
  world.scale.setWeight(Math.round(expected), { stable: true });
  await expect.poll(() => count(page, PARCEL.hz)).toBe(1);
  await expect.poll(() => count(page, PRINTED.hz), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => byTestId('state-message').getAttribute('data-state')).toBe('done');

  // No mouse: F4 opens the reprint form with the reason field focused, Escape closes it, Enter answers it.
  await page.keyboard.press('F4');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('audit-reason');
  await page.keyboard.press('Escape');
  await expect.poll(() => byTestId('reprint-form').count()).toBe(0);
  await page.keyboard.press('F4');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('audit-reason');
  // Typed at a person's pace: a burst this fast would be a keyboard-wedge scan.
  await page.keyboard.type('Label damaged', { delay: 60 });
  await page.keyboard.press('Enter');
  await expect.poll(() => byTestId('reprint-form').count()).toBe(0);
  await expect.poll(() => count(page, PRINTED.hz), { timeout: 15_000 }).toBe(2);
  expect(world.printer.labelCount()).toBe(2);
}, 90_000);
