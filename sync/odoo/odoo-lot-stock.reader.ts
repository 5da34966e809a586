import { z } from 'zod';
import type { StockLot } from '../../app/domain/picking.schema';
import { lotKey } from './move-line-lots';
import type { OdooExec } from './odoo-exec';
import { parseReply } from './odoo-picking.reader';
import { many2one, m2oId, type Many2one } from './odoo-records.schema';

/** `stock.quant` as the lot lookups read it (16–19 share these fields). */
const QuantRow = z.object({ id: z.number().int(), product_id: many2one, lot_id: many2one, location_id: many2one, quantity: z.number(), reserved_quantity: z.number() });
type Quant = z.infer<typeof QuantRow>;
const QUANT_FIELDS = ['product_id', 'lot_id', 'location_id', 'quantity', 'reserved_quantity'];

/**
 * Quants per source location read at most: the oldest first (FIFO, as Odoo reserves), so a product with more serials
 * in stock than this lists those most likely to be picked. Keeps a cached picking's size bounded.
 */
export const MAX_QUANTS_PER_LOCATION = 5_000;

async function quantsOf(odoo: OdooExec, domain: unknown[], limit?: number): Promise<Quant[]> {
  const kwargs = { fields: QUANT_FIELDS, order: 'in_date asc, id asc', ...(limit !== undefined ? { limit } : {}) };
  return parseReply(z.array(QuantRow), await odoo.call('stock.quant', 'search_read', [domain], kwargs), 'quant read');
}

/** What one picking asks: its tracked products, in stock at its source location or below it. */
export interface LotStockQuery {
  pickingId: number;
  locationId: number;
  productIds: readonly number[];
}

/** One query per picking that has tracked products and a source location. */
export function lotStockQueries(
  pickings: readonly { id: number; location_id?: Many2one | undefined }[],
  moves: readonly { picking_id: Many2one; product_id: Many2one }[],
  tracked: (productId: number) => boolean,
): LotStockQuery[] {
  return pickings.flatMap((picking) => {
    const locationId = picking.location_id === undefined ? null : m2oId(picking.location_id);
    const productIds = [...new Set(moves.filter((m) => m2oId(m.picking_id) === picking.id).flatMap((m) => m2oId(m.product_id) ?? []))].filter(tracked);
    return locationId === null || productIds.length === 0 ? [] : [{ pickingId: picking.id, locationId, productIds }];
  });
}

/**
 * The lots/serials the pickings' tracked products have in stock where each picking takes its goods from (the source
 * location and its children, as Odoo reserves), reserved or not, summed per product and name: one `stock.quant`
 * read per distinct source location. A name Odoo has no stock of there is not listed (a serial already delivered
 * sits in a customer location). By picking id.
 */
export async function readLotsInStock(odoo: OdooExec, queries: readonly LotStockQuery[]): Promise<Map<number, StockLot[]>> {
  const byLocation = new Map<number, LotStockQuery[]>();
  for (const query of queries) if (query.productIds.length > 0) byLocation.set(query.locationId, [...(byLocation.get(query.locationId) ?? []), query]);
  const out = new Map<number, StockLot[]>();
  for (const [locationId, group] of byLocation) {
    const products = [...new Set(group.flatMap((q) => q.productIds))];
    const domain = [['product_id', 'in', products], ['location_id', 'child_of', locationId], ['lot_id', '!=', false], ['quantity', '>', 0]];
    const lots = new Map<string, StockLot>();
    for (const quant of await quantsOf(odoo, domain, MAX_QUANTS_PER_LOCATION)) {
      const productId = m2oId(quant.product_id);
      if (productId === null || quant.lot_id === false) continue;
      const key = lotKey(productId, quant.lot_id[1]);
      const known = lots.get(key);
      if (known) known.quantity += quant.quantity;
      else lots.set(key, { productId, name: quant.lot_id[1], quantity: quant.quantity });
    }
    for (const query of group) out.set(query.pickingId, [...lots.values()].filter((lot) => query.productIds.includes(lot.productId)));
  }
  return out;
}

/**
 * Where each of these lots is (by the caller's key): the location under `sources` holding most of it not reserved,
 * so a line that takes the lot also takes it from where it lies. One read; lots with no stock there are absent.
 */
export async function readLotLocations(odoo: OdooExec, lotIds: ReadonlyMap<string, number>, sources: readonly number[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (lotIds.size === 0 || sources.length === 0) return out;
  const keyOf = new Map([...lotIds].map(([key, id]) => [id, key]));
  const domain = [['lot_id', 'in', [...keyOf.keys()]], ['location_id', 'child_of', [...new Set(sources)]], ['quantity', '>', 0]];
  const best = new Map<number, number>();
  for (const quant of await quantsOf(odoo, domain)) {
    const lotId = m2oId(quant.lot_id);
    const locationId = m2oId(quant.location_id);
    const key = lotId === null ? undefined : keyOf.get(lotId);
    if (key === undefined || locationId === null) continue;
    const free = quant.quantity - quant.reserved_quantity;
    if (free > (best.get(lotId as number) ?? Number.NEGATIVE_INFINITY)) {
      best.set(lotId as number, free);
      out.set(key, locationId);
    }
  }
  return out;
}
