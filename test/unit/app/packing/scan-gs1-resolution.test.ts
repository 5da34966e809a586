import { describe, expect, it } from 'vitest';
import type { Picking } from '../../../../app/domain';
import { ParcelSchema } from '../../../../app/domain/parcel.schema';
import { addScan, parcelItems } from '../../../../app/packing/current-parcel';
import { classifyScan, sameProductCode, scanProblemMessage } from '../../../../app/packing/scan-classification';
import { GS } from '../../../../app/scanning/gs1';
import { LARGE_BOX, MUG, TEA, picking, startStation } from './packing.fixtures';

/** MUG is the EAN-13 5901234123457; in a GS1 code it is the GTIN-14 05901234123457. */
const MUG_GTIN = `0${MUG}`;
const OTHER_GTIN = '09501101530003';
const SSCC = '106141412345678908';
const gs1 = (...parts: string[]) => `]d2${parts.join(GS)}`;

describe('classifyScan: GS1 codes against the picking', () => {
  it('matches a GTIN-14 to the EAN-13 the line stores and counts one unit without AI 30/37', () => {
    expect(classifyScan(picking, {}, `]C101${MUG_GTIN}`)).toEqual({ kind: 'item', moveId: 11 });
    expect(classifyScan(picking, {}, `(01)${MUG_GTIN}`)).toEqual({ kind: 'item', moveId: 11 });
    // No symbology identifier, no GS: a whole (01) string still counts.
    expect(classifyScan(picking, {}, `01${MUG_GTIN}`)).toEqual({ kind: 'item', moveId: 11 });
  });

  it('carries quantity (AI 30 or 37), lot and serial', () => {
    expect(classifyScan(picking, {}, gs1(`01${MUG_GTIN}302`))).toEqual({ kind: 'item', moveId: 11, quantity: 2 });
    expect(classifyScan(picking, {}, gs1(`01${MUG_GTIN}17261100` + '10LOT-7', '21SN-1'))).toEqual({
      kind: 'item',
      moveId: 11,
      lot: 'LOT-7',
      serial: 'SN-1',
    });
    expect(classifyScan(picking, {}, `]C102${MUG_GTIN}372`)).toMatchObject({ kind: 'item', quantity: 2 });
  });

  it('a count larger than what is left is overQuantity, with a message that says so', () => {
    const code = gs1(`01${MUG_GTIN}302`);
    expect(classifyScan(picking, { 11: 1 }, code)).toEqual({ kind: 'overQuantity', moveId: 11 });
    expect(scanProblemMessage('overQuantity', picking, { 11: 1 }, code)).toBe(
      'Too many Mug: this code counts 2, only 1 left to pack — scan single units',
    );
    expect(classifyScan(picking, { 11: 2 }, `]C101${MUG_GTIN}`)).toEqual({ kind: 'overQuantity', moveId: 11 });
  });

  it('a serial already scanned in the picking is duplicateSerial', () => {
    const code = gs1(`01${MUG_GTIN}21SN-1`);
    const tracked = [{ moveId: 11, parcelIndex: 1, quantity: 1, serial: 'SN-1' }];
    expect(classifyScan(picking, { 11: 1 }, code, tracked)).toEqual({ kind: 'duplicateSerial', moveId: 11, serial: 'SN-1' });
    expect(classifyScan(picking, { 11: 1 }, gs1(`01${MUG_GTIN}21SN-2`), tracked)).toMatchObject({ kind: 'item', serial: 'SN-2' });
    expect(scanProblemMessage('duplicateSerial', picking, { 11: 1 }, code)).toBe(
      'Serial SN-1 of Mug was already scanned in WH/OUT/00042 — scan another unit',
    );
  });

  it('an SSCC is a package label, not a product', () => {
    for (const code of [`]C100${SSCC}`, `(00)${SSCC}(02)${MUG_GTIN}(37)2`]) {
      expect(classifyScan(picking, {}, code)).toEqual({ kind: 'unknownBarcode' });
      expect(scanProblemMessage('unknownBarcode', picking, {}, code)).toBe(
        `SSCC ${SSCC} is a package label, not a product: scan an item of WH/OUT/00042`,
      );
    }
  });

  it('a valid GTIN that is not in the picking is the wrong product', () => {
    const code = gs1(`01${OTHER_GTIN}10L1`);
    expect(classifyScan(picking, {}, code)).toEqual({ kind: 'wrongProduct' });
    expect(scanProblemMessage('wrongProduct', picking, {}, code)).toBe(
      `Wrong product GTIN ${OTHER_GTIN}: it is not in WH/OUT/00042 — put it aside`,
    );
  });

  it('a malformed GS1 code is unknown, and the message says what is wrong', () => {
    const code = gs1(`01${MUG_GTIN.slice(0, 13)}0`);
    expect(classifyScan(picking, {}, code)).toEqual({ kind: 'unknownBarcode' });
    expect(scanProblemMessage('unknownBarcode', picking, {}, code)).toMatch(/^Unreadable GS1 code: \(01\) GTIN .* wrong check digit/);
    expect(classifyScan(picking, {}, ']C110LOT-ONLY')).toEqual({ kind: 'unknownBarcode' });
    expect(scanProblemMessage('unknownBarcode', picking, {}, ']C110LOT-ONLY')).toMatch(/names no product/);
  });

  it('Odoo codes keep working: EAN/UPC barcodes, internal reference, package types; plain codes get no GS1 message', () => {
    expect(classifyScan(picking, {}, MUG)).toEqual({ kind: 'item', moveId: 11 });
    expect(classifyScan(picking, {}, `]E0${MUG}`)).toEqual({ kind: 'item', moveId: 11 });
    expect(classifyScan(picking, {}, 'MUG-01')).toEqual({ kind: 'item', moveId: 11 });
    expect(classifyScan(picking, {}, TEA)).toEqual({ kind: 'item', moveId: 12 });
    expect(classifyScan(picking, {}, LARGE_BOX)).toEqual({ kind: 'packageType', packageTypeId: 6 });
    expect(scanProblemMessage('unknownBarcode', picking, {}, 'WH/OUT/00099')).toBeNull();
    const upc: Picking = { ...picking, lines: [{ ...picking.lines[0]!, barcode: '0036000291452' }] };
    expect(classifyScan(upc, {}, '036000291452')).toEqual({ kind: 'item', moveId: 11 });
  });

  it('compares GTINs by value, other codes exactly', () => {
    expect(sameProductCode('036000291452', '0036000291452')).toBe(true);
    expect(sameProductCode('00000096385074', '96385074')).toBe(true);
    expect(sameProductCode('MUG-01', 'mug-01')).toBe(false);
    expect(sameProductCode('12345', '012345')).toBe(false);
  });
});

