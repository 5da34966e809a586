/** Lots and serials through Odoo's JSON-RPC: read with the picking, set on the move lines by putInPack. */
import { describe, expect, it } from 'vitest';
import type { Parcel, ParcelItem } from '../../../app/domain/parcel.schema';
import type { Picking } from '../../../app/domain/picking.schema';
import type { OdooSandbox } from '../../../sync/sim/odoo/odoo-sandbox.sim';
import type { SandboxVersion } from '../../../sync/sim/odoo/stock-models.sim';
import { rejection, world } from './odoo-world';

const LOT_A = 'LOT-2024-A';
const LOT_B = 'LOT-2024-B';

/** Done quantity per "package index/lot" over the picking's move lines, as Odoo ends up with them. */
function doneByLot(sandbox: OdooSandbox, pickingId: number): Record<string, number> {
  const view = sandbox.picking(pickingId);
  const packages = view.packages.map((p) => p.id);
  const out: Record<string, number> = {};
  for (const line of view.moveLines) {
    const qty = Number(sandbox.version === 16 ? line.qty_done : line.picked ? line.quantity : 0);
    if (qty <= 0) continue;
    const pkg = Array.isArray(line.result_package_id) ? packages.indexOf(line.result_package_id[0] as number) + 1 : 0;
    const lot = Array.isArray(line.lot_id) ? String(line.lot_id[1]) : `name:${String(line.lot_name)}`;
    out[`${pkg}/${lot}`] = (out[`${pkg}/${lot}`] ?? 0) + qty;
  }
  return out;
}

async function trackedPicking(version: SandboxVersion, smsWizard = false) {
  const { sandbox, gateway } = await world(version, { smsWizard });
  const [seeded] = sandbox.createPickings(1, { tracked: true });
  const picking = (await gateway.findPicking(seeded!.name))!;
  const [beans, scanner] = picking.lines as [Picking['lines'][number], Picking['lines'][number]];
  const parcel = (index: number, items: ParcelItem[]): Parcel => ({ pickingId: picking.id, index, items, packageTypeId: null, weightG: 1000 * index });
  const lots = (quantities: [string, number][]): ParcelItem => ({
    moveId: beans.moveId, productId: beans.productId, quantity: quantities.reduce((sum, [, q]) => sum + q, 0),
    lots: quantities.map(([name]) => name), lotQuantities: quantities.map(([name, quantity]) => ({ name, quantity })),
  });
  const serials = (quantity: number, names: string[]): ParcelItem => ({
    moveId: scanner.moveId, productId: scanner.productId, quantity, ...(names.length > 0 ? { serials: names } : {}),
  });
  return { sandbox, gateway, picking, beans, scanner, parcel, lots, serials };
}

describe.each([16, 17, 18, 19] as const)('lots and serials on Odoo %i', (version) => {
  it('reads the reserved lots, packs two parcels by lot and serial (idempotently) and validates', async () => {
    const { sandbox, gateway, picking, beans, scanner, parcel, lots, serials } = await trackedPicking(version, true);
    expect(beans).toMatchObject({ tracking: 'lot', quantity: 3, lots: [{ name: LOT_A, quantity: 2 }, { name: LOT_B, quantity: 1 }] });
    expect(scanner).toMatchObject({ tracking: 'serial', quantity: 2, lots: [{ name: 'SN-X1-0001', quantity: 1 }, { name: 'SN-X1-0002', quantity: 1 }] });
    // Untracked pickings carry no lots.
    const [plain] = sandbox.createPickings(1);
    expect((await gateway.findPicking(plain!.name))!.lines.every((l) => l.tracking === 'none' && l.lots?.length === 0)).toBe(true);

    const p1 = parcel(1, [lots([[LOT_A, 1], [LOT_B, 1]]), serials(1, ['SN-X1-0002'])]);
    const pack1 = await gateway.putInPack(p1);
    const ops = sandbox.operations().length;
    expect(await gateway.putInPack(p1)).toEqual(pack1);
    expect(sandbox.operations()).toHaveLength(ops);
    // The second scanner was scanned by its product barcode: Odoo's remaining reservation gives its serial.
    await gateway.putInPack(parcel(2, [lots([[LOT_A, 1]]), serials(1, [])]));
    await gateway.validate(picking.id);

    expect(sandbox.picking(picking.id).state).toBe('done');
    expect(doneByLot(sandbox, picking.id)).toEqual({
      [`1/${LOT_A}`]: 1, [`1/${LOT_B}`]: 1, '1/SN-X1-0002': 1,
      [`2/${LOT_A}`]: 1, '2/SN-X1-0001': 1,
    });
  });

  it('puts a lot Odoo did not reserve on the line as the existing stock.lot, and more units of a lot than reserved', async () => {
    const { sandbox, gateway, picking, parcel, lots, serials } = await trackedPicking(version);
    await gateway.putInPack(parcel(1, [lots([[LOT_B, 3]]), serials(2, ['SN-X1-0050'])]));
    await gateway.validate(picking.id);
    expect(sandbox.picking(picking.id).state).toBe('done');
    expect(doneByLot(sandbox, picking.id)).toEqual({ [`1/${LOT_B}`]: 3, '1/SN-X1-0050': 1, '1/SN-X1-0001': 1 });
  });

  it('writes an unknown lot as lot_name, which Odoo refuses to validate on a delivery (REJECTED, nothing invented)', async () => {
    const { sandbox, gateway, picking, parcel, lots, serials } = await trackedPicking(version);
    await gateway.putInPack(parcel(1, [lots([['LOT-UNKNOWN', 3]]), serials(2, [])]));
    expect(doneByLot(sandbox, picking.id)).toMatchObject({ '1/name:LOT-UNKNOWN': 3 });
    const error = await rejection(gateway.validate(picking.id));
    expect(error.code).toBe('REJECTED');
    expect(error.message).toContain('You need to supply a Lot/Serial Number');
    expect(sandbox.picking(picking.id).state).toBe('assigned');
  });
});
