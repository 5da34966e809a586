/**
 * Lot- and serial-tracked products end to end: the simulated scanner sends lot and serial names of an Odoo 17
 * delivery (over its serial protocol on TCP) and a GS1 serial, the station weighs, buys and prints, and Odoo's move
 * lines end with exactly the scanned lots — not the ones Odoo had reserved — on the validated picking.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoWorld } from '../../main/demo/demo.world';
import { startHeadless } from '../../main/headless/headless.host';
import { packOrder } from '../../main/demo/simulated-packer';
import { waitUntil } from '../../main/demo/wait-for';
import { silentLog } from '../../main/log';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('packing a lot- and serial-tracked picking end to end', () => {
  it('scans lot and serial names, prints the label, and Odoo validates the picking with those lots on its move lines', async () => {
    const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0, dataDir: join(mkdtempSync(join(tmpdir(), 'station-lots-')), 'data') });
    cleanups.push(world.close);
    const headless = await startHeadless(world.config, { log: silentLog() });
    cleanups.push(headless.stop);
    const [order] = world.odoo.createPickings(1, { tracked: true });
    expect(order!.lines.map((l) => l.scans)).toEqual([['LOT-2024-A', 'LOT-2024-A', 'LOT-2024-B'], ['SN-X1-0001', 'SN-X1-0002']]);

    // Not in the order Odoo reserved: lot B twice, and a serial Odoo did not reserve, in a GS1 code (01)+(21).
    const [beans, scanner] = order!.lines;
    const scans = [
      { ...beans!, scans: ['LOT-2024-B', 'LOT-2024-A', 'LOT-2024-B'] },
      { ...scanner!, scans: ['SN-X1-0002', `(01)0${scanner!.barcode}(21)SN-X1-0050`] },
    ];
    await packOrder(headless.station, world, { ...order!, lines: scans }, 0);
    await waitUntil(() => world.odoo.picking(order!.id).state === 'done', 20_000, 'validation in Odoo');

    const picking = world.odoo.picking(order!.id);
    expect(picking.packages).toHaveLength(1);
    expect(world.printer.jobs()).toHaveLength(1);
    const byLot = new Map<string, number>();
    for (const line of picking.moveLines) {
      expect(line.picked).toBe(true);
      expect(line.result_package_id).not.toBe(false);
      const lot = Array.isArray(line.lot_id) ? String(line.lot_id[1]) : 'none';
      byLot.set(lot, (byLot.get(lot) ?? 0) + Number(line.quantity));
    }
    expect(Object.fromEntries(byLot)).toEqual({ 'LOT-2024-A': 1, 'LOT-2024-B': 2, 'SN-X1-0002': 1, 'SN-X1-0050': 1 });
    await waitUntil(() => headless.station.status().sync.every((t) => t.depth === 0), 10_000, 'outbox to drain');
    expect(headless.station.status().deadLetters).toEqual([]);
  });
});
