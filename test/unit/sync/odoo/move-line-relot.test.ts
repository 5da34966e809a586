/** A lot Odoo did not reserve takes over the reservation of lines the parcel does not need (move-line-relot.ts). */
import { describe, expect, it } from 'vitest';
import type { ParcelItem } from '../../../../app/domain/parcel.schema';
import { lotKey, type LotPlan } from '../../../../sync/odoo/move-line-lots';
import { planParcelLines } from '../../../../sync/odoo/move-line.planner';
import type { MoveLineRecord } from '../../../../sync/odoo/odoo-records.schema';

/** Move 1 is product 10, lot-tracked: LOT-A (71) and LOT-B (72) reserved on WH/Stock (1), LOT-C (73) on a shelf (5). */
const line = (id: number, lot: [number, string], extra: Partial<MoveLineRecord>): MoveLineRecord => ({
  id, move_id: [1, 'm'], product_id: [10, 'p'], product_uom_id: [1, 'Units'], location_id: [1, 'WH/Stock'],
  location_dest_id: [2, 'Partners/Customers'], result_package_id: false, lot_id: lot, lot_name: false, ...extra,
});
const templates = new Map([[1, { move_id: 1, location_id: 1 }]]);
const plan: LotPlan = {
  tracking: new Map([[10, 'lot']]),
  lotIds: new Map([[lotKey(10, 'LOT-B'), 72], [lotKey(10, 'LOT-C'), 73]]),
  lotLocations: new Map([[lotKey(10, 'LOT-C'), 5]]),
};
const beans = (lots: [string, number][], unnamed = 0): ParcelItem => ({
  moveId: 1, productId: 10, quantity: lots.reduce((t, [, q]) => t + q, unnamed),
  lots: lots.map(([name]) => name), lotQuantities: lots.map(([name, quantity]) => ({ name, quantity })),
});

describe('relotting on 17+ (quantity + picked)', () => {
  it('moves a whole reserved line to the scanned lot (ACC-LOT-1 reserved, ACC-LOT-2 taken)', () => {
    const lines = [line(11, [71, 'LOT-A'], { quantity: 1, picked: false })];
    expect(planParcelLines(18, lines, [beans([['LOT-B', 1]])], templates, plan)).toEqual([
      { kind: 'write', ids: [11], values: { lot_id: 72 } },
      { kind: 'write', ids: [11], values: { picked: true } },
    ]);
  });

  it('takes part of a line with more than its lot needs: a new line of the scanned lot from its shelf, then the line shrinks', () => {
    const lines = [line(11, [71, 'LOT-A'], { quantity: 2, picked: false }), line(12, [72, 'LOT-B'], { quantity: 1, picked: false })];
    expect(planParcelLines(17, lines, [beans([['LOT-C', 1], ['LOT-A', 1], ['LOT-B', 1]])], templates, plan)).toEqual([
      { kind: 'create', values: { move_id: 1, location_id: 5, quantity: 1, picked: true, lot_id: 73 } },
      { kind: 'write', ids: [11], values: { quantity: 1 } },
      { kind: 'write', ids: [11, 12], values: { picked: true } },
    ]);
  });

  it('leaves the first lines to the units scanned without a lot, and takes from the last', () => {
    const lines = [line(11, [71, 'LOT-A'], { quantity: 2, picked: false }), line(12, [72, 'LOT-A'], { quantity: 1, picked: false })];
    const ops = planParcelLines(17, lines, [beans([['LOT-B', 1]], 2)], templates, plan);
    expect(ops.slice(0, 1)).toEqual([{ kind: 'write', ids: [12], values: { lot_id: 72 } }]);
    expect(ops.slice(1)).toEqual([{ kind: 'write', ids: [12, 11], values: { picked: true } }]);
  });

  it('is idempotent: once the lot is on the lines, or its new line exists, a retry takes nothing more', () => {
    const relotted = [line(11, [72, 'LOT-B'], { quantity: 1, picked: true })];
    expect(planParcelLines(18, relotted, [beans([['LOT-B', 1]])], templates, plan)).toEqual([]);
    // The reply to the create was lost before the shrink: the new line is there, the old one still holds 2.
    const created = [line(11, [71, 'LOT-A'], { quantity: 2, picked: false }), line(13, [73, 'LOT-C'], { quantity: 1, picked: true, location_id: [5, 'Shelf'] })];
    expect(planParcelLines(17, created, [beans([['LOT-C', 1], ['LOT-A', 1]])], templates, plan)).toEqual([
      { kind: 'write', ids: [11], values: { quantity: 1, picked: true } },
      { kind: 'create', values: { move_id: 1, location_id: 1, quantity: 1, picked: false, lot_id: 71 } },
    ]);
  });

  it('does not move a reservation to a name Odoo has no lot of (it goes on a new line as lot_name)', () => {
    const lines = [line(11, [71, 'LOT-A'], { quantity: 1, picked: false })];
    expect(planParcelLines(18, lines, [beans([['LOT-NEW', 1]])], templates, plan)).toEqual([
      { kind: 'create', values: { move_id: 1, location_id: 1, quantity: 1, picked: true, lot_name: 'LOT-NEW' } },
    ]);
  });
});

describe('relotting on 16 (reserved_uom_qty + qty_done)', () => {
  it('writes the lot on a whole reserved line, then its done quantity', () => {
    const lines = [line(11, [71, 'LOT-A'], { reserved_uom_qty: 1, qty_done: 0 })];
    expect(planParcelLines(16, lines, [beans([['LOT-B', 1]])], templates, plan)).toEqual([
      { kind: 'write', ids: [11], values: { lot_id: 72 } },
      { kind: 'write', ids: [11], values: { qty_done: 1 } },
    ]);
  });

  it('takes part of a line: a done line of the scanned lot, the old lot reserved for less', () => {
    const lines = [line(11, [71, 'LOT-A'], { reserved_uom_qty: 2, qty_done: 0 })];
    expect(planParcelLines(16, lines, [beans([['LOT-C', 1], ['LOT-A', 1]])], templates, plan)).toEqual([
      { kind: 'create', values: { move_id: 1, location_id: 5, qty_done: 1, lot_id: 73 } },
      { kind: 'write', ids: [11], values: { reserved_uom_qty: 1 } },
      { kind: 'write', ids: [11], values: { qty_done: 1 } },
    ]);
    // A retry after the create: the new line's done quantity counts, nothing is taken again.
    const retried = [line(11, [71, 'LOT-A'], { reserved_uom_qty: 2, qty_done: 0 }), line(12, [73, 'LOT-C'], { reserved_uom_qty: 0, qty_done: 1 })];
    expect(planParcelLines(16, retried, [beans([['LOT-C', 1], ['LOT-A', 1]])], templates, plan)).toEqual([{ kind: 'write', ids: [11], values: { qty_done: 1 } }]);
  });
});
