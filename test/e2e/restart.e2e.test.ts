/**
 * Kill -9 the agent while business events wait in its outbox (Odoo answering 500), start it again: every event is
 * delivered once — the Odoo sandbox records each applied operation, and none is applied twice.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startDemoWorld } from '../../main/demo/demo.world';
import { waitUntil } from '../../main/demo/wait-for';
import type { DemoOrder } from '../../main/demo/simulated-packer';
import { agentStatus, agentView, killAgent, pollUntil, startAgent } from '../support/agent-process';

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('delivers pending events exactly once after the agent is killed and restarted', async () => {
  const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0 });
  cleanups.push(world.close);
  const configFile = join(mkdtempSync(join(tmpdir(), 'station-restart-')), 'station.json');
  writeFileSync(configFile, JSON.stringify({ ...world.config, ui: { host: '127.0.0.1', port: 0 } }));
  const [order] = world.odoo.createPickings(1) as DemoOrder[];

  const first = await startAgent(configFile, children);
  await world.scanner.scan(order!.name);
  await pollUntil(() => agentView(first.url), (v) => v.state.startsWith('packing'), 'the picking to load');
  world.odoo.failNext(100_000, 'http500');
  for (const line of order!.lines) for (let i = 0; i < line.quantity; i += 1) await world.scanner.scan(line.barcode);
  const weighing = await pollUntil(() => agentView(first.url), (v) => v.state.startsWith('weighing'), 'the parcel to close');
  world.scale.setWeight(Math.round((weighing.expectedWeightG ?? 500) + 3), { stable: true });
  await pollUntil(() => agentView(first.url), (v) => v.state.startsWith('done'), 'the label to print');
  const pending = await pollUntil(
    () => agentStatus(first.url),
    (s) => (s.sync.find((t) => t.target === 'odoo')?.depth ?? 0) >= 3 && s.sync.some((t) => t.lastError !== null),
    'events to be pending behind a failing Odoo',
  );
  expect(pending.deadLetters).toEqual([]);

  await killAgent(first);
  world.odoo.failNext(0, 'http500');

  const second = await startAgent(configFile, children);
  await waitUntil(() => world.odoo.picking(order!.id).state === 'done', 30_000, 'validation after restart');
  await pollUntil(() => agentStatus(second.url), (s) => s.sync.every((t) => t.depth === 0), 'the outbox to drain');

  const ops = world.odoo.operations();
  const count = (method: string, model?: string) => ops.filter((o) => o.method === method && (!model || o.model === model)).length;
  expect(count('create', 'ir.attachment')).toBe(1);
  expect(count('action_put_in_pack', 'choose.delivery.package') + count('action_put_in_pack', 'stock.picking')).toBeGreaterThanOrEqual(1);
  expect(world.odoo.picking(order!.id).packages).toHaveLength(1);
  expect(world.odoo.picking(order!.id).carrier_tracking_ref).toBe(world.carrier.purchases()[0]!.trackingCode);
  expect(world.carrier.purchases()).toHaveLength(1);
  expect(world.printer.jobs()).toHaveLength(1);
});
