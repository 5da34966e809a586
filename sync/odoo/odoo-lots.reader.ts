import { z } from 'zod';
import type { ParcelItem } from '../../app/domain/parcel.schema';
import { NO_LOTS, asTracking, lotChunksByMove, lotKey, lotNameOf, type LotPlan } from './move-line-lots';
import type { OdooExec } from './odoo-exec';
import { dialectOf } from './odoo-version.dialect';
import { parseReply } from './odoo-picking.reader';
import { readLotLocations } from './odoo-lot-stock.reader';
import { LotRecordSchema, m2oId } from './odoo-records.schema';
import type { MoveLineRecord } from './odoo-records.schema';

/**
 * What putInPack needs to know about a parcel's lots: each product's tracking, and the `stock.lot` ids of lots that
 * no open line of their move carries (a lot Odoo did not reserve), with the sublocation of `sources` (the moves'
 * source locations) that holds each. A lot unknown to Odoo stays a `lot_name`: on a delivery type that may not
 * create lots, Odoo then refuses the validation ("You need to supply a Lot/Serial Number"), which the sync engine
 * reports as REJECTED rather than inventing a lot. No call for untracked parcels.
 */
export async function readLotPlan(odoo: OdooExec, items: readonly ParcelItem[], openLines: readonly MoveLineRecord[], sources: readonly number[] = []): Promise<LotPlan> {
  const named = items.filter((item) => (item.lots?.length ?? 0) > 0 || (item.serials?.length ?? 0) > 0);
  if (named.length === 0) return NO_LOTS;
  const products = parseReply(
    z.array(z.object({ id: z.number().int(), tracking: z.string() })),
    await odoo.call('product.product', 'read', [[...new Set(named.map((item) => item.productId))]], { fields: ['tracking'] }),
    'product read',
  );
  const tracking = new Map(products.map((p) => [p.id, asTracking(p.tracking)]));
  const missing: { productId: number; name: string }[] = [];
  for (const [moveId, { productId, chunks }] of lotChunksByMove(items, { tracking, lotIds: new Map() })) {
    for (const { lot } of chunks) {
      if (lot !== null && !openLines.some((l) => m2oId(l.move_id) === moveId && lotNameOf(l) === lot)) missing.push({ productId, name: lot });
    }
  }
  if (missing.length === 0) return { tracking, lotIds: new Map() };
  const domain = [['product_id', 'in', [...new Set(missing.map((m) => m.productId))]], ['name', 'in', [...new Set(missing.map((m) => m.name))]]];
  const lots = parseReply(
    z.array(LotRecordSchema),
    await odoo.call(dialectOf(odoo.major).lotModel, 'search_read', [domain], { fields: ['name', 'product_id'], order: 'id asc' }),
    'lot read',
  );
  const lotIds = new Map<string, number>();
  for (const lot of lots) {
    const productId = m2oId(lot.product_id);
    if (productId !== null && !lotIds.has(lotKey(productId, lot.name))) lotIds.set(lotKey(productId, lot.name), lot.id);
  }
  return { tracking, lotIds, lotLocations: await readLotLocations(odoo, lotIds, sources) };
}
