/**
 * The supervisor's dead letters in Chromium on the real renderer build: each letter with its picking, the error in
 * plain words and what to do; replay, discard with a required reason, replay all; every decision shown with who and why.
 */
import { beforeEach, describe, expect, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumUiPerFile } from './chromium-ui';
import { FakeStationCore, sampleDeadLetters, sampleStatus } from './station-core.fake';
import type { UiServer } from '../../../main/headless/ui.server';

// Chromium on a busy CI machine: a few clicks with their round trips can take longer than the default 5 s per test.
vi.setConfig({ testTimeout: 60_000 });

let core: FakeStationCore;
let server: UiServer;
let page: Page;

const uiTest = chromiumUiPerFile({ name: 'dead-letters-ui', core: () => new FakeStationCore() }, (ui) => {
  ({ core, server, page } = ui);
});
const byTestId = (id: string) => page.getByTestId(id);

beforeEach(async () => {
  core.status = sampleStatus();
  core.deadLetters = sampleDeadLetters();
  core.deadLetterAudit = [];
  await page.goto(server.url);
  await page.evaluate(() => localStorage.clear());
  await byTestId('tab-supervisor').click();
  await expect.poll(() => byTestId('dead-letter-count').textContent()).toBe('2');
});

describe('dead letters in the supervisor panel', () => {
  uiTest('shows each letter with its picking, event, the error in plain words and what to do', async () => {
    expect(await byTestId('dead-letter-picking-7').textContent()).toContain('WH/OUT/00040');
    expect(await byTestId('dead-letter-7').textContent()).toContain('parcel.packed');
    expect(await byTestId('dead-letter-summary-7').textContent()).toBe('Odoo refused the change (UserError): Lot "LOT-42" does not exist');
    expect(await byTestId('dead-letter-instruction-7').textContent()).toContain('Create lot LOT-42 in Odoo');
    expect(await byTestId('dead-letter-instruction-8').textContent()).toContain("Check the station's API key");
    expect(await byTestId('dead-letter-payload-8').count()).toBe(0);
    await byTestId('dead-letter-payload-toggle-8').click();
    expect(await byTestId('dead-letter-payload-8').textContent()).toContain('characters of label ZPL');
    await page.screenshot({ path: 'test-results/ui-dead-letters.png', fullPage: true });
  });

  uiTest('discard needs a reason; the decision is audited under the person signed in and shown', async () => {
    await byTestId('dead-letter-discard-7').click();
    const confirm = byTestId('dead-letter-confirm');
    expect(await byTestId('audit-who').count()).toBe(0);
    expect(await confirm.isDisabled()).toBe(true);
    await byTestId('audit-reason').fill('ok');
    expect(await confirm.isDisabled()).toBe(true);
    await byTestId('audit-reason').fill('Packed again by hand in Odoo');
    await confirm.click();
    await expect.poll(() => byTestId('dead-letter-count').textContent()).toBe('1');
    expect(await byTestId('dead-letter-7').count()).toBe(0);
    expect(await byTestId('dead-letter-decision').count()).toBe(0);
    const row = byTestId('dead-letter-audit-1');
    expect(await row.getAttribute('data-action')).toBe('discard');
    const text = await row.textContent();
    expect(text).toContain('WH/OUT/00040');
    expect(text).toContain('Station Supervisor (user:2)');
    expect(text).toContain('Packed again by hand in Odoo');
    expect(core.deadLetterAudit[0]).toMatchObject({ deadLetterId: 7, action: 'discard', who: 'Station Supervisor (user:2)', via: 'ui' });
  });

  uiTest('replay needs no reason; a refused replay says why', async () => {
    await byTestId('dead-letter-replay-8').click();
    await byTestId('dead-letter-confirm').click();
    await expect.poll(() => byTestId('dead-letter-count').textContent()).toBe('1');
    expect(await byTestId('dead-letter-audit-1').textContent()).toContain('Station Supervisor (user:2)');
    expect(await byTestId('dead-letter-audit-1').getAttribute('data-action')).toBe('replay');

    // Someone else (say, from the command line) already resolved letter 7: the core's refusal is shown, nothing breaks.
    await byTestId('dead-letter-replay-7').click();
    core.deadLetters = core.deadLetters.filter((l) => l.id !== 7);
    await byTestId('dead-letter-confirm').click();
    await expect.poll(() => byTestId('dead-letter-decision-error').textContent()).toContain('no open dead letter 7');
    await byTestId('dead-letter-cancel').click();
    expect(await byTestId('dead-letter-decision').count()).toBe(0);
  });

  uiTest('replay all replays every replayable letter of the target, audited per letter', async () => {
    await byTestId('dead-letter-replay-all-odoo').click();
    expect(await byTestId('dead-letter-decision').textContent()).toContain('Replay all 2 dead letters for Odoo');
    await byTestId('audit-reason').fill('Lots created');
    await byTestId('dead-letter-confirm').click();
    await expect.poll(() => byTestId('dead-letter-count').textContent()).toBe('0');
    expect(await byTestId('dead-letter-audit-2').getAttribute('data-action')).toBe('replay-all');
    expect(await byTestId('dead-letter-audit').textContent()).toContain('Lots created');
    expect(core.deadLetterAudit.map((e) => [e.deadLetterId, e.who])).toEqual([
      [8, 'Station Supervisor (user:2)'],
      [7, 'Station Supervisor (user:2)'],
    ]);
  });
});
