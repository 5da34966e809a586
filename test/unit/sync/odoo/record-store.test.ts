import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../../../sync/sim/odoo/record-store.sim';
import { OdooFault } from '../../../../sync/sim/odoo/odoo-fault.sim';
import { stockModels } from '../../../../sync/sim/odoo/stock-models.sim';
import type { SandboxVersion } from '../../../../sync/sim/odoo/stock-models.sim';
import { seedDemo, ean13, createPickings } from '../../../../sync/sim/odoo/demo-data.sim';

function demo(version: SandboxVersion) {
  const store = new RecordStore(stockModels(version));
  seedDemo(store, version);
  return store;
}

describe('sandbox record store', () => {
  it('reads many2one as [id, display name] and empty fields as false', () => {
    const store = demo(17);
    const [partner] = store.read('res.partner', [2], ['name', 'state_id', 'street2', 'parent_id']);
    expect(partner).toEqual({ id: 2, name: 'Deco Addict', state_id: [1, 'California (US)'], street2: false, parent_id: false });
  });

  it('evaluates Polish-notation domains', () => {
    const store = demo(16);
    createPickings(store, 16, 3);
    expect(store.search('stock.picking', ['|', ['name', '=', 'WH/OUT/00001'], ['name', '=', 'WH/OUT/00003']])).toEqual([1, 3]);
    expect(store.search('stock.picking', [['state', 'in', ['assigned']], '!', ['name', '=', 'WH/OUT/00002']], { order: 'id desc' })).toEqual([3, 1]);
    expect(store.search('stock.package.type', [], { order: 'sequence, id', limit: 2 })).toEqual([1, 2]);
  });

  it('raises the real exceptions for unknown fields, ids and models', () => {
    const store = demo(17);
    // Odoo checks the field names before the records (`_determine_fields_to_fetch`), so no id is needed to be refused.
    expect(() => store.read('stock.move.line', [], ['qty_done'])).toThrow("Invalid field 'qty_done' on 'stock.move.line'");
    createPickings(store, 17, 1);
    expect(() => store.read('stock.move.line', [1], ['qty_done'])).toThrow(OdooFault);
    expect(() => store.read('stock.picking', [99], ['name'])).toThrow(/Record does not exist/);
    expect(() => store.def('stock.package')).toThrow(OdooFault);
    expect(() => demo(19).def('stock.quant.package')).toThrow(OdooFault);
  });

  it('applies default_* context keys and x2many commands on create', () => {
    const store = demo(16);
    const id = store.create('confirm.stock.sms', {}, { default_pick_ids: [[4, 7], [4, 8]] });
    expect(store.get('confirm.stock.sms', id).pick_ids).toEqual([7, 8]);
  });

  it('takes back the writes, creates, unlinks and sequence moves of a rolled-back savepoint', () => {
    const store = demo(18);
    createPickings(store, 18, 3);
    const lines = store.rowsWhere('stock.move.line', 'picking_id', 2).map((l) => l.id);
    const before = { pickings: store.rows('stock.picking'), lines: store.rows('stock.move.line').map((l) => ({ ...l })), company: { ...store.get('res.company', 1) } };

    const savepoint = store.savepoint();
    store.write('res.company', [1], { has_received_warning_stock_sms: true });
    store.write('stock.move.line', [lines[0]!], { quantity: 99, picked: true, picking_id: 3 });
    store.unlink('stock.move.line', [lines[1]!]);
    const created = store.create('stock.picking', { name: 'WH/OUT/99999', state: 'draft' });
    store.create('stock.move.line', { picking_id: created, product_id: 1 });
    const wizard = store.create('confirm.stock.sms', { pick_ids: [[4, 1]] });
    store.write('confirm.stock.sms', [wizard], { pick_ids: [[4, 2]] });
    store.rollback(savepoint);

    expect(store.get('res.company', 1)).toEqual(before.company);
    expect(store.rows('stock.move.line')).toEqual(before.lines);
    expect(store.rows('stock.picking').map((p) => p.id)).toEqual(before.pickings.map((p) => p.id));
    expect(() => store.get('stock.picking', created)).toThrow(/Record does not exist/);
    expect(store.rows('confirm.stock.sms')).toEqual([]);
    // The sequences went back too: the next records take the ids the rolled-back ones had.
    expect(store.create('stock.picking', { name: 'WH/OUT/00004' })).toBe(created);
    expect(store.create('confirm.stock.sms', {})).toBe(wizard);
    // The indexes followed: the lines are under their picking again, in id order, and nothing is under the dropped one.
    expect(store.rowsWhere('stock.move.line', 'picking_id', 2).map((l) => l.id)).toEqual(lines);
    expect(store.search('stock.move.line', [['picking_id', '=', 2]])).toEqual(lines);
    expect(store.search('stock.move.line', [['picking_id', '=', created]])).toEqual([]);
    expect(store.read('stock.picking', [2], ['move_line_ids'])[0]?.move_line_ids).toEqual(lines);
  });

  it('keeps what a released savepoint changed; the next call rolls back only its own changes', () => {
    const store = demo(17);
    createPickings(store, 17, 2);
    const first = store.savepoint();
    store.write('stock.picking', [1], { state: 'done' });
    const backorder = store.create('stock.picking', { name: 'WH/OUT/00003', state: 'assigned' });
    store.release(first);

    const second = store.savepoint();
    store.write('stock.picking', [1], { state: 'cancel' });
    store.write('stock.picking', [2], { state: 'done' });
    store.unlink('stock.picking', [backorder]);
    store.rollback(second);

    expect(store.rows('stock.picking').map((p) => [p.id, p.state])).toEqual([[1, 'done'], [2, 'assigned'], [backorder, 'assigned']]);
    expect(store.search('stock.picking', [['state', '=', 'done']])).toEqual([1]);
    expect(() => store.release(first)).toThrow(/already released or rolled back/);
    expect(() => store.rollback(second)).toThrow(/already released or rolled back/);
  });

  it('nests savepoints: an inner rollback keeps the outer changes, an outer rollback takes back a released inner one', () => {
    const store = demo(16);
    createPickings(store, 16, 1);
    const [line] = store.rowsWhere('stock.move.line', 'picking_id', 1);
    const outer = store.savepoint();
    store.write('stock.move.line', [line!.id], { qty_done: 1 });
    const inner = store.savepoint();
    store.write('stock.move.line', [line!.id], { qty_done: 2 });
    const split = store.create('stock.move.line', { picking_id: 1, qty_done: 5 });
    store.rollback(inner);
    expect(store.get('stock.move.line', line!.id).qty_done).toBe(1);
    expect(store.rowsWhere('stock.move.line', 'picking_id', 1).map((l) => l.id)).not.toContain(split);

    const again = store.savepoint();
    store.write('stock.move.line', [line!.id], { qty_done: 3 });
    store.create('stock.move.line', { picking_id: 1, qty_done: 6 });
    store.release(again);
    expect(store.get('stock.move.line', line!.id).qty_done).toBe(3);
    store.rollback(outer);
    expect(store.get('stock.move.line', line!.id).qty_done).toBe(0);
    expect(store.rowsWhere('stock.move.line', 'picking_id', 1).map((l) => l.id)).toEqual([line!.id, line!.id + 1]);
  });

  it('never edits a row handed out: a rollback puts copies back, later writes leave the copies alone', () => {
    const store = demo(17);
    const wizard = store.create('confirm.stock.sms', { pick_ids: [[4, 1]] });
    const savepoint = store.savepoint();
    store.write('confirm.stock.sms', [wizard], { pick_ids: [[4, 2]] });
    const during = store.get('confirm.stock.sms', wizard);
    store.write('confirm.stock.sms', [wizard], { pick_ids: [[4, 3]] });
    store.rollback(savepoint);
    expect(during.pick_ids).toEqual([1, 2, 3]);
    expect(store.get('confirm.stock.sms', wizard).pick_ids).toEqual([1]);
    expect(store.get('confirm.stock.sms', wizard)).not.toBe(during);
  });

  it('answers equality from the indexes as a scan would', () => {
    const store = demo(17);
    createPickings(store, 17, 5, { linesPerPicking: 3 });
    const scan = (pred: (l: Record<string, unknown>) => boolean) => store.rows('stock.move.line').filter(pred).map((l) => l.id);
    expect(store.search('stock.move.line', [['picking_id', 'in', [4, 2, 2]]])).toEqual(scan((l) => l.picking_id === 2 || l.picking_id === 4));
    expect(store.search('stock.move.line', ['&', ['picking_id', '=', 3], ['move_id', '!=', false]])).toEqual(scan((l) => l.picking_id === 3));
    // `|` and `!` look at every row.
    expect(store.search('stock.move.line', ['|', ['picking_id', '=', 1], ['picking_id', '=', 5]])).toEqual(scan((l) => l.picking_id === 1 || l.picking_id === 5));
    expect(store.search('stock.picking', [['id', 'in', [3, 99, 1]]])).toEqual([1, 3]);
    expect(store.search('stock.picking', [['id', 'in', []]])).toEqual([]);
    store.write('stock.move.line', [1], { picking_id: 5 });
    expect(store.rowsWhere('stock.move.line', 'picking_id', 5).map((l) => l.id)).toEqual(scan((l) => l.picking_id === 5));
    expect(() => store.rowsWhere('stock.picking', 'move_ids', 1)).toThrow(OdooFault);
  });

  it('seeds valid EAN-13 barcodes', () => {
    expect(ean13('400638133393')).toBe('4006381333931');
    for (const product of demo(16).rows('product.product')) expect(String(product.barcode)).toMatch(/^\d{13}$/);
  });
});
