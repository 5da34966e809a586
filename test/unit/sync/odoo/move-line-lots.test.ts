import { describe, expect, it } from 'vitest';
import type { ParcelItem } from '../../../../app/domain/parcel.schema';
import { lotChunksByMove, lotKey, reservedLotsByMove, type LotPlan } from '../../../../sync/odoo/move-line-lots';
import { planParcelLines, quantityFields } from '../../../../sync/odoo/move-line.planner';
import type { MoveLineRecord } from '../../../../sync/odoo/odoo-records.schema';

/** Move 1 is product 10, lot-tracked (lots 71 LOT-A, 72 LOT-B); move 2 is product 20, serial-tracked. */
const line = (id: number, moveId: number, lot: [number, string] | false, extra: Partial<MoveLineRecord>): MoveLineRecord => ({
  id, move_id: [moveId, 'm'], product_id: [moveId * 10, 'p'], product_uom_id: [1, 'Units'], location_id: [1, 'WH/Stock'],
  location_dest_id: [2, 'Partners/Customers'], result_package_id: false, lot_id: lot, lot_name: false, ...extra,
});
const templates = new Map([[1, { move_id: 1 }], [2, { move_id: 2 }]]);
const plan = (lotIds: [number, string, number][] = []): LotPlan => ({
  tracking: new Map([[10, 'lot'], [20, 'serial']]),
  lotIds: new Map(lotIds.map(([product, name, id]) => [lotKey(product, name), id])),
});
const beans = (quantity: number, lotQuantities?: { name: string; quantity: number }[]): ParcelItem => ({
  moveId: 1, productId: 10, quantity, ...(lotQuantities ? { lots: lotQuantities.map((l) => l.name), lotQuantities } : {}),
});
const scanners = (quantity: number, serials?: string[]): ParcelItem => ({ moveId: 2, productId: 20, quantity, ...(serials ? { serials } : {}) });

describe('lot chunks of a parcel', () => {
  it('splits a move into named lots first and the units scanned without a lot last', () => {
    expect(lotChunksByMove([beans(3, [{ name: 'LOT-A', quantity: 2 }]), scanners(2, ['SN-9'])], plan())).toEqual(
      new Map([
        [1, { productId: 10, chunks: [{ lot: 'LOT-A', quantity: 2 }, { lot: null, quantity: 1 }] }],
        [2, { productId: 20, chunks: [{ lot: 'SN-9', quantity: 1 }, { lot: null, quantity: 1 }] }],
      ]),
    );
  });

  it('ignores lots of untracked products and serials of lot-tracked ones', () => {
    const untracked: LotPlan = { tracking: new Map(), lotIds: new Map() };
    expect(lotChunksByMove([beans(2, [{ name: 'LOT-A', quantity: 2 }])], untracked).get(1)?.chunks).toEqual([{ lot: null, quantity: 2 }]);
    expect(lotChunksByMove([{ ...beans(1), serials: ['SN-1'] }], plan()).get(1)?.chunks).toEqual([{ lot: null, quantity: 1 }]);
  });

  it('reads the reserved lots per move on 16 (reserved_uom_qty) and 17+ (quantity)', () => {
    const lines = [line(11, 1, [71, 'LOT-A'], { reserved_uom_qty: 2, quantity: 5 }), line(12, 1, [71, 'LOT-A'], { reserved_uom_qty: 1 }), line(13, 2, false, { lot_name: 'SN-1', reserved_uom_qty: 1 })];
    expect(reservedLotsByMove(lines, quantityFields(16))).toEqual(new Map([[1, [{ name: 'LOT-A', quantity: 3 }]], [2, [{ name: 'SN-1', quantity: 1 }]]]));
    expect(reservedLotsByMove(lines.slice(0, 1), quantityFields(17))).toEqual(new Map([[1, [{ name: 'LOT-A', quantity: 5 }]]]));
  });
});

describe('planParcelLines with lots', () => {
  it('16: sets qty_done on the line of each lot, leaving the other lots reserved', () => {
    const lines = [line(11, 1, [71, 'LOT-A'], { reserved_uom_qty: 2, qty_done: 0 }), line(12, 1, [72, 'LOT-B'], { reserved_uom_qty: 1, qty_done: 0 })];
    expect(planParcelLines(16, lines, [beans(2, [{ name: 'LOT-B', quantity: 1 }, { name: 'LOT-A', quantity: 1 }])], templates, plan())).toEqual([
      { kind: 'write', ids: [12, 11], values: { qty_done: 1 } },
    ]);
  });

  it('17+: picks the scanned serials, gives units without a serial to the other reserved lines', () => {
    const lines = [11, 12, 13].map((id, i) => line(id, 2, [80 + i, `SN-${i + 1}`], { quantity: 1, picked: false }));
    expect(planParcelLines(17, lines, [scanners(2, ['SN-3'])], templates, plan())).toEqual([{ kind: 'write', ids: [13, 11], values: { picked: true } }]);
  });

  it('17+: a split line keeps its lot; a lot without a line takes what lines hold beyond their lots, else a new line', () => {
    const lines = [line(11, 1, [71, 'LOT-A'], { quantity: 3, picked: false })];
    const items = [beans(3, [{ name: 'LOT-A', quantity: 2 }, { name: 'LOT-NEW', quantity: 1 }])];
    expect(planParcelLines(18, lines, items, templates, plan())).toEqual([
      { kind: 'write', ids: [11], values: { quantity: 2, picked: true } },
      { kind: 'create', values: { move_id: 1, quantity: 1, picked: false, lot_id: 71 } },
      { kind: 'create', values: { move_id: 1, quantity: 1, picked: true, lot_name: 'LOT-NEW' } },
    ]);
    const withB = [beans(3, [{ name: 'LOT-A', quantity: 2 }, { name: 'LOT-B', quantity: 1 }])];
    expect(planParcelLines(18, lines, withB, templates, plan([[10, 'LOT-B', 72]]))).toEqual([
      { kind: 'create', values: { move_id: 1, location_id: 1, quantity: 1, picked: true, lot_id: 72 } },
      { kind: 'write', ids: [11], values: { quantity: 2 } },
      { kind: 'write', ids: [11], values: { picked: true } },
    ]);
  });

  it('is idempotent: a retry over lines already set writes nothing', () => {
    const lines = [
      line(11, 1, [71, 'LOT-A'], { quantity: 2, picked: true }),
      line(12, 1, [71, 'LOT-A'], { quantity: 1, picked: false }),
      line(13, 1, false, { lot_name: 'LOT-NEW', quantity: 1, picked: true }),
    ];
    expect(planParcelLines(17, lines, [beans(3, [{ name: 'LOT-A', quantity: 2 }, { name: 'LOT-NEW', quantity: 1 }])], templates, plan())).toEqual([]);
    const done16 = [line(11, 1, false, { lot_name: 'LOT-NEW', reserved_uom_qty: 0, qty_done: 2 })];
    expect(planParcelLines(16, done16, [beans(2, [{ name: 'LOT-NEW', quantity: 2 }])], templates, plan())).toEqual([]);
  });
});
