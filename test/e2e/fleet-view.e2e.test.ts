/**
 * The fleet view in Chromium against a real hub (PGlite in a temp dir, HTTP and socket.io on loopback) and real
 * `station run` processes linked to it (each on its own simulated scale, scanner and Zebra, Odoo and carrier
 * sandboxes): a supervisor logs in, sees every station, watches a scan and a printer fault arrive live, sees a killed
 * station go offline and raise an alert, pauses a station (the station itself reports the pause with who and why),
 * discards a dead letter with a reason, reads its diagnostics and its audit, and a command to the offline station is refused as such; a viewer gets no
 * command buttons; an admin issues a token (shown once) and revokes another.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startDemoWorld } from '../../main/demo/demo.world';
import { closeStationDb, openStationDb } from '../../sync/db/station-db';
import { OutboxStore } from '../../sync/outbox/outbox.store';
import { startHub, type RunningHub } from '../../main/hub/hub.host';
import { resolveHubConfig } from '../../main/hub/hub-config';
import { agentStatus, agentView, killAgent, pollUntil, startAgent, type AgentProcess } from '../support/agent-process';
import { launchChromium, screenshotOnFailure } from '../support/chromium';
import { cleanupAfterEach } from '../support/cleanup';
import { realClock } from '../support/real-clock';

const cleanups = cleanupAfterEach();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A station process on its own demo world, linked to the hub with a token the hub issued. */
async function startStation(hub: RunningHub, stationId: string, dir: string) {
  const token = await hub.store.tokens.issue(stationId, Date.now());
  const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0, stationId, dataDir: join(dir, stationId) });
  cleanups.push(world.close);
  const configFile = join(dir, `${stationId}.json`);
  await writeFile(configFile, JSON.stringify({ ...world.config, ui: { host: '127.0.0.1', port: 0 }, hub: { url: hub.url } }));
  const agent: AgentProcess = await startAgent(configFile, children, { STATION_HUB_TOKEN: token });
  await pollUntil(() => agentStatus(agent.url), (s) => s.hub?.connected === true, `${stationId}'s hub link`, 30_000);
  return { world, agent };
}

