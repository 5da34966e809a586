/**
 * `station` runs from the bundle `npm run build` writes (no TypeScript compiled at start). The rest of the suite runs
 * spawned agents from source (STATION_FROM_SOURCE=1, see vitest.config.ts); this file checks the bundle itself. The
 * reconcile scenario's run is checked from source (test/integration/recon/reconcile-scenario.test.ts, with more to
 * check than its printout); here only its refusal without a hub.
 */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const fromBundle = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.STATION_FROM_SOURCE;
  return env;
};

function station(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['main/cli/station.mjs', ...args], { cwd: ROOT, env: fromBundle(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

beforeAll(() => {
  execFileSync('npm', ['run', 'build:cli', '--silent'], { cwd: ROOT, stdio: 'pipe' });
}, 60_000);

it('station help answers from the bundle without loading the agent', async () => {
  const { code, stdout } = await station(['help']);
  expect(code).toBe(0);
  expect(stdout).toContain('station run --config <station.json>');
});

it('the demo packs an order end to end from the bundle and prints the tokenised UI link and the time to ready', async () => {
  const { code, stdout, stderr } = await station(['demo', '--orders', '1', '--exit']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout).toMatch(/UI: +http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}\n/);
  expect(stdout).toMatch(/ready in \d+ ms/);
}, 60_000);

it('the hub demo runs two stations against a hub and exits 0 on the hub\'s own records of both stations and their pickings', async () => {
  const { code, stdout, stderr } = await station(['demo', '--hub', '--stations', '2', '--orders', '1', '--exit']);
  expect(stderr).toBe('');
  expect(stdout).toMatch(/fleet view: http:\/\/127\.0\.0\.1:\d+\/ {3}sign in as admin \/ [A-Za-z0-9_-]{16}\n/);
  expect(stdout).toMatch(/demo-station-2: http:\/\/127\.0\.0\.1:\d+\/#token=/);
  expect(stdout).toMatch(/OK: the hub's records show 2\/2 stations online and 2\/2 pickings validated \(10 ledger facts\)/);
  expect(code).toBe(0);
}, 90_000);

it('the demo refuses --reconcile-scenario without --hub', async () => {
  const { code, stderr } = await station(['demo', '--reconcile-scenario', '--exit']);
  expect(code).toBe(1);
  expect(stderr).toContain('--reconcile-scenario needs --hub');
});

it('the demo refuses --stations without --hub', async () => {
  const { code, stderr } = await station(['demo', '--stations', '2', '--exit']);
  expect(code).toBe(1);
  expect(stderr).toContain('--stations needs --hub');
});
