/**
 * The fleet view's exception queues in Chromium against a real hub (PGlite in a temp dir, the built fleet view, its
 * strict CSP): a supervisor sees the queues with their counts, opens one, resolves two exceptions at once with a note,
 * ignores one with a reason, reads an exception's history and its shipment's trail, exports the filter as CSV and
 * reads its rows back, and asks for a reconciliation run that the runs list then shows; a viewer sees all and acts on none.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { ExceptionFinding, HubException } from '../../app/recon/exception.schema';
import { resolveHubConfig } from '../../main/hub/hub-config';
import { startHub } from '../../main/hub/hub.host';
import { launchChromium, screenshotOnFailure } from '../support/chromium';
import { cleanupAfterEach } from '../support/cleanup';
import { parseCsv } from '../support/parse-csv';

const cleanups = cleanupAfterEach();

const finding = (n: number, over: Partial<ExceptionFinding> = {}): ExceptionFinding => ({
  key: `weight_variance:shp_${n}`,
  kind: 'weight_variance',
  severity: 'warning',
  source: 'reconciliation',
  stationId: 'bench-01',
  pickingId: 200 + n,
  pickingName: `WH/OUT/00${200 + n}`,
  shipmentId: `shp_${n}`,
  trackingCode: `9400100${n}`,
  detail: `billed ${900 + n} g, weighed 500 g`,
  amounts: { unit: 'g', expected: 500, actual: 900 + n, difference: 400 + n },
  suggestedAction: { code: 'dispute_adjustment', text: 'Dispute the adjustment' },
  ...over,
});

it('queues with counts, bulk resolve with a note, ignore with a reason, history and trail, CSV export, reconcile now', async (ctx) => {
  const dir = await mkdtemp(join(tmpdir(), 'fleet-exceptions-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const hub = await startHub(resolveHubConfig({ hubId: 'hub-exc', dataDir: join(dir, 'hub'), listen: { port: 0 } }, dir, {}), { env: {} });
  cleanups.push(hub.stop);
  const now = Date.now();
  await hub.store.users.put('sam', 'correct horse battery', 'supervisor', now);
  const raised: HubException[] = [];
  for (const n of [1, 2, 3]) raised.push(await hub.store.exceptions.raise(finding(n), 'hub', now - n * 3_600_000));
  raised.push(await hub.store.exceptions.raise(finding(4, { key: 'station_exception:bench-02:dl-7', kind: 'station_exception', severity: 'critical', source: 'station', stationId: 'bench-02', shipmentId: null, trackingCode: null, amounts: null, detail: '@printer refused the label (dead letter)', suggestedAction: { code: 'check_at_station', text: 'Check at the station' } }), 'station:bench-02', now - 600_000));
  const [w1, w2, w3, st] = raised as [HubException, HubException, HubException, HubException];

  const chromium = await launchChromium({ viewport: { width: 1440, height: 1000 } });
  cleanups.push(chromium.close);
  const { page } = chromium;
  ctx.onTestFailed(async () => void (await screenshotOnFailure(page, 'e2e-fleet-exceptions-failed')));
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const byTestId = (id: string) => page.getByTestId(id);
  const stateOf = (id: number) => byTestId(`exception-${id}`).getAttribute('data-state');

  await page.goto(hub.url);
  await byTestId('login-username').fill('sam');
  await byTestId('login-password').fill('correct horse battery');
  await byTestId('login-submit').click();
  await byTestId('tab-exceptions').click();

  // The queues: counts, the oldest open item's age, the worst severity as the tile's colour.
  await expect.poll(() => byTestId('queue-weight_variance-open').textContent(), { timeout: 10_000 }).toBe('3');
  expect(await byTestId('queue-weight_variance').getAttribute('data-severity')).toBe('warning');
  expect(await byTestId('queue-weight_variance-age').textContent()).toBe('oldest 3 h 0 min');
  expect(await byTestId('queue-station_exception').getAttribute('data-severity')).toBe('critical');
  expect(await byTestId('queue-all-open').textContent()).toBe('4');
  expect(await byTestId('queue-returned-open').textContent()).toBe('0');

  // One queue's list; two chosen and resolved together with a note (the button waits for the note).
  await byTestId('queue-weight_variance').click();
  await expect.poll(() => page.locator('tr[data-testid^="exception-"]').count(), { timeout: 10_000 }).toBe(3);
  await byTestId(`choose-${w1.id}`).check();
  await byTestId(`choose-${w2.id}`).check();
  expect(await byTestId('exceptions-chosen-count').textContent()).toBe('2 chosen');
  await byTestId('bulk-resolve').click();
  expect(await byTestId('dialog-resolve-submit').isDisabled()).toBe(true);
  await byTestId('dialog-resolve-text').fill('carrier credited the adjustment');
  await byTestId('dialog-resolve-submit').click();
  await expect.poll(() => byTestId('exceptions-outcome').textContent(), { timeout: 10_000 }).toBe('Resolve: 2 updated');
  // The list shows what is still to do; the queue's count follows.
  await expect.poll(() => page.locator('tr[data-testid^="exception-"]').count(), { timeout: 10_000 }).toBe(1);
  await expect.poll(() => byTestId('queue-weight_variance-open').textContent(), { timeout: 10_000 }).toBe('1');

  // Ignore one with a reason, from the keyboard: choose with Space, open the dialog, type, Enter.
  await byTestId(`choose-${w3.id}`).focus();
  await page.keyboard.press('Space');
  await byTestId('bulk-ignore').focus();
  await page.keyboard.press('Enter');
  await byTestId('dialog-ignore-text').waitFor();
  await page.keyboard.type('billed weight is right: the box was swapped');
  await page.keyboard.press('Enter');
  await expect.poll(() => byTestId('exceptions-outcome').textContent(), { timeout: 10_000 }).toBe('Ignore: 1 updated');
  await expect.poll(() => byTestId('queue-weight_variance-open').textContent(), { timeout: 10_000 }).toBe('0');

  // Every state: the closed ones, their reasons, one's history and its shipment's trail with sam's decision.
  await byTestId('exceptions-filter-state').selectOption('');
  await expect.poll(() => stateOf(w1.id), { timeout: 10_000 }).toBe('resolved');
  expect(await stateOf(w2.id)).toBe('resolved');
  expect(await stateOf(w3.id)).toBe('ignored');
  await byTestId(`open-exception-${w3.id}`).click();
  await expect.poll(() => byTestId('exception-detail-reason').textContent(), { timeout: 10_000 }).toBe('billed weight is right: the box was swapped');
  expect(await page.locator('[data-testid="exception-history"] tr[data-action]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).toEqual(['opened', 'ignored']);
  await expect.poll(() => page.locator('[data-testid="trail-entries"] tr[data-kind="override"]').count(), { timeout: 10_000 }).toBe(1);
  expect(await byTestId('shipment-trail').getAttribute('data-ref')).toBe('shp_3');
  expect(await byTestId('detail-actions-reopen').isDisabled()).toBe(false);
  expect(await byTestId('detail-actions-resolve').isDisabled()).toBe(true);
  await byTestId('exception-detail-close').click();

  // The CSV of the filter (this queue, any state): every row with its state and the note or reason.
  const download = page.waitForEvent('download');
  await byTestId('exceptions-csv').click();
  const file = await (await download).path();
  const [header, ...rows] = parseCsv(await readFile(file, 'utf8'));
  expect(header?.slice(0, 4)).toEqual(['id', 'kind', 'severity', 'state']);
  expect(rows.map((r) => [Number(r[0]), r[3], r[6], r[12]]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
    [w1.id, 'resolved', 'shp_1', 'carrier credited the adjustment'],
    [w2.id, 'resolved', 'shp_2', 'carrier credited the adjustment'],
    [w3.id, 'ignored', 'shp_3', 'billed weight is right: the box was swapped'],
  ]);
  expect(rows.every((r) => r[1] === 'weight_variance')).toBe(true);

  // The station's exception, whose detail a spreadsheet would take for a formula, exported from its queue guarded.
  await byTestId('queue-station_exception').click();
  await expect.poll(() => stateOf(st.id), { timeout: 10_000 }).toBe('open');
  const stationCsv = page.waitForEvent('download');
  await byTestId('exceptions-csv').click();
  const [, stationRow] = parseCsv(await readFile(await (await stationCsv).path(), 'utf8'));
  expect(stationRow?.[8]).toBe("'@printer refused the label (dead letter)");

  // Reconcile now: the run asked for appears in the runs list, asked by sam.
  await byTestId('reconcile-now').click();
  await expect.poll(() => byTestId('reconcile-asked').getAttribute('data-run'), { timeout: 10_000 }).toMatch(/^\d+$/);
  const runId = Number(await byTestId('reconcile-asked').getAttribute('data-run'));
  await expect.poll(() => byTestId(`run-${runId}`).count(), { timeout: 10_000 }).toBe(1);
  expect(['queued', 'running', 'done', 'failed']).toContain(await byTestId(`run-${runId}`).getAttribute('data-state'));
  expect(await byTestId(`run-${runId}`).textContent()).toContain('sam');
  expect((await hub.store.jobs.get(runId))?.requestedBy).toBe('sam');
  await page.screenshot({ path: 'test-results/e2e-fleet-exceptions.png', fullPage: true });

  // A viewer reads the same queues and runs, with nothing to choose and no button to act.
  await byTestId('logout').click();
  await hub.store.users.put('vic', 'just looking around', 'viewer', Date.now());
  await byTestId('login-username').fill('vic');
  await byTestId('login-password').fill('just looking around');
  await byTestId('login-submit').click();
  await byTestId('tab-exceptions').click();
  await expect.poll(() => byTestId('queue-station_exception-open').textContent(), { timeout: 10_000 }).toBe('1');
  await expect.poll(() => byTestId(`run-${runId}`).count(), { timeout: 10_000 }).toBe(1);
  for (const id of ['reconcile-now', 'bulk', 'exceptions-choose-all', `choose-${st.id}`]) expect(await byTestId(id).count(), id).toBe(0);

  expect(consoleErrors.filter((m) => m.includes('Content Security Policy'))).toEqual([]);
  expect(pageErrors).toEqual([]);
}, 120_000);
