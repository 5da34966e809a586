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

  it('rolls back to a snapshot', () => {
    const store = demo(18);
    const snap = store.snapshot();
    store.write('res.company', [1], { has_received_warning_stock_sms: true });
    store.restore(snap);
    expect(store.get('res.company', 1).has_received_warning_stock_sms).toBe(false);
  });

  it('seeds valid EAN-13 barcodes', () => {
    expect(ean13('400638133393')).toBe('4006381333931');
    for (const product of demo(16).rows('product.product')) expect(String(product.barcode)).toMatch(/^\d{13}$/);
  });
});
