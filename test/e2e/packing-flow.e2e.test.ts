/**
 * The whole chain through real parts: scanner and scale on socat PTYs speaking their serial protocols, the label
 * printer on a TCP socket, Odoo and the carrier platform as protocol-real HTTP sandboxes, a real SQLite file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPtyPair } from '../support/socat';
import { decodeZplBarcodes } from '../support/zpl-decode';
import { startDemoWorld, type DemoWorld } from '../../main/demo/demo.world';
import { startHeadless, type HeadlessStation } from '../../main/headless/headless.host';
import { packOrder, type DemoOrder } from '../../main/demo/simulated-packer';
import { waitForSnapshot, waitUntil } from '../../main/demo/wait-for';
import { toPackingView } from '../../app/packing/packing.view';
import { silentLog } from '../../main/log';
import type { SandboxVersion } from '../../sync/sim/odoo/stock-models.sim';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function stationOnPtys(version: SandboxVersion, protocol: 'mt-sics' | 'toledo-8217', beforeStart?: (world: DemoWorld) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'station-e2e-'));
  const scalePty = await createPtyPair(join(dir, 'scale'));
  const scannerPty = await createPtyPair(join(dir, 'scanner'));
  cleanups.push(scalePty.close, scannerPty.close);
  const world: DemoWorld = await startDemoWorld({
    odooVersion: version,
    scaleProtocol: protocol,
    uiPort: 0,
    dataDir: join(dir, 'data'),
    serial: { scalePath: scalePty.a, scaleSimPath: scalePty.b, scannerPath: scannerPty.a, scannerSimPath: scannerPty.b },
  });
  cleanups.push(world.close);
  beforeStart?.(world);
  const headless: HeadlessStation = await startHeadless(world.config, { log: silentLog() });
  cleanups.push(headless.stop);
  return { world, headless };
}

describe.each([
  [16, 'toledo-8217'],
  [17, 'mt-sics'],
  [18, 'mt-sics'],
  [19, 'toledo-8217'],
] as const)('packing a picking end to end against Odoo %i (%s scale)', (version, protocol) => {
  it('scans, weighs, buys and prints a label that scans back, and Odoo ends up validated with package, weight, tracking and label', async () => {
    const { world, headless } = await stationOnPtys(version, protocol);
    const [order] = world.odoo.createPickings(1) as DemoOrder[];
    const timing = await packOrder(headless.station, world, order!, 0);
    expect(timing.scaleToPrintedMs).toBeGreaterThan(0);

    await waitUntil(() => world.odoo.picking(order!.id).state === 'done', 20_000, 'validation in Odoo');
    const picking = world.odoo.picking(order!.id);
    const [shipment] = world.carrier.shipments();
    expect(world.carrier.purchases()).toHaveLength(1);
    expect(shipment?.trackingCode).toBeTruthy();
    expect(picking.carrier_tracking_ref).toBe(shipment!.trackingCode);
    expect(picking.packages).toHaveLength(1);
    const expectedKg = order!.lines.reduce((g, l) => g + l.unitWeightG * l.quantity, 0) / 1000;
    expect(picking.packages[0]!.shipping_weight).toBeGreaterThan(expectedKg);
    expect(picking.attachments).toHaveLength(1);
    expect(picking.attachments[0]!.name).toContain(shipment!.trackingCode);

    // The label that reached the printer renders in an independent renderer and its barcode decodes to the tracking code.
    const jobs = world.printer.jobs();
    expect(jobs).toHaveLength(1);
    const decoded = await decodeZplBarcodes(jobs[0]!);
    expect(decoded.map((b) => b.text)).toContain(shipment!.trackingCode);

    const status = headless.station.status();
    expect(status.deadLetters).toEqual([]);
    await waitUntil(() => headless.station.status().sync.every((t) => t.depth === 0), 10_000, 'outbox to drain');
  });
});

it('tells the packer what Odoo 19 refused, and does not fall back to the cached copy as if Odoo were unreachable', async () => {
  let order: DemoOrder | undefined;
  const { world, headless } = await stationOnPtys(19, 'mt-sics', (w) => {
    [order] = w.odoo.createPickings(1) as DemoOrder[];
  });
  const { station } = headless;
  await waitUntil(() => station.status().pickingCache?.lastRefreshAt != null, 10_000, 'the ready pickings to be prefetched');
  expect(station.status().pickingCache?.count).toBeGreaterThan(0);
  // The answer a real 19 gave a 16–18 client: Odoo is there and refuses the request.
  world.odoo.failNext(1, 'invalid-field', { model: 'res.partner', method: 'read' });
  await world.scanner.scan(order!.name);
  await waitForSnapshot(station.actor, (s) => s.matches('loadFailed'), 10_000, 'the load to fail');
  const { message } = toPackingView(station.actor.getSnapshot());
  expect(message).toContain("Odoo refused res.partner.read: ValueError: Invalid field 'mobile' on 'res.partner'");
  expect(message).not.toMatch(/unreachable|cached/i);
});

