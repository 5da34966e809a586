/**
 * Lots the way Odoo's barcode app takes them, against the Odoo sandbox over real HTTP: the picking loads with the
 * lots/serials its tracked products have in stock, the station's own decision accepts one Odoo did not reserve, the
 * put-in-pack moves the reservation to it, and the validation moves its stock (16: reserved_uom_qty + qty_done; 17+:
 * quantity + picked; 19 over JSON-2).
 */
import { describe, expect, it } from 'vitest';
import type { ParcelItem } from '../../../app/domain/parcel.schema';
import type { Picking } from '../../../app/domain/picking.schema';
import { classifyScan, scanProblemMessage } from '../../../app/packing/scan-classification';
import type { OdooSandbox } from '../../../sync/sim/odoo/odoo-sandbox.sim';
import { world } from './odoo-world';

const m2oName = (value: unknown): string => (Array.isArray(value) ? String(value[1]) : 'none');

/** Each lot's quants as Odoo holds them: `location: quantity/reserved`. */
function stockOf(sandbox: OdooSandbox, lot: string): Record<string, string> {
  const [row] = sandbox.records('stock.lot', [['name', '=', lot]]);
  const quants = sandbox.records('stock.quant', [['lot_id', '=', row!.id]]);
  return Object.fromEntries(quants.map((q) => [m2oName(q.location_id), `${Number(q.quantity)}/${Number(q.reserved_quantity)}`]));
}

/** The lots on a picking's move lines with what they hold (done once validated, else reserved). */
function linesByLot(sandbox: OdooSandbox, pickingId: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of sandbox.picking(pickingId).moveLines) {
    const qty = Number(sandbox.version === 16 ? (Number(line.qty_done) || line.reserved_uom_qty) : line.quantity);
    out[m2oName(line.lot_id)] = (out[m2oName(line.lot_id)] ?? 0) + qty;
  }
  return out;
}

const item = (line: Picking['lines'][number], named: [string, number][], unnamed: number, serial: boolean): ParcelItem => ({
  moveId: line.moveId, productId: line.productId, quantity: named.reduce((t, [, q]) => t + q, unnamed),
  ...(serial ? { serials: named.map(([name]) => name) } : { lots: named.map(([name]) => name), lotQuantities: named.map(([name, quantity]) => ({ name, quantity })) }),
});

