/**
 * The ledger owns a picking's progress. Parcel 1 of a two-parcel picking is packed, labelled and printed; then the
 * agent is killed -9 (or the packer cancels); the picking is scanned again: the station continues at parcel 2 with
 * the units already packed counted, and Odoo ends with exactly two packages, two labels bought, two printed.
 * Real parts: the agent as a child process, simulated scale/scanner/printer over TCP, Odoo and carrier sandboxes.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { PackingView } from '../../app/domain';
import { startDemoWorld, type DemoWorld } from '../../main/demo/demo.world';
import type { DemoOrder } from '../../main/demo/simulated-packer';
import { waitUntil } from '../../main/demo/wait-for';
import { agentStatus, agentView, killAgent, pollUntil, startAgent, type AgentProcess } from '../support/agent-process';

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(): Promise<{ world: DemoWorld; order: DemoOrder; configFile: string }> {
  const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0 });
  cleanups.push(world.close);
  const configFile = join(mkdtempSync(join(tmpdir(), 'station-resume-')), 'station.json');
  writeFileSync(configFile, JSON.stringify({ ...world.config, ui: { host: '127.0.0.1', port: 0 } }));
  const [order] = world.odoo.createPickings(1, { linesPerPicking: 2 }) as DemoOrder[];
  return { world, order: order!, configFile };
}

const view = (agent: AgentProcess, ok: (v: PackingView) => boolean, what: string) => pollUntil(() => agentView(agent.url), ok, what);
const scannedUnits = (v: PackingView) => (v.picking?.lines ?? []).reduce((sum, line) => sum + line.scanned, 0);
const totalUnits = (order: DemoOrder) => order.lines.reduce((sum, line) => sum + line.quantity, 0);

/**
 * Once the parcel waits for its weight: the box is on the scale. The previous box stays on the platter until then,
 * as at a real bench: the station must not take its weight for this parcel (return to zero, also after a restart).
 */
async function weigh(world: DemoWorld, agent: AgentProcess): Promise<void> {
  const weighing = await view(agent, (v) => v.state.startsWith('weighing'), 'the parcel to close');
  await new Promise((r) => setTimeout(r, 300));
  expect((await agentView(agent.url)).state).toMatch(/^weighing/);
  world.scale.setWeight(0, { stable: true });
  await new Promise((r) => setTimeout(r, 150));
  world.scale.setWeight(Math.round((weighing.expectedWeightG ?? 500) + 3), { stable: true });
}

/** Parcel 1 holds one unit of the first line: scan it, close the parcel, weigh, wait for its label to print. */
async function packFirstParcel(world: DemoWorld, order: DemoOrder, agent: AgentProcess): Promise<void> {
  await world.scanner.scan(order.name);
  await view(agent, (v) => v.state.startsWith('packing'), 'the picking to load');
  await world.scanner.scan(order.lines[0]!.barcode);
  await view(agent, (v) => scannedUnits(v) === 1, 'the first unit');
  await world.scanner.scan('O-BTN.pack');
  await weigh(world, agent);
  await view(agent, (v) => v.state.startsWith('packing') && v.picking?.parcelIndex === 2, 'parcel 1 printed, parcel 2 open');
  expect(world.printer.jobs()).toHaveLength(1);
}

/** Rescans the picking: it must come back at parcel 2 with the unit of parcel 1 counted; packs the rest. */
async function resumeAndFinish(world: DemoWorld, order: DemoOrder, agent: AgentProcess): Promise<void> {
  await world.scanner.scan(order.name);
  const resumed = await view(agent, (v) => v.state.startsWith('packing') && v.picking !== null, 'the picking to load again');
  expect(resumed.picking?.parcelIndex).toBe(2);
  expect(scannedUnits(resumed)).toBe(1);
  for (const line of order.lines) {
    const left = line === order.lines[0] ? line.quantity - 1 : line.quantity;
    for (let i = 0; i < left; i += 1) await world.scanner.scan(line.barcode);
  }
  await weigh(world, agent);
  await view(agent, (v) => v.state.startsWith('done'), 'the picking to finish');
  await waitUntil(() => world.odoo.picking(order.id).state === 'done', 30_000, 'validation in Odoo');
  await pollUntil(() => agentStatus(agent.url), (s) => s.sync.every((t) => t.depth === 0), 'the outbox to drain');
}

function expectTwoParcelsOnce(world: DemoWorld, order: DemoOrder): void {
  const odoo = world.odoo.picking(order.id);
  expect(odoo.packages).toHaveLength(2);
  const purchases = world.carrier.purchases();
  expect(purchases).toHaveLength(2);
  expect(odoo.carrier_tracking_ref).toBe(purchases.map((p) => p.trackingCode).join(','));
  expect(odoo.attachments).toHaveLength(2);
  expect(world.printer.jobs()).toHaveLength(2);
  expect(totalUnits(order)).toBeGreaterThanOrEqual(2);
}

it('kill -9 after parcel 1 of 2, restart, rescan: parcel 2 continues and Odoo ends with exactly two packages', async () => {
  const { world, order, configFile } = await setUp();
  const first = await startAgent(configFile, children);
  await packFirstParcel(world, order, first);
  await killAgent(first);

  const second = await startAgent(configFile, children);
  await resumeAndFinish(world, order, second);
  expectTwoParcelsOnce(world, order);
});

it('cancel after a recorded parcel, then rescan: the same two parcels, nothing packed or bought twice', async () => {
  const { world, order, configFile } = await setUp();
  const agent = await startAgent(configFile, children);
  await packFirstParcel(world, order, agent);
  await world.scanner.scan('O-BTN.cancel');
  await view(agent, (v) => v.state === 'idle', 'the station to drop the picking');

  await resumeAndFinish(world, order, agent);
  expectTwoParcelsOnce(world, order);
});
