import type { ParcelItem } from '../../app/domain/parcel.schema';
import { NO_LOTS, lotChunksByMove, lotFieldsOf, lotNameOf, lotValues, type LotPlan } from './move-line-lots';
import { relotSpareLines } from './move-line-relot';
import { m2oId } from './odoo-records.schema';
import type { MoveLineRecord } from './odoo-records.schema';

/** Which move-line fields carry "done" and "reserved" on a given Odoo major version. */
export interface QuantityFields {
  done: 'qty_done' | 'quantity';
  reserved: 'reserved_uom_qty' | 'product_uom_qty' | null;
  /** 17+ marks lines as processed with `picked`; the quantity alone is also the reservation. */
  usesPicked: boolean;
}

export function quantityFields(major: number): QuantityFields {
  if (major >= 17) return { done: 'quantity', reserved: null, usesPicked: true };
  if (major === 16) return { done: 'qty_done', reserved: 'reserved_uom_qty', usesPicked: false };
  return { done: 'qty_done', reserved: 'product_uom_qty', usesPicked: false };
}

export type LineOp = { kind: 'write'; ids: number[]; values: Record<string, unknown> } | { kind: 'create'; values: Record<string, unknown> };

const EPS = 1e-6;

export const doneQty = (line: MoveLineRecord, f: QuantityFields): number => line[f.done] ?? 0;

/** Quantity packed per move in one package, as Odoo reports it (the parcel check uses the same measure). */
export function packedByMove(lines: readonly MoveLineRecord[], packageId: number, f: QuantityFields): Map<number, number> {
  const out = new Map<number, number>();
  for (const line of lines) {
    const moveId = m2oId(line.move_id);
    if (m2oId(line.result_package_id) !== packageId || moveId === null) continue;
    out.set(moveId, (out.get(moveId) ?? 0) + doneQty(line, f));
  }
  return out;
}

export function sumByMove(items: readonly ParcelItem[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const item of items) out.set(item.moveId, (out.get(item.moveId) ?? 0) + item.quantity);
  return out;
}

export function sameQuantities(a: Map<number, number>, b: Map<number, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [moveId, qty] of a) if (Math.abs((b.get(moveId) ?? Number.NaN) - qty) > EPS) return false;
  return true;
}

/**
 * The writes that make Odoo's "put in pack" take exactly this parcel: Odoo packs every unpackaged line that carries
 * a done quantity (≤16) or is picked (17+), so leftovers of an interrupted attempt are cleared first.
 * ≤16 splits a line whose `qty_done` is below its reservation by itself; 17+ does not, so the planner splits.
 * `templates` gives, per move, the values a new line needs (move, product, uom, locations, picking).
 * With `lots`, a tracked move's units go to the lines of their lot/serial; a lot Odoo did not reserve takes over the
 * reservation of lines this parcel does not need (move-line-relot.ts), else a new line carries it; units scanned
 * without a lot take the move's other lines, as Odoo reserved them.
 */
export function planParcelLines(
  major: number,
  openLines: readonly MoveLineRecord[],
  items: readonly ParcelItem[],
  templates: ReadonlyMap<number, Record<string, unknown>>,
  lots: LotPlan = NO_LOTS,
): LineOp[] {
  const f = quantityFields(major);
  const wanted = lotChunksByMove(items, lots);
  const ops: LineOp[] = [];
  const relots: LineOp[] = [];
  const write = (id: number, values: Record<string, unknown>) => ops.push({ kind: 'write', ids: [id], values });
  const create = (moveId: number, values: Record<string, unknown>) => {
    const template = templates.get(moveId);
    if (!template) throw new Error(`no template to create a move line for move ${moveId}`);
    ops.push({ kind: 'create', values: { ...template, ...values } });
  };

  for (const line of openLines) {
    const moveId = m2oId(line.move_id);
    if (moveId !== null && wanted.has(moveId)) continue;
    if (f.usesPicked ? line.picked === true : doneQty(line, f) > EPS) write(line.id, f.usesPicked ? { picked: false } : { qty_done: 0 });
  }

  /** Puts `qty` on these lines of one move, creating a line with `extra` (its lot) when they cannot hold it. */
  const fill = (moveId: number, lines: readonly MoveLineRecord[], qty: number, extra: Record<string, unknown>) => {
    let remaining = qty;
    if (!f.usesPicked) {
      lines.forEach((line, i) => {
        const reserved = f.reserved ? (line[f.reserved] ?? 0) : 0;
        // The last line absorbs anything above the reservation: Odoo accepts over-processing on ≤16.
        const take = i === lines.length - 1 ? remaining : Math.min(reserved, remaining);
        remaining -= take;
        if (Math.abs(doneQty(line, f) - take) > EPS) write(line.id, { qty_done: take });
      });
      if (lines.length === 0 && qty > EPS) create(moveId, { qty_done: qty, ...extra });
      return;
    }
    for (const line of lines) {
      const have = line.quantity ?? 0;
      if (remaining <= EPS || have <= EPS) {
        if (line.picked) write(line.id, { picked: false });
        continue;
      }
      const take = Math.min(have, remaining);
      if (take < have - EPS) {
        write(line.id, { quantity: take, picked: true });
        create(moveId, { quantity: have - take, picked: false, ...lotFieldsOf(line) });
      } else if (!line.picked) {
        write(line.id, { picked: true });
      }
      remaining -= take;
    }
    if (remaining > EPS) create(moveId, { quantity: remaining, picked: true, ...extra });
  };

  for (const [moveId, { productId, chunks: scannedChunks }] of wanted) {
    const moveLines = openLines.filter((l) => m2oId(l.move_id) === moveId).sort((a, b) => a.id - b.id);
    const relot = relotSpareLines(f, moveLines, scannedChunks, productId, lots, templates.get(moveId) ?? {});
    relots.push(...relot.ops);
    const { lines, chunks } = relot;
    const named = new Set(chunks.flatMap((c) => (c.lot === null ? [] : [c.lot])));
    for (const chunk of chunks) {
      const own = lines.filter((l) => {
        const lot = lotNameOf(l);
        return chunk.lot === null ? lot === null || !named.has(lot) : lot === chunk.lot;
      });
      // Units beyond a lot's lines go to a new line of the same lot: copied from its line, else looked up.
      const first = own[0];
      const extra = chunk.lot === null ? {} : first ? lotFieldsOf(first) : lotValues(lots, productId, chunk.lot);
      fill(moveId, own, chunk.quantity, extra);
    }
  }
  return [...relots, ...mergeWrites(ops)];
}

/** One `write` per distinct value set keeps the number of round trips small. */
function mergeWrites(ops: LineOp[]): LineOp[] {
  const merged: LineOp[] = [];
  const byValues = new Map<string, { kind: 'write'; ids: number[]; values: Record<string, unknown> }>();
  for (const op of ops) {
    if (op.kind === 'create') {
      merged.push(op);
      continue;
    }
    const key = JSON.stringify(op.values);
    const existing = byValues.get(key);
    if (existing) existing.ids.push(...op.ids);
    else {
      const copy = { kind: 'write' as const, ids: [...op.ids], values: op.values };
      byValues.set(key, copy);
      merged.push(copy);
    }
  }
  // Writes first: a create must not be cleared by a later "unpick" of the same move.
  return [...merged.filter((o) => o.kind === 'write'), ...merged.filter((o) => o.kind === 'create')];
}
