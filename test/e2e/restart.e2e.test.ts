/**
 * Kill -9 the agent while business events wait in its outbox (Odoo answering 500), start it again: every event is
 * delivered once — the Odoo sandbox records each applied operation, and none is applied twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { PackingViewSchema, StationStatusSchema } from '../../app/domain';
import { startDemoWorld } from '../../main/demo/demo.world';
import { waitUntil } from '../../main/demo/wait-for';
import type { DemoOrder } from '../../main/demo/simulated-packer';

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const c of cleanups.splice(0).reverse()) await c();
});

function startAgent(configFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['main/cli/station.mjs', 'run', '--config', configFile], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, STATION_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`agent did not start: ${stderr}`)), 20_000);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /UI: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        // The printed link carries the bridge token in its fragment; the JSON endpoints hang off the origin.
        const link = new URL(m[1]!);
        tokens.set(link.origin, new URLSearchParams(link.hash.slice(1)).get('token') ?? '');
        resolve({ child, url: link.origin });
      }
    });
    child.once('exit', (code) => reject(new Error(`agent exited ${code}: ${stderr}`)));
  });
}

/** Bridge tokens by UI origin: `/api/view` names a customer, so it wants the token the agent printed. */
const tokens = new Map<string, string>();
const getJson = async (url: string) =>
  (await fetch(url, { headers: { Authorization: `Bearer ${tokens.get(new URL(url).origin) ?? ''}` } })).json() as Promise<unknown>;
const view = async (base: string) => PackingViewSchema.parse(await getJson(`${base}/api/view`));
const status = async (base: string) => StationStatusSchema.parse(await getJson(`${base}/api/status`));

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('delivers pending events exactly once after the agent is killed and restarted', async () => {
  const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0 });
  cleanups.push(world.close);
  const configFile = join(mkdtempSync(join(tmpdir(), 'station-restart-')), 'station.json');
  writeFileSync(configFile, JSON.stringify({ ...world.config, ui: { host: '127.0.0.1', port: 0 } }));
  const [order] = world.odoo.createPickings(1) as DemoOrder[];

  const first = await startAgent(configFile);
  await world.scanner.scan(order!.name);
  await until(() => view(first.url), (v) => v.state.startsWith('packing'), 'the picking to load');
  world.odoo.failNext(100_000, 'http500');
  for (const line of order!.lines) for (let i = 0; i < line.quantity; i += 1) await world.scanner.scan(line.barcode);
  const weighing = await until(() => view(first.url), (v) => v.state.startsWith('weighing'), 'the parcel to close');
  world.scale.setWeight(Math.round((weighing.expectedWeightG ?? 500) + 3), { stable: true });
  await until(() => view(first.url), (v) => v.state.startsWith('done'), 'the label to print');
  const pending = await until(
    () => status(first.url),
    (s) => (s.sync.find((t) => t.target === 'odoo')?.depth ?? 0) >= 3 && s.sync.some((t) => t.lastError !== null),
    'events to be pending behind a failing Odoo',
  );
  expect(pending.deadLetters).toEqual([]);

  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  world.odoo.failNext(0, 'http500');

  const second = await startAgent(configFile);
  await waitUntil(() => world.odoo.picking(order!.id).state === 'done', 30_000, 'validation after restart');
  await until(() => status(second.url), (s) => s.sync.every((t) => t.depth === 0), 'the outbox to drain');

  const ops = world.odoo.operations();
  const count = (method: string, model?: string) => ops.filter((o) => o.method === method && (!model || o.model === model)).length;
  expect(count('create', 'ir.attachment')).toBe(1);
  expect(count('action_put_in_pack', 'choose.delivery.package') + count('action_put_in_pack', 'stock.picking')).toBeGreaterThanOrEqual(1);
  expect(world.odoo.picking(order!.id).packages).toHaveLength(1);
  expect(world.odoo.picking(order!.id).carrier_tracking_ref).toBe(world.carrier.purchases()[0]!.trackingCode);
  expect(world.carrier.purchases()).toHaveLength(1);
  expect(world.printer.jobs()).toHaveLength(1);
});