it('login, live rows from real stations, an offline station and its alert, a pause with its audit, a viewer, token admin', async (ctx) => {
  const dir = await mkdtemp(join(tmpdir(), 'fleet-view-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const config = resolveHubConfig({ hubId: 'hub-e2e', dataDir: join(dir, 'hub'), listen: { port: 0 }, commandTimeoutMs: 5000, alerts: { offlineMinutes: 0.001 } }, dir, {});
  const hub = await startHub(config, { env: {} });
  cleanups.push(hub.stop);
  await hub.store.users.put('sam', 'correct horse battery', 'supervisor', Date.now());
  const [bench1, bench2] = await Promise.all([startStation(hub, 'bench-01', dir), startStation(hub, 'bench-02', dir)]);
  // bench-03 has a token but never connects.
  const bench3Token = await hub.store.tokens.issue('bench-03', Date.now());

  const chromium = await launchChromium({ viewport: { width: 1440, height: 1000 } });
  cleanups.push(chromium.close);
  const { page } = chromium;
  ctx.onTestFailed(async () => void (await screenshotOnFailure(page, 'e2e-fleet-view-failed')));
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const byTestId = (id: string) => page.getByTestId(id);
  const rowAttr = (id: string, attr: string) => byTestId(`fleet-row-${id}`).getAttribute(attr);
  const rowShift = (id: string, attr: string) => byTestId(`fleet-shift-${id}`).getAttribute(attr);

  await page.goto(hub.url);
  await byTestId('login-username').fill('sam');
  await byTestId('login-password').fill('wrong');
  await byTestId('login-submit').click();
  await expect.poll(() => byTestId('login-error').textContent()).toContain('wrong username or password');
  await byTestId('login-password').fill('correct horse battery');
  await byTestId('login-submit').click();
  await expect.poll(() => byTestId('me-role').textContent(), { timeout: 10_000 }).toBe('supervisor');
  await expect.poll(() => byTestId('live-state').getAttribute('data-live'), { timeout: 10_000 }).toBe('open');

  // Every station; the one that never connected first (problems first), shown offline.
  await expect.poll(() => byTestId('fleet-station-count').textContent(), { timeout: 10_000 }).toBe('3');
  expect(await byTestId('fleet-online-count').textContent()).toBe('2');
  expect(await rowAttr('bench-03', 'data-online')).toBe('false');
  expect(await byTestId('fleet-since-bench-03').textContent()).toBe('never connected');
  expect(await page.locator('[data-testid^="fleet-row-"]').first().getAttribute('data-testid')).toBe('fleet-row-bench-03');
  await expect.poll(() => byTestId('fleet-machine-bench-01').textContent(), { timeout: 10_000 }).toContain('idle');
  expect(await rowAttr('bench-01', 'data-online')).toBe('true');

  // Live: bench-01 packs a picking up to its label while its printer is out of paper; every step reaches the row.
  const [order] = bench1.world.odoo.createPickings(1) as { name: string; lines: { barcode: string; quantity: number }[] }[];
  bench1.world.printer.setFault('paper_out');
  await bench1.world.scanner.scan(order!.name);
  await expect.poll(() => byTestId('fleet-picking-bench-01').textContent(), { timeout: 15_000 }).toBe(order!.name);
  for (const line of order!.lines) for (let i = 0; i < line.quantity; i += 1) await bench1.world.scanner.scan(line.barcode);
  const weighing = await pollUntil(() => agentView(bench1.agent.url), (v) => v.state === 'weighing', 'bench-01 weighing');
  bench1.world.scale.setWeight(Math.round((weighing.expectedWeightG ?? 500) + 3), { stable: true });
  await expect.poll(() => byTestId('fleet-devices-bench-01-printer').getAttribute('data-state'), { timeout: 15_000 }).toBe('fault');
  expect(await byTestId('fleet-machine-bench-01').textContent()).toContain('Paper out');
  expect(await rowAttr('bench-01', 'data-severity')).toBe('error');
  // Paper loaded: the label prints, and the hub's ledger counts it (labels in the last hour, the chart after a reload).
  bench1.world.printer.setFault(null);
  await expect.poll(() => byTestId('fleet-devices-bench-01-printer').getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
  await expect.poll(() => byTestId('fleet-labels-hour-bench-01').textContent(), { timeout: 20_000 }).toBe('1');
  // Its report carries the shift's figures (read again within seconds of a record): parcels per hour in the grid.
  await expect.poll(async () => Number(await rowShift('bench-01', 'data-parcels-per-hour')), { timeout: 20_000 }).toBeGreaterThan(0);
  expect(await byTestId('fleet-shift-bench-02').textContent()).toMatch(/0\.0 parcels\/h · 0\.0 pickings\/h/);

  // An event Odoo cannot apply (its picking is gone there), written by another process on bench-01's database: the
  // station's engine dead-letters it and the row counts it.
  const db = openStationDb(join(bench1.world.config.dataDir, 'station.db'));
  cleanups.push(() => closeStationDb(db));
  new OutboxStore(db, realClock).enqueue('odoo', 'picking:99999', { type: 'picking.validate', pickingId: 99_999 });
  await expect.poll(() => byTestId('fleet-dead-bench-01').textContent(), { timeout: 20_000 }).toBe('1');

  // A station process dies: its row turns offline live; the filter finds it; the snapshot then carries its alert.
  await killAgent(bench2.agent);
  await expect.poll(() => rowAttr('bench-02', 'data-online'), { timeout: 15_000 }).toBe('false');
  await byTestId('fleet-filter').fill('offline bench-02');
  await expect.poll(() => page.locator('[data-testid^="fleet-row-"]').count()).toBe(1);
  await byTestId('fleet-filter').fill('');
  await page.reload();
  await expect.poll(() => byTestId('alert-offline-bench-02').textContent(), { timeout: 10_000 }).toContain('Station offline');
  await expect.poll(() => page.locator('[data-testid^="chart-parcels-"][data-total="1"]').count(), { timeout: 10_000 }).toBe(1);

  // bench-01's detail: its shift, per packer (sign-in off: the station itself packed), as its report carried it.
  await byTestId('open-station-bench-01').click();
  await expect.poll(() => byTestId('shift-station-pickings').textContent(), { timeout: 20_000 }).toBe('1');
  expect(await byTestId('shift-station-parcels').textContent()).toBe('1');
  expect(await byTestId('shift-packer-station:bench-01-parcels').textContent()).toBe('1');
  expect(await byTestId('shift-station-median').textContent()).toMatch(/\d+ (s|min)$/);

  // Pause bench-01 with a reason: the station reports the pause itself (who and why), the audit lists the command.
  await byTestId('pause-station').click();
  expect(await byTestId('pause-form-submit').isDisabled()).toBe(true);
  await byTestId('pause-form-reason').fill('printer out of labels');
  await byTestId('pause-form-submit').click();
  await expect.poll(() => byTestId('command-outcome').getAttribute('data-ok'), { timeout: 10_000 }).toBe('true');
  await expect.poll(() => rowAttr('bench-01', 'data-paused'), { timeout: 10_000 }).toBe('true');
  expect(await byTestId('detail-paused').textContent()).toMatch(/by sam .*printer out of labels/);
  const pauses = page.locator('[data-testid^="audit-"][data-action="command:station.pause"]');
  await expect.poll(() => pauses.count(), { timeout: 10_000 }).toBe(1);
  expect(await pauses.getAttribute('data-outcome')).toBe('ok');
  expect(await pauses.textContent()).toContain('sam');

  // The dead letter discarded from the detail, a reason required; the station's next report has none.
  const [letter] = (await agentStatus(bench1.agent.url)).deadLetters;
  await byTestId(`detail-dead-discard-${letter!.id}`).click();
  expect(await byTestId(`discard-form-${letter!.id}-submit`).isDisabled()).toBe(true);
  await byTestId(`discard-form-${letter!.id}-reason`).fill('picking deleted in Odoo');
  await byTestId(`discard-form-${letter!.id}-submit`).click();
  await expect.poll(() => byTestId('fleet-dead-bench-01').textContent(), { timeout: 15_000 }).toBe('0');
  expect(await byTestId('command-outcome').getAttribute('data-kind')).toBe('dead-letters.discard');
  expect(await byTestId('command-outcome').getAttribute('data-ok')).toBe('true');

  // Diagnostics: the station's own bundle, shown readably with its log.
  await byTestId('diagnostics-request').click();
  await expect.poll(() => byTestId('diagnostics-version').textContent(), { timeout: 10_000 }).toMatch(/\d+\.\d+/);
  expect(await byTestId('diagnostics-logs').count()).toBe(1);
  await page.screenshot({ path: 'test-results/e2e-fleet-view.png', fullPage: true });

  // A command to the offline station: refused as offline, and audited as failed.
  await byTestId('open-station-bench-02').click();
  await byTestId('pause-station').click();
  await byTestId('pause-form-reason').fill('end of shift');
  await byTestId('pause-form-submit').click();
  await expect.poll(() => byTestId('command-outcome').textContent(), { timeout: 10_000 }).toContain('Station offline');
  await expect.poll(() => pauses.getAttribute('data-outcome'), { timeout: 10_000 }).toBe('failed');

  // Resume bench-01 again from its detail; then sign out.
  await byTestId('open-station-bench-01').click();
  await byTestId('resume-station').click();
  await expect.poll(() => rowAttr('bench-01', 'data-paused'), { timeout: 10_000 }).toBe('false');
  await byTestId('logout').click();
  await byTestId('login-form').waitFor();

  // A viewer sees the same fleet but no command; the audit is not theirs to read.
  const signIn = async (username: string, password: string) => {
    await byTestId('login-username').fill(username);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await expect.poll(() => byTestId('me').textContent(), { timeout: 10_000 }).toContain(username);
  };
  await hub.store.users.put('vic', 'just looking around', 'viewer', Date.now());
  await signIn('vic', 'just looking around');
  await byTestId('open-station-bench-01').click();
  await byTestId('station-detail').waitFor();
  for (const id of ['pause-station', 'resume-station', 'diagnostics-request', 'station-audit']) expect(await byTestId(id).count()).toBe(0);
  expect(await byTestId('tab-admin').count()).toBe(0);
  await byTestId('logout').click();

  // An admin issues a token for a new station (shown once) and revokes the one never used.
  await hub.store.users.put('ada', 'admin of the floor', 'admin', Date.now());
  await signIn('ada', 'admin of the floor');
  await byTestId('tab-admin').click();
  await byTestId('token-new-station').fill('bench-04');
  await byTestId('token-issue-new').click();
  await expect.poll(() => byTestId('new-token').getAttribute('data-station'), { timeout: 10_000 }).toBe('bench-04');
  const token = (await byTestId('new-token-value').textContent()) ?? '';
  expect(await hub.store.tokens.verify('bench-04', token)).toBe('ok');
  await byTestId('token-revoke-bench-03').click();
  await expect.poll(() => byTestId('token-state-bench-03').textContent(), { timeout: 10_000 }).toContain('revoked');
  expect(await hub.store.tokens.verify('bench-03', bench3Token)).toBe('TOKEN_REVOKED');
  expect(consoleErrors.filter((m) => m.includes('Content Security Policy'))).toEqual([]);
  expect(pageErrors).toEqual([]);
}, 120_000);
