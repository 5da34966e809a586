/** Lots and serials Odoo did not reserve but has in stock, taken as Odoo's barcode app takes them. */
import { describe, expect, it } from 'vitest';
import type { Picking } from '../../../../app/domain';
import { ParcelSchema } from '../../../../app/domain/parcel.schema';
import { translator } from '../../../../app/i18n/catalogues';
import { lotScanSay } from '../../../../app/packing/lot-scan';
import { classifyScan, scanProblemMessage } from '../../../../app/packing/scan-classification';
import { MUG, TEA, startStation } from './packing.fixtures';
import { tracked as reserved } from './tracked.fixtures';

/** The tracked fixture (beans reserved from LOT-A ×2 + LOT-B, scanners SN-1 and SN-2) with stock beyond that. */
const tracked: Picking = {
  ...reserved,
  availableLots: [
    { productId: 103, name: 'LOT-A', quantity: 40 },
    { productId: 103, name: 'LOT-C', quantity: 5 },
    { productId: 104, name: 'SN-9', quantity: 1 },
    // The same name for a product the picking does not hold is no unit of it.
    { productId: 999, name: 'LOT-OTHER', quantity: 7 },
  ],
};

describe('classifyScan: a lot/serial Odoo has in stock but did not reserve', () => {
  it('counts one unit of its product as that lot or serial', () => {
    expect(classifyScan(tracked, {}, 'LOT-C')).toEqual({ kind: 'item', moveId: 13, lot: 'LOT-C' });
    expect(classifyScan(tracked, {}, 'SN-9')).toEqual({ kind: 'item', moveId: 14, serial: 'SN-9' });
  });

  it('refuses a serial scanned twice, and a lot whose product is complete', () => {
    const scanned = [{ moveId: 14, parcelIndex: 1, quantity: 1, serial: 'SN-9' }];
    expect(classifyScan(tracked, { 14: 1 }, 'SN-9', scanned)).toEqual({ kind: 'duplicateSerial', moveId: 14, serial: 'SN-9' });
    expect(scanProblemMessage('duplicateSerial', tracked, { 14: 1 }, 'SN-9')).toBe('Serial SN-9 of Scanner was already scanned in WH/OUT/00042 — scan another unit');
    expect(classifyScan(tracked, { 13: 3 }, 'LOT-C')).toEqual({ kind: 'overQuantity', moveId: 13 });
    expect(scanProblemMessage('overQuantity', tracked, { 13: 3 }, 'LOT-C')).toBe('Too many Beans: all 3 already scanned — put the extra one aside');
  });

  it('refuses names Odoo has no stock of for the picking’s products, naming the products still open', () => {
    expect(classifyScan(tracked, {}, 'LOT-OTHER')).toEqual({ kind: 'unknownBarcode' });
    expect(classifyScan(tracked, {}, 'SN-99')).toEqual({ kind: 'unknownBarcode' });
    expect(scanProblemMessage('unknownBarcode', tracked, { 13: 3 }, 'SN-99')).toBe(
      'Unknown lot/serial SN-99 for Scanner: Odoo has no lot or serial of that name in stock here — scan another unit or a product of WH/OUT/00042',
    );
    expect(scanProblemMessage('unknownBarcode', tracked, {}, 'lot-c')).toContain('(lot names are case-sensitive: Odoo has LOT-C)');
  });

  it('a picking cached before lookups (no availableLots) takes reserved names only', () => {
    const { availableLots: _none, ...old } = tracked;
    expect(classifyScan(old, {}, 'LOT-C')).toEqual({ kind: 'unknownBarcode' });
    expect(classifyScan(old, {}, 'LOT-B')).toEqual({ kind: 'item', moveId: 13, lot: 'LOT-B' });
  });

  it('says the refusal in the packer’s language', () => {
    const said = lotScanSay('unknownBarcode', tracked, 'SN-99', { 13: 3 });
    expect(said).toEqual({ key: 'lots.unknown', params: { code: 'SN-99', product: 'Scanner', picking: 'WH/OUT/00042' } });
    expect(translator.text(said!, { language: 'de', weightUnits: 'metric' })).toMatch(/^Unbekanntes Los bzw\. unbekannte Seriennummer SN-99 für Scanner/);
    expect(translator.text(said!, { language: 'fr', weightUnits: 'metric' })).toMatch(/^Lot ou numéro de série inconnu SN-99 pour Scanner/);
    expect(translator.text(said!, { language: 'es', weightUnits: 'metric' })).toMatch(/^Lote o número de serie desconocido SN-99 para Scanner/);
  });
});

describe('packing machine with a lot Odoo did not reserve', () => {
  it('packs the unit in front of the packer as its lot, and refuses an unknown name', async () => {
    const station = startStation({ loadPicking: () => tracked });
    await station.open();
    station.scan('LOT-C', 'LOT-Z');
    expect(station.state()).toBe('packing.unknownBarcode');
    expect(station.view().message).toContain('Unknown lot/serial LOT-Z for Beans / Scanner');
    station.scan('LOT-A', 'LOT-C', 'SN-9', 'SN-2', MUG, MUG, TEA);
    await station.until('weighing');
    station.send({ type: 'WEIGHT.STABLE', grams: 1300 });
    await station.until('done');
    const items = ParcelSchema.parse(station.calls.record[0]).items;
    expect(items.filter((item) => item.moveId >= 13)).toEqual([
      { moveId: 13, productId: 103, quantity: 3, lots: ['LOT-C', 'LOT-A'], lotQuantities: [{ name: 'LOT-C', quantity: 2 }, { name: 'LOT-A', quantity: 1 }] },
      { moveId: 14, productId: 104, quantity: 2, serials: ['SN-9', 'SN-2'] },
    ]);
  });
});
