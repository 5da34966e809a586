import { lotKey, lotNameOf, type LotChunk, type LotPlan } from './move-line-lots';
import type { LineOp, QuantityFields } from './move-line.planner';
import type { MoveLineRecord } from './odoo-records.schema';

const EPS = 1e-6;

/** What a line can hold for the parcel: its reservation (16: or what is done on it already), its quantity on 17+. */
export function capacityOf(line: MoveLineRecord, f: QuantityFields): number {
  if (f.usesPicked) return line.quantity ?? 0;
  return Math.max(f.reserved ? (line[f.reserved] ?? 0) : 0, line[f.done] ?? 0);
}

/** Where the lot goes: its `stock.lot`, and the sublocation that has it when that is not the line's own location. */
function lotTarget(plan: LotPlan, productId: number, lot: string, line: MoveLineRecord): { lotId: number; values: Record<string, unknown> } | null {
  const lotId = plan.lotIds.get(lotKey(productId, lot));
  if (lotId === undefined) return null;
  const location = plan.lotLocations?.get(lotKey(productId, lot));
  const here = line.location_id === false ? null : line.location_id[0];
  return { lotId, values: { lot_id: lotId, ...(location !== undefined && location !== here ? { location_id: location } : {}) } };
}

export interface Relot {
  /** Creates first, then writes: a retry after a lost reply finds the new lot's line and does not take from a spare again. */
  ops: LineOp[];
  /** The move's lines as they are once `ops` are applied (relotted lines carry their new lot), for the filling that follows. */
  lines: MoveLineRecord[];
  /** The chunks less the units put on new lines here (already done or picked). */
  chunks: LotChunk[];
}

/**
 * The barcode app's way with a lot Odoo did not reserve: the packer took units of lot L2 where Odoo reserved L1, so
 * the reservation moves to L2. What lines hold beyond the units of the parcel they serve (a named lot's own lines,
 * else the units scanned without a lot; those fill the first lines) is spare, and a named lot short of lines takes
 * spares from the last line back:
 * - a whole spare line gets the lot written on it (`lot_id`, and the sublocation holding that lot). Odoo's
 *   stock.move.line `write` unreserves the old lot's quant and reserves the new one's (16: as far as it is available,
 *   else the line keeps 0 reserved; 17+: always, `stock.quant._update_reserved_quantity` does not check);
 * - part of a spare line: the spare shrinks (freeing that much of the old lot) and a new line of the lot takes the
 *   units, done (16: `qty_done`, no reservation: `_action_done` frees it elsewhere if needed) or picked (17+: `create`
 *   reserves it).
 * Only lots that exist in Odoo move a reservation: a `lot_name` on a reserved line would leave it on the old lot.
 */
export function relotSpareLines(f: QuantityFields, lines: readonly MoveLineRecord[], chunks: readonly LotChunk[], productId: number, plan: LotPlan, template: Record<string, unknown>): Relot {
  const named = new Set(chunks.flatMap((c) => (c.lot === null ? [] : [c.lot])));
  /** The chunk a line serves: its lot's, or the units scanned without a lot when the parcel does not name its lot. */
  const chunkOf = (line: MoveLineRecord): string | null => {
    const lot = lotNameOf(line);
    return lot !== null && named.has(lot) ? lot : null;
  };
  // What each line has beyond its chunk's units (which fill a chunk's first lines): spare, for a lot short of lines.
  const need = new Map(chunks.map((c) => [c.lot, c.quantity]));
  const spare = new Map<number, number>();
  for (const line of lines) {
    const cap = capacityOf(line, f);
    const used = Math.min(cap, Math.max(0, need.get(chunkOf(line)) ?? 0));
    need.set(chunkOf(line), (need.get(chunkOf(line)) ?? 0) - used);
    if (cap - used > EPS) spare.set(line.id, cap - used);
  }
  const creates: LineOp[] = [];
  const writes: LineOp[] = [];
  const out = new Map(lines.map((l) => [l.id, l]));
  const left: LotChunk[] = [];
  for (const chunk of chunks) {
    if (chunk.lot === null) {
      left.push(chunk);
      continue;
    }
    const lot = chunk.lot;
    let short = chunk.quantity - lines.filter((l) => lotNameOf(l) === lot).reduce((sum, l) => sum + capacityOf(l, f), 0);
    let covered = 0;
    for (const line of [...lines].reverse()) {
      const free = spare.get(line.id) ?? 0;
      if (short <= EPS) break;
      if (free <= EPS) continue;
      const target = lotTarget(plan, productId, lot, line);
      if (target === null) break;
      const take = Math.min(free, short);
      const cap = capacityOf(line, f);
      spare.set(line.id, free - take);
      short -= take;
      if (take >= cap - EPS) {
        writes.push({ kind: 'write', ids: [line.id], values: target.values });
        out.set(line.id, { ...line, lot_id: [target.lotId, lot], lot_name: false });
        continue;
      }
      const shrink = f.usesPicked ? { quantity: cap - take } : { [f.reserved ?? f.done]: cap - take };
      writes.push({ kind: 'write', ids: [line.id], values: shrink });
      out.set(line.id, { ...line, ...shrink });
      const done = f.usesPicked ? { quantity: take, picked: true } : { [f.done]: take };
      creates.push({ kind: 'create', values: { ...template, location_id: line.location_id === false ? template.location_id : line.location_id[0], ...done, ...target.values } });
      covered += take;
    }
    left.push({ lot, quantity: chunk.quantity - covered });
  }
  return { ops: [...creates, ...writes], lines: lines.map((l) => out.get(l.id) ?? l), chunks: left };
}
