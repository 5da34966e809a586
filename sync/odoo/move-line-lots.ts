import type { ParcelItem } from '../../app/domain/parcel.schema';
import type { ReservedLot, Tracking } from '../../app/domain/picking.schema';
import type { QuantityFields } from './move-line.planner';
import { m2oId, text } from './odoo-records.schema';
import type { LotLineRecord, MoveLineRecord } from './odoo-records.schema';

/** What the planner needs to put lots on move lines; empty for parcels without lots. */
export interface LotPlan {
  /** `product.product.tracking` per product id; a product missing here is untracked. */
  tracking: ReadonlyMap<number, Tracking>;
  /** Existing `stock.lot` ids by `lotKey(product, name)`, for lots no open move line carries yet. */
  lotIds: ReadonlyMap<string, number>;
  /** For those lots, the (sub)location of the picking's source that holds most of each, by `lotKey`. */
  lotLocations?: ReadonlyMap<string, number>;
}

export const NO_LOTS: LotPlan = { tracking: new Map(), lotIds: new Map() };

/** Units of one move that go to one lot/serial (`lot` null: any line, Odoo's reservation decides). */
export interface LotChunk {
  lot: string | null;
  quantity: number;
}

export const lotKey = (productId: number, name: string): string => `${productId}\u0000${name}`;

export const asTracking = (value: string | undefined): Tracking => (value === 'lot' || value === 'serial' ? value : 'none');

/** The lot a line carries: its `lot_id` (read as `[id, name]`), else the `lot_name` typed on it; null for none. */
export function lotNameOf(line: Pick<MoveLineRecord, 'lot_id' | 'lot_name'>): string | null {
  if (line.lot_id !== undefined && line.lot_id !== false) return line.lot_id[1];
  return line.lot_name === undefined ? null : (text(line.lot_name) ?? null);
}

/** The values that put a lot on a new move line: the existing `stock.lot` (where it is), else its name for Odoo to resolve. */
export function lotValues(plan: LotPlan, productId: number, name: string): Record<string, unknown> {
  const lotId = plan.lotIds.get(lotKey(productId, name));
  const location = plan.lotLocations?.get(lotKey(productId, name));
  if (lotId === undefined) return { lot_name: name };
  return location === undefined ? { lot_id: lotId } : { lot_id: lotId, location_id: location };
}

/** The lot fields of a line, copied onto the line that takes the rest of it when it is split. */
export function lotFieldsOf(line: MoveLineRecord): Record<string, unknown> {
  if (line.lot_id !== undefined && line.lot_id !== false) return { lot_id: line.lot_id[0] };
  const name = line.lot_name === undefined ? undefined : text(line.lot_name);
  return name === undefined ? {} : { lot_name: name };
}

/** Lots reserved per move, in line order, quantities summed per name (reserved on ≤16, `quantity` on 17+). */
export function reservedLotsByMove(lines: readonly LotLineRecord[], f: QuantityFields): Map<number, ReservedLot[]> {
  const out = new Map<number, ReservedLot[]>();
  for (const line of lines) {
    const moveId = m2oId(line.move_id);
    const name = lotNameOf(line);
    if (moveId === null || name === null) continue;
    const quantity = (f.reserved ? line[f.reserved] : line[f.done]) ?? 0;
    const lots = out.get(moveId) ?? [];
    const known = lots.find((lot) => lot.name === name);
    if (known) known.quantity += quantity;
    else lots.push({ name, quantity });
    out.set(moveId, lots);
  }
  return out;
}

/** The named units of an item as Odoo counts them: serials on a serial-tracked product, lots on a lot-tracked one. */
function namedUnits(item: ParcelItem, tracking: Tracking): { name: string; quantity: number }[] {
  if (tracking === 'serial') return (item.serials ?? []).map((name) => ({ name, quantity: 1 }));
  if (tracking !== 'lot') return [];
  if (item.lotQuantities) return item.lotQuantities;
  // A lot list without quantities (an older event) is only unambiguous with one lot.
  const [only, ...more] = item.lots ?? [];
  return only !== undefined && more.length === 0 ? [{ name: only, quantity: item.quantity }] : [];
}

/**
 * A parcel's units per move, split by lot: named chunks first, then one unnamed chunk (possibly 0) for the units
 * scanned without a lot, which takes the move's lines that no named chunk claims.
 */
export function lotChunksByMove(items: readonly ParcelItem[], plan: LotPlan): Map<number, { productId: number; chunks: LotChunk[] }> {
  const acc = new Map<number, { productId: number; total: number; named: Map<string, number> }>();
  for (const item of items) {
    const entry = acc.get(item.moveId) ?? { productId: item.productId, total: 0, named: new Map<string, number>() };
    entry.total += item.quantity;
    let left = item.quantity;
    for (const unit of namedUnits(item, plan.tracking.get(item.productId) ?? 'none')) {
      const quantity = Math.min(unit.quantity, left);
      if (quantity <= 0) break;
      left -= quantity;
      entry.named.set(unit.name, (entry.named.get(unit.name) ?? 0) + quantity);
    }
    acc.set(item.moveId, entry);
  }
  const out = new Map<number, { productId: number; chunks: LotChunk[] }>();
  for (const [moveId, { productId, total, named }] of acc) {
    const chunks: LotChunk[] = [...named].map(([lot, quantity]) => ({ lot, quantity }));
    chunks.push({ lot: null, quantity: total - chunks.reduce((sum, c) => sum + c.quantity, 0) });
    out.set(moveId, { productId, chunks });
  }
  return out;
}