describe('addScan and parcel items', () => {
  it('counts the GS1 quantity and records lots and serials per parcel', () => {
    let counts = { scanned: {}, inParcel: {}, parcelIndex: 1, tracked: [] as const };
    const first = addScan(picking, counts, { moveId: 11, lot: 'L1', serial: 'S1' });
    expect(first.scanned).toEqual({ 11: 1 });
    const second = addScan(picking, { ...counts, ...first }, { moveId: 11, lot: 'L1', serial: 'S2' });
    expect(second.scanned).toEqual({ 11: 2 });
    expect(parcelItems(picking, second.inParcel, { tracked: second.tracked, parcelIndex: 1 })).toEqual([
      { moveId: 11, productId: 101, quantity: 2, lots: ['L1'], lotQuantities: [{ name: 'L1', quantity: 2 }], serials: ['S1', 'S2'] },
    ]);
    counts = { scanned: {}, inParcel: {}, parcelIndex: 1, tracked: [] };
    expect(addScan(picking, counts, { moveId: 11, quantity: 2 }).scanned).toEqual({ 11: 2 });
    // Items without GS1 data stay as they were.
    expect(parcelItems(picking, { 12: 1 })).toEqual([{ moveId: 12, productId: 102, quantity: 1 }]);
  });
});

describe('packing machine with GS1 scans', () => {
  it('counts a GS1 count, refuses a repeated serial with its own state, and records lots/serials on the parcel', async () => {
    const station = startStation();
    await station.open();
    station.scan(gs1(`01${MUG_GTIN}10LOT-7`, `21SN-1`));
    expect(station.view().picking?.lines[0]?.scanned).toBe(1);
    station.scan(gs1(`01${MUG_GTIN}10LOT-7`, `21SN-1`));
    expect(station.state()).toBe('packing.duplicateSerial');
    expect(station.view()).toMatchObject({ tone: 'error', message: expect.stringContaining('Serial SN-1 of Mug was already scanned') });
    station.scan(`]C100${SSCC}`);
    expect(station.view().message).toContain('is a package label, not a product');
    station.scan(gs1(`01${MUG_GTIN}10LOT-8`, `21SN-2`), TEA);
    await station.until('weighing');
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await station.until('done');
    const parcel = station.calls.record[0];
    expect(ParcelSchema.parse(parcel).items).toEqual([
      {
        moveId: 11,
        productId: 101,
        quantity: 2,
        lots: ['LOT-7', 'LOT-8'],
        lotQuantities: [
          { name: 'LOT-7', quantity: 1 },
          { name: 'LOT-8', quantity: 1 },
        ],
        serials: ['SN-1', 'SN-2'],
      },
      { moveId: 12, productId: 102, quantity: 1 },
    ]);
  });

  it('refuses a (30) count above what is left, and forgets serials when a picking is cancelled and reloaded', async () => {
    const station = startStation();
    await station.open();
    station.scan(gs1(`01${MUG_GTIN}21SN-9`));
    station.send({ type: 'COMMAND', action: 'cancel' });
    await station.open();
    station.scan(gs1(`01${MUG_GTIN}21SN-9`));
    expect(station.state()).toBe('packing.scanning');
    station.scan(TEA);
    expect(station.state()).toBe('packing.scanning');
    station.scan(gs1(`01${MUG_GTIN}302`));
    expect(station.state()).toBe('packing.overQuantity');
    station.scan(`]C101${MUG_GTIN}`);
    expect(station.state()).toBe('weighing');
    expect(station.view().picking?.lines[0]?.scanned).toBe(2);
  });
});
