import { describe, expect, it } from 'vitest';
import { COMMAND_BARCODES, buttonForBarcode, commandForBarcode } from '../../../../app/packing/command-barcodes';
import { classifyScan, isGtin } from '../../../../app/packing/scan-classification';
import { LARGE_BOX, MUG, NOT_IN_PICKING, TEA, picking } from './packing.fixtures';

describe('isGtin', () => {
  it('accepts checksum-valid EAN-8, UPC-A, EAN-13 and GTIN-14', () => {
    for (const code of ['96385074', '036000291452', '4006381333931', '10012345678902']) expect(isGtin(code)).toBe(true);
  });
  it('rejects wrong check digits, other lengths and non-digits', () => {
    for (const code of ['96385075', '4006381333932', '123', '400638133393X', 'MUG-01', '']) expect(isGtin(code)).toBe(false);
  });
});

describe('command barcodes', () => {
  it("maps Odoo's codes and the station's own, ignoring case and whitespace", () => {
    expect(commandForBarcode('O-BTN.pack')).toBe('pack');
    expect(commandForBarcode(' o-cmd.CANCEL\r')).toBe('cancel');
    expect(commandForBarcode('O-BTN.validate')).toBe('validate');
    // Answering "did it print?" needs a name and a reason: no barcode does it.
    expect(commandForBarcode('O-BTN.confirm-printed')).toBeNull();
    expect(commandForBarcode('constructor')).toBeNull();
    expect(commandForBarcode(MUG)).toBeNull();
  });
  it('validate presses no button', () => {
    expect(buttonForBarcode('O-BTN.validate')).toBeNull();
    expect(buttonForBarcode('O-BTN.retry')).toBe('retry');
    expect([...COMMAND_BARCODES.keys()].every((key) => key === key.toLowerCase())).toBe(true);
  });
});

describe('classifyScan', () => {
  it('classifies every kind of scan', () => {
    expect(classifyScan(picking, {}, MUG)).toEqual({ kind: 'item', moveId: 11 });
    expect(classifyScan(picking, {}, TEA)).toEqual({ kind: 'item', moveId: 12 });
    expect(classifyScan(picking, { 12: 1 }, TEA)).toEqual({ kind: 'overQuantity', moveId: 12 });
    expect(classifyScan(picking, {}, LARGE_BOX)).toEqual({ kind: 'packageType', packageTypeId: 6 });
    expect(classifyScan(picking, {}, NOT_IN_PICKING)).toEqual({ kind: 'wrongProduct' });
    expect(classifyScan(picking, {}, 'WH/OUT/00099')).toEqual({ kind: 'unknownBarcode' });
    expect(classifyScan(picking, {}, 'O-BTN.pack')).toEqual({ kind: 'command', action: 'pack' });
  });

  it('gives a unit to the first still-open line when two moves share a product', () => {
    const split = { ...picking, lines: [...picking.lines, { ...picking.lines[0]!, moveId: 13, quantity: 1 }] };
    expect(classifyScan(split, {}, MUG)).toEqual({ kind: 'item', moveId: 11 });
    expect(classifyScan(split, { 11: 2 }, MUG)).toEqual({ kind: 'item', moveId: 13 });
    expect(classifyScan(split, { 11: 2, 13: 1 }, MUG)).toEqual({ kind: 'overQuantity', moveId: 11 });
  });
});
