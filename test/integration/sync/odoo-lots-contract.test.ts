/**
 * Opt-in contract test against a REAL Odoo (16–19; never in CI): the lot Odoo reserved is not the one the packer
 * took. A new lot-tracked product with stock in ACC-LOT-1 and ACC-LOT-2, a delivery of one unit for which Odoo
 * reserves ACC-LOT-1; the station loads it (with the lots in stock), its own scan decision takes ACC-LOT-2, its
 * put-in-pack moves the reservation, and its validation ships ACC-LOT-2 — checked by reading Odoo's move lines and
 * quants. It changes the database (a product, two lots, stock, a done delivery): use a throwaway copy. Run (README):
 *   ODOO_URL=http://127.0.0.1:18069 ODOO_DB=odoo18 ODOO_LOGIN=admin ODOO_API_KEY=admin npx vitest run test/integration/sync/odoo-lots-contract.test.ts
 * (19: the API key of /work/odoo-real/apikey19.txt, over JSON-2).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Parcel, Picking } from '../../../app/domain';
import { addScan, parcelItems } from '../../../app/packing/current-parcel';
import type { CountsByMove, TrackedScan } from '../../../app/packing/packing.types';
import { classifyScan } from '../../../app/packing/scan-classification';
import type { OdooExec } from '../../../sync/odoo/odoo-exec';
import { OdooJsonRpcGateway } from '../../../sync/odoo/odoo.gateway';

const env = { url: process.env.ODOO_URL, db: process.env.ODOO_DB, login: process.env.ODOO_LOGIN ?? 'admin', apiKey: process.env.ODOO_API_KEY };
const configured = Boolean(env.url && env.db && env.apiKey);
const TITLE = configured ? `lots on a real Odoo at ${env.url ?? ''} (${env.db ?? ''})` : 'real Odoo lots contract — skipped: set ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_API_KEY to run it';

const m2o = z.union([z.tuple([z.number(), z.string()]), z.literal(false)]);
const Id = z.union([z.number(), z.array(z.number()).length(1).transform(([id]) => id!)]);
const rows = <T extends z.ZodRawShape>(shape: T) => z.array(z.object({ id: z.number(), ...shape }));

/** A lot-tracked storable product with `units` of each lot on `location`, put there by inventory adjustment. */
async function productWithLots(odoo: OdooExec, location: number, lots: [string, number][]): Promise<{ productId: number; lotIds: Map<string, number> }> {
  const storable = odoo.major >= 18 ? { type: 'consu', is_storable: true } : { type: 'product' };
  const productId = Id.parse(await odoo.call('product.product', 'create', [{ name: `Station lot contract ${Date.now()}`, tracking: 'lot', weight: 0.5, ...storable }]));
  const lotIds = new Map<string, number>();
  for (const [name, units] of lots) {
    const lotId = Id.parse(await odoo.call('stock.lot', 'create', [{ name, product_id: productId }]));
    lotIds.set(name, lotId);
    // Inventory mode applies the counted quantity at once (stock.quant create with inventory_quantity_auto_apply).
    await odoo.call('stock.quant', 'create', [{ product_id: productId, location_id: location, lot_id: lotId, inventory_quantity_auto_apply: units }], { context: { inventory_mode: true } });
  }
  return { productId, lotIds };
}

/** A confirmed, reserved delivery of `units` to the partner of a demo delivery. */
async function deliveryOf(odoo: OdooExec, productId: number, units: number): Promise<{ id: number; name: string }> {
  const [type] = rows({ default_location_src_id: m2o, default_location_dest_id: m2o }).parse(
    await odoo.call('stock.picking.type', 'search_read', [[['code', '=', 'outgoing']]], { fields: ['default_location_src_id', 'default_location_dest_id'], limit: 1, order: 'id asc' }),
  );
  const [demo] = rows({ partner_id: m2o }).parse(await odoo.call('stock.picking', 'search_read', [[['picking_type_code', '=', 'outgoing'], ['partner_id', '!=', false]]], { fields: ['partner_id'], limit: 1 }));
  if (!type || type.default_location_src_id === false || type.default_location_dest_id === false || !demo || demo.partner_id === false) throw new Error('no delivery type or demo delivery: load the demo data (handbook §8)');
  const [source, dest] = [type.default_location_src_id[0], type.default_location_dest_id[0]];
  const move = { product_id: productId, product_uom_qty: units, product_uom: 1, location_id: source, location_dest_id: dest, ...(odoo.major <= 18 ? { name: 'Station lot contract' } : {}) };
  const id = Id.parse(await odoo.call('stock.picking', 'create', [{ picking_type_id: type.id, partner_id: demo.partner_id[0], location_id: source, location_dest_id: dest, move_ids: [[0, 0, move]] }]));
  await odoo.call('stock.picking', 'action_confirm', [[id]]);
  await odoo.call('stock.picking', 'action_assign', [[id]]);
  const [picking] = rows({ name: z.string() }).parse(await odoo.call('stock.picking', 'read', [[id]], { fields: ['name'] }));
  return { id, name: picking!.name };
}

