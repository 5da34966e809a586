import { describe, expect, it } from 'vitest';
import { packedByMove, planParcelLines, quantityFields, sameQuantities, sumByMove } from '../../../../sync/odoo/move-line.planner';
import type { MoveLineRecord } from '../../../../sync/odoo/odoo-records.schema';

const line = (id: number, moveId: number, extra: Partial<MoveLineRecord>): MoveLineRecord => ({
  id, move_id: [moveId, 'm'], product_id: [moveId * 10, 'p'], product_uom_id: [1, 'Units'], location_id: [1, 'WH/Stock'],
  location_dest_id: [2, 'Partners/Customers'], result_package_id: false, ...extra,
});
const templates = new Map([[1, { move_id: 1 }], [2, { move_id: 2 }], [3, { move_id: 3 }]]);
const item = (moveId: number, quantity: number) => ({ moveId, productId: moveId * 10, quantity });

describe('quantity fields by version', () => {
  it('names the fields of 15, 16 and 17+', () => {
    expect(quantityFields(15)).toEqual({ done: 'qty_done', reserved: 'product_uom_qty', usesPicked: false });
    expect(quantityFields(16)).toEqual({ done: 'qty_done', reserved: 'reserved_uom_qty', usesPicked: false });
    expect(quantityFields(18)).toEqual({ done: 'quantity', reserved: null, usesPicked: true });
  });
});

describe('planParcelLines on 16 (qty_done; Odoo splits)', () => {
  it('sets qty_done below the reservation and clears leftovers of other moves', () => {
    const lines = [line(11, 1, { reserved_uom_qty: 3, qty_done: 0 }), line(12, 2, { reserved_uom_qty: 1, qty_done: 1 })];
    expect(planParcelLines(16, lines, [item(1, 2)], templates)).toEqual([
      { kind: 'write', ids: [12], values: { qty_done: 0 } },
      { kind: 'write', ids: [11], values: { qty_done: 2 } },
    ]);
  });

  it('spreads over several lines and puts over-processing on the last one', () => {
    const lines = [line(11, 1, { reserved_uom_qty: 1, qty_done: 0 }), line(13, 1, { reserved_uom_qty: 1, qty_done: 0 })];
    expect(planParcelLines(16, lines, [item(1, 3)], templates)).toEqual([
      { kind: 'write', ids: [11], values: { qty_done: 1 } },
      { kind: 'write', ids: [13], values: { qty_done: 2 } },
    ]);
  });

  it('creates a line for a move without one', () => {
    expect(planParcelLines(16, [], [item(3, 1)], templates)).toEqual([{ kind: 'create', values: { move_id: 3, qty_done: 1 } }]);
  });

  it('writes nothing when a retry finds the quantities already set', () => {
    expect(planParcelLines(16, [line(11, 1, { reserved_uom_qty: 3, qty_done: 2 })], [item(1, 2)], templates)).toEqual([]);
  });
});

describe('planParcelLines on 17+ (quantity + picked; the planner splits)', () => {
  it('splits a line holding more than the parcel', () => {
    const lines = [line(11, 1, { quantity: 3, picked: false }), line(12, 2, { quantity: 1, picked: true })];
    expect(planParcelLines(17, lines, [item(1, 2)], templates)).toEqual([
      { kind: 'write', ids: [12], values: { picked: false } },
      { kind: 'write', ids: [11], values: { quantity: 2, picked: true } },
      { kind: 'create', values: { move_id: 1, quantity: 1, picked: false } },
    ]);
  });

  it('picks whole lines in one write and creates what is missing', () => {
    const lines = [line(11, 1, { quantity: 1, picked: false }), line(12, 2, { quantity: 1, picked: false })];
    expect(planParcelLines(18, lines, [item(1, 1), item(2, 2)], templates)).toEqual([
      { kind: 'write', ids: [11, 12], values: { picked: true } },
      { kind: 'create', values: { move_id: 2, quantity: 1, picked: true } },
    ]);
  });
});

describe('parcel identity', () => {
  it('compares what a package holds with the parcel', () => {
    const lines = [line(11, 1, { quantity: 2, result_package_id: [5, 'PACK0000005'] }), line(12, 2, { quantity: 1, result_package_id: [6, 'PACK0000006'] })];
    const f = quantityFields(17);
    expect(sameQuantities(sumByMove([item(1, 1), item(1, 1)]), packedByMove(lines, 5, f))).toBe(true);
    expect(sameQuantities(sumByMove([item(1, 2), item(2, 1)]), packedByMove(lines, 5, f))).toBe(false);
  });
});
