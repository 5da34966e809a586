/**
 * Sign-in in Debian's Chromium on a headless station whose people come from the Odoo sandbox's Employees app: a badge
 * scanned on the simulated scanner signs the packer in, the supervisor panel stays locked for a packer, the packer's
 * "did it print?" answer is recorded under their name, a supervisor's badge and PIN open the panel, the same badge
 * again signs out, a badge typed into the sign-in screen's scan field signs in, and idle time signs out.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import type { DemoOrder } from '../../main/demo/simulated-packer';
import { SANDBOX_PEOPLE } from '../../sync/sim/odoo/people-models.sim';
import { cleanupAfterEach } from '../support/cleanup';
import { stationInChromium } from '../support/station-in-chromium';

vi.setConfig({ testTimeout: 120_000 });
const cleanups = cleanupAfterEach();
const { packer, supervisor } = SANDBOX_PEOPLE;
const IDLE_MINUTES = 0.25;

it('signs in by badge, gates the supervisor panel by role and PIN, records the person, signs out by badge and by idle time', async (ctx) => {
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-sign-in', {
    world: { signIn: 'required', printer: { sgd: false } },
    station: { printPolicy: { statusPollMs: 100, proofSettleMs: 300 } },
    config: (config) => ({ ...config, people: { ...config.people, idleSignOutMinutes: IDLE_MINUTES } }),
  });
  const db = new Database(join(world.config.dataDir, 'station.db'), { readonly: true });
  cleanups.push(() => void db.close());
  const sessions = () => db.prepare('SELECT person_name, role, ended_by FROM station_sessions ORDER BY id').all();
  const [order] = world.odoo.createPickings(1) as DemoOrder[];

  await page.goto(headless.openUrl);
  await byTestId('sign-in').waitFor({ timeout: 15_000 });
  expect(await byTestId('sign-in').textContent()).toContain('Scan your badge');

  // A picking scanned before anyone signed in is refused, and never reaches the packing machine.
  await world.scanner.scan(order!.name);
  await expect.poll(() => byTestId('sign-in-refusal').textContent(), { timeout: 10_000 }).toContain(`${order!.name} is not a known badge`);
  expect(headless.station.actor.getSnapshot().value).toBe('idle');

  // The cache fills from Odoo just after start: the badge works once it has.
  await expect.poll(() => db.prepare('SELECT count(*) AS n FROM people_cache').get(), { timeout: 10_000 }).toEqual({ n: 3 });
  await world.scanner.scan(packer.badge);
  await expect.poll(() => byTestId('signed-in-name').textContent(), { timeout: 10_000 }).toBe(packer.name);
  expect(await byTestId('signed-in').getAttribute('data-role')).toBe('packer');
  await byTestId('tab-supervisor').click();
  await byTestId('panel-locked').waitFor();
  await byTestId('tab-packer').click();

  // The packer packs; the printer loses the label and cannot say: the packer answers, without typing a name.
  world.printer.resetNextJob(200, { printed: false });
  await world.scanner.scan(order!.name);
  await expect.poll(() => byTestId('picking-name').textContent(), { timeout: 10_000 }).toContain(order!.name);
  for (const line of order!.lines) for (let i = 0; i < line.quantity; i += 1) await world.scanner.scan(line.barcode);
  await expect.poll(() => byTestId('state-message').getAttribute('data-state'), { timeout: 10_000 }).toBe('weighing');
  const expected = (await headless.station.core.handle('packing:view', undefined)).expectedWeightG ?? 500;
  world.scale.setWeight(Math.round(expected + 3), { stable: true });
  await expect.poll(() => byTestId('print-uncertain').isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await byTestId('audit-who').count()).toBe(0);
  await byTestId('audit-reason').fill('No label came out');
  await byTestId('print-no').click();
  await expect.poll(() => byTestId('state-message').getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
  const paulId = (await headless.station.core.handle('people:session', undefined)).person!.id;
  expect(db.prepare("SELECT who FROM print_audit WHERE action = 'confirm-not-printed'").all()).toEqual([{ who: `${packer.name} (${paulId})` }]);

  // The supervisor's badge asks the PIN (the packer stays signed in until it is right); a wrong one is refused.
  await world.scanner.scan(supervisor.badge);
  await byTestId('pin-pad').waitFor({ timeout: 10_000 });
  expect(await byTestId('pin-pad').textContent()).toContain(`PIN for ${supervisor.name}`);
  expect(await byTestId('signed-in-name').textContent()).toBe(packer.name);
  // Typed at a person's pace: the keyboard-wedge hook must leave the digits in the field.
  await byTestId('pin-input').pressSequentially('1111', { delay: 80 });
  await page.keyboard.press('Enter');
  await expect.poll(() => byTestId('sign-in-refusal').textContent(), { timeout: 10_000 }).toContain('Wrong PIN: 4 tries left.');
  await byTestId('pin-input').pressSequentially(supervisor.pin, { delay: 80 });
  await page.keyboard.press('Enter');
  await expect.poll(() => byTestId('signed-in-name').textContent(), { timeout: 10_000 }).toBe(supervisor.name);
  expect(await byTestId('pin-pad').count()).toBe(0);
  await byTestId('tab-supervisor').click();
  await expect.poll(() => byTestId('print-audit').textContent(), { timeout: 10_000 }).toContain(`${packer.name} (${paulId})`);
  await page.screenshot({ path: 'test-results/e2e-sign-in-supervisor.png' });

  // The same badge again signs out; a badge typed into the sign-in screen's field signs in.
  await world.scanner.scan(supervisor.badge);
  await byTestId('sign-in').waitFor({ timeout: 10_000 });
  await byTestId('scan-input').fill(packer.badge);
  await byTestId('scan-input').press('Enter');
  await expect.poll(() => byTestId('signed-in-name').textContent(), { timeout: 10_000 }).toBe(packer.name);

  // Nothing scanned for the idle time: signed out.
  await byTestId('sign-in').waitFor({ timeout: IDLE_MINUTES * 60_000 + 10_000 });
  expect(sessions()).toEqual([
    { person_name: packer.name, role: 'packer', ended_by: 'other-badge' },
    { person_name: supervisor.name, role: 'supervisor', ended_by: 'badge' },
    { person_name: packer.name, role: 'packer', ended_by: 'idle' },
  ]);
});