/** The product's quants in internal locations, as `lot@location: quantity/reserved`. */
async function quantsOf(odoo: OdooExec, productId: number): Promise<Record<string, string>> {
  const quants = rows({ lot_id: m2o, location_id: m2o, quantity: z.number(), reserved_quantity: z.number() }).parse(
    await odoo.call('stock.quant', 'search_read', [[['product_id', '=', productId], ['location_id.usage', '=', 'internal']]], { fields: ['lot_id', 'location_id', 'quantity', 'reserved_quantity'] }),
  );
  return Object.fromEntries(quants.map((q) => [`${q.lot_id === false ? 'none' : q.lot_id[1]}@${q.location_id === false ? 0 : q.location_id[0]}`, `${q.quantity}/${q.reserved_quantity}`]));
}

/** The picking's move lines: lot, source location, and the quantity (17+) or the larger of reserved and done (16). */
async function linesOf(odoo: OdooExec, pickingId: number): Promise<{ lot: string; location: number; quantity: number }[]> {
  const fields = odoo.major >= 17 ? ['lot_id', 'location_id', 'quantity'] : ['lot_id', 'location_id', 'reserved_uom_qty', 'qty_done'];
  const lines = rows({ lot_id: m2o, location_id: m2o, quantity: z.number().optional(), reserved_uom_qty: z.number().optional(), qty_done: z.number().optional() }).parse(
    await odoo.call('stock.move.line', 'search_read', [[['picking_id', '=', pickingId]]], { fields, order: 'id asc' }),
  );
  return lines.map((l) => ({
    lot: l.lot_id === false ? 'none' : l.lot_id[1],
    location: l.location_id === false ? 0 : l.location_id[0],
    quantity: l.quantity ?? Math.max(l.reserved_uom_qty ?? 0, l.qty_done ?? 0),
  }));
}

const stateOf = async (odoo: OdooExec, pickingId: number): Promise<string | undefined> =>
  rows({ state: z.string() }).parse(await odoo.call('stock.picking', 'read', [[pickingId]], { fields: ['state'] }))[0]?.state;

/** The station's scan decision and parcel for these scans, as the packing machine makes them. */
function parcelOf(picking: Picking, codes: readonly string[]): Parcel {
  let counts: { scanned: CountsByMove; inParcel: CountsByMove; tracked: readonly TrackedScan[] } = { scanned: {}, inParcel: {}, tracked: [] };
  for (const code of codes) {
    const scan = classifyScan(picking, counts.scanned, code, counts.tracked);
    if (scan.kind !== 'item') throw new Error(`${code} was refused as ${scan.kind}`);
    counts = addScan(picking, { ...counts, parcelIndex: 1 }, scan);
  }
  return { pickingId: picking.id, index: 1, packageTypeId: picking.defaultPackageTypeId, weightG: 500 * codes.length, items: parcelItems(picking, counts.inParcel, { tracked: counts.tracked, parcelIndex: 1 }) };
}