describe.each([16, 17, 18, 19] as const)('lots Odoo did not reserve, on Odoo %i', (version) => {
  it('loads the lots in stock with the picking, takes a scanned one, moves the reservation to it and validates with it', async () => {
    const { sandbox, gateway } = await world(version);
    const [seeded] = sandbox.createPickings(1, { tracked: true });
    const picking = (await gateway.findPicking(seeded!.name))!;
    const [beans, scanner] = picking.lines as [Picking['lines'][number], Picking['lines'][number]];
    expect(picking.availableLots).toContainEqual({ productId: beans.productId, name: 'LOT-2024-C', quantity: 500 });
    expect(picking.availableLots).toContainEqual({ productId: scanner.productId, name: 'SN-X1-0050', quantity: 1 });
    // The prefetch loads pickings the same way, so the cache holds the same lots.
    expect((await gateway.loadPickings([picking.id])).pickings[0]?.availableLots).toEqual(picking.availableLots);

    // The station's own decision, on what it loaded: LOT-2024-C (on WH/Stock/Shelf 1) is not reserved but in stock.
    expect(classifyScan(picking, {}, 'LOT-2024-C')).toEqual({ kind: 'item', moveId: beans.moveId, lot: 'LOT-2024-C' });
    expect(classifyScan(picking, {}, 'SN-X1-0050')).toEqual({ kind: 'item', moveId: scanner.moveId, serial: 'SN-X1-0050' });

    // Odoo reserved LOT-2024-A ×2 + LOT-2024-B; the packer took C in place of B, and SN-X1-0050 plus one by barcode.
    const parcel = { pickingId: picking.id, index: 1, packageTypeId: null, weightG: 4000, items: [item(beans, [['LOT-2024-C', 1], ['LOT-2024-A', 2]], 0, false), item(scanner, [['SN-X1-0050', 1]], 1, true)] };
    const packed = await gateway.putInPack(parcel);
    expect(stockOf(sandbox, 'LOT-2024-B')).toEqual({ 'WH/Stock': '10000/0' });
    expect(stockOf(sandbox, 'LOT-2024-C')).toEqual({ 'WH/Stock/Shelf 1': '500/1' });
    expect(stockOf(sandbox, 'SN-X1-0002')).toEqual({ 'WH/Stock': '1/0' });
    expect(stockOf(sandbox, 'SN-X1-0050')).toEqual({ 'WH/Stock': '1/1' });
    // A retry after a lost reply finds the parcel packed and writes nothing.
    const ops = sandbox.operations().length;
    expect(await gateway.putInPack(parcel)).toEqual(packed);
    expect(sandbox.operations()).toHaveLength(ops);

    await gateway.validate(picking.id);
    expect(sandbox.picking(picking.id).state).toBe('done');
    expect(linesByLot(sandbox, picking.id)).toEqual({ 'LOT-2024-A': 2, 'LOT-2024-C': 1, 'SN-X1-0001': 1, 'SN-X1-0050': 1 });
    expect(stockOf(sandbox, 'LOT-2024-C')).toEqual({ 'WH/Stock/Shelf 1': '499/0', 'Partners/Customers': '1/0' });
    expect(stockOf(sandbox, 'LOT-2024-A')).toEqual({ 'WH/Stock': '9998/0', 'Partners/Customers': '2/0' });
    expect(stockOf(sandbox, 'LOT-2024-B')).toEqual({ 'WH/Stock': '10000/0' });

    // The serial is delivered: the next picking does not offer it, and a name Odoo does not know is refused too.
    const [next] = sandbox.createPickings(1, { tracked: true });
    const second = (await gateway.findPicking(next!.name))!;
    expect(second.availableLots?.some((lot) => lot.name === 'SN-X1-0050')).toBe(false);
    expect(classifyScan(second, {}, 'SN-X1-0050')).toEqual({ kind: 'unknownBarcode' });
    expect(scanProblemMessage('unknownBarcode', second, {}, 'SN-X1-0050')).toBe(
      `Unknown lot/serial SN-X1-0050 for [FOOD_0101] Espresso Beans 1 kg / [E-COM11] Barcode Scanner X1: Odoo has no lot or serial of that name in stock here — scan another unit or a product of ${second.name}`,
    );
    expect(classifyScan(second, {}, 'LOT-2099-Z')).toEqual({ kind: 'unknownBarcode' });
  });

  it('a serial another picking reserved is taken from it at validation, which reserves that picking another one', async () => {
    const { sandbox, gateway } = await world(version);
    const [first, other] = sandbox.createPickings(2, { tracked: true });
    expect(linesByLot(sandbox, other!.id)).toMatchObject({ 'SN-X1-0003': 1, 'SN-X1-0004': 1 });
    const picking = (await gateway.findPicking(first!.name))!;
    const [beans, scanner] = picking.lines as [Picking['lines'][number], Picking['lines'][number]];
    expect(classifyScan(picking, {}, 'SN-X1-0003')).toEqual({ kind: 'item', moveId: scanner.moveId, serial: 'SN-X1-0003' });

    await gateway.putInPack({ pickingId: picking.id, index: 1, packageTypeId: null, weightG: 4000, items: [item(beans, [], 3, false), item(scanner, [['SN-X1-0003', 1], ['SN-X1-0001', 1]], 0, true)] });
    await gateway.validate(picking.id);
    expect(linesByLot(sandbox, picking.id)).toMatchObject({ 'SN-X1-0001': 1, 'SN-X1-0003': 1 });
    expect(stockOf(sandbox, 'SN-X1-0003')).toEqual({ 'Partners/Customers': '1/0', 'WH/Stock': '0/0' });
    // The other delivery still has two serials reserved, none of them the one shipped (SN-X1-0002 was freed here).
    const left = linesByLot(sandbox, other!.id);
    expect(left['SN-X1-0003']).toBeUndefined();
    expect(left).toMatchObject({ 'SN-X1-0004': 1, 'SN-X1-0002': 1 });
  });
});