describe.skipIf(!configured)(TITLE, () => {
  // Made when a test runs: the describe body runs even when skipped, without a URL.
  let made: OdooJsonRpcGateway | null = null;
  const station = () => (made ??= new OdooJsonRpcGateway({ url: env.url ?? '', db: env.db ?? '', login: env.login, apiKey: env.apiKey ?? '', timeoutMs: 60_000 }));
  const stockLocation = async (odoo: OdooExec): Promise<number> => {
    const [type] = rows({ default_location_src_id: m2o }).parse(await odoo.call('stock.picking.type', 'search_read', [[['code', '=', 'outgoing']]], { fields: ['default_location_src_id'], limit: 1, order: 'id asc' }));
    if (!type || type.default_location_src_id === false) throw new Error('no delivery type with a source location');
    return type.default_location_src_id[0];
  };

  it('packs by the lot scanned (ACC-LOT-2) where Odoo reserved ACC-LOT-1: reservation moved, validated with ACC-LOT-2, ACC-LOT-1 free', { timeout: 180_000 }, async () => {
    const gateway = station();
    const odoo = await gateway.apiSession();
    const stock = await stockLocation(odoo);
    const { productId } = await productWithLots(odoo, stock, [['ACC-LOT-1', 5], ['ACC-LOT-2', 5]]);
    const delivery = await deliveryOf(odoo, productId, 1);
    expect(await linesOf(odoo, delivery.id)).toEqual([{ lot: 'ACC-LOT-1', location: stock, quantity: 1 }]);
    expect(await quantsOf(odoo, productId)).toEqual({ [`ACC-LOT-1@${stock}`]: '5/1', [`ACC-LOT-2@${stock}`]: '5/0' });

    // The station's lookup: the picking loads with its product's lots in stock (scan and prefetch alike).
    const picking = (await gateway.findPicking(delivery.name))!;
    const line = picking.lines.find((l) => l.productId === productId)!;
    expect(line).toMatchObject({ tracking: 'lot', lots: [{ name: 'ACC-LOT-1', quantity: 1 }] });
    expect(picking.availableLots).toEqual([{ productId, name: 'ACC-LOT-1', quantity: 5 }, { productId, name: 'ACC-LOT-2', quantity: 5 }]);
    expect((await gateway.loadPickings([picking.id])).pickings[0]?.availableLots).toEqual(picking.availableLots);

    // The station's decision: ACC-LOT-2 counts the unit; a name Odoo does not have is refused.
    expect(classifyScan(picking, {}, 'ACC-LOT-9')).toEqual({ kind: 'unknownBarcode' });
    expect(classifyScan(picking, {}, 'ACC-LOT-2')).toEqual({ kind: 'item', moveId: line.moveId, lot: 'ACC-LOT-2' });
    const parcel = parcelOf(picking, ['ACC-LOT-2']);

    // The station's writes: the reservation moves to ACC-LOT-2 at put in pack; a retry writes nothing new.
    const packed = await gateway.putInPack(parcel);
    expect(await gateway.putInPack(parcel)).toEqual(packed);
    expect(await linesOf(odoo, delivery.id)).toEqual([{ lot: 'ACC-LOT-2', location: stock, quantity: 1 }]);
    expect(await quantsOf(odoo, productId)).toEqual({ [`ACC-LOT-1@${stock}`]: '5/0', [`ACC-LOT-2@${stock}`]: '5/1' });

    await gateway.validate(picking.id);
    await gateway.validate(picking.id);
    expect(await stateOf(odoo, picking.id)).toBe('done');
    expect(await linesOf(odoo, delivery.id)).toEqual([{ lot: 'ACC-LOT-2', location: stock, quantity: 1 }]);
    expect(await quantsOf(odoo, productId)).toEqual({ [`ACC-LOT-1@${stock}`]: '5/0', [`ACC-LOT-2@${stock}`]: '4/0' });
    await odoo.call('product.product', 'write', [[productId], { active: false }]);
  });

  it('takes part of a reserved line for a lot on a shelf: a line of it from the shelf, the reserved lot shrunk, shipped as scanned', { timeout: 180_000 }, async () => {
    const gateway = station();
    const odoo = await gateway.apiSession();
    const stock = await stockLocation(odoo);
    const shelf = Id.parse(await odoo.call('stock.location', 'create', [{ name: `Contract shelf ${Date.now()}`, location_id: stock, usage: 'internal' }]));
    const { productId, lotIds } = await productWithLots(odoo, stock, [['ACC-LOT-1', 5]]);
    const lot2 = Id.parse(await odoo.call('stock.lot', 'create', [{ name: 'ACC-LOT-2', product_id: productId }]));
    await odoo.call('stock.quant', 'create', [{ product_id: productId, location_id: shelf, lot_id: lot2, inventory_quantity_auto_apply: 5 }], { context: { inventory_mode: true } });
    const delivery = await deliveryOf(odoo, productId, 3);
    expect(lotIds.size).toBe(1);
    expect(await linesOf(odoo, delivery.id)).toEqual([{ lot: 'ACC-LOT-1', location: stock, quantity: 3 }]);

    const picking = (await gateway.findPicking(delivery.name))!;
    expect(picking.availableLots).toEqual([{ productId, name: 'ACC-LOT-1', quantity: 5 }, { productId, name: 'ACC-LOT-2', quantity: 5 }]);
    await gateway.putInPack(parcelOf(picking, ['ACC-LOT-1', 'ACC-LOT-2', 'ACC-LOT-1']));
    expect(await linesOf(odoo, delivery.id)).toEqual([{ lot: 'ACC-LOT-1', location: stock, quantity: 2 }, { lot: 'ACC-LOT-2', location: shelf, quantity: 1 }]);
    expect(await quantsOf(odoo, productId)).toEqual({ [`ACC-LOT-1@${stock}`]: '5/2', [`ACC-LOT-2@${shelf}`]: odoo.major >= 17 ? '5/1' : '5/0' });

    await gateway.validate(picking.id);
    expect(await stateOf(odoo, picking.id)).toBe('done');
    expect(await linesOf(odoo, delivery.id)).toEqual([{ lot: 'ACC-LOT-1', location: stock, quantity: 2 }, { lot: 'ACC-LOT-2', location: shelf, quantity: 1 }]);
    expect(await quantsOf(odoo, productId)).toEqual({ [`ACC-LOT-1@${stock}`]: '3/0', [`ACC-LOT-2@${shelf}`]: '4/0' });
    await odoo.call('product.product', 'write', [[productId], { active: false }]);
  });
});
