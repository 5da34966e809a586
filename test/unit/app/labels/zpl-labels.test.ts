import { describe, expect, it } from 'vitest';
import { mmToDots, moduleDots, zplFieldData } from '../../../../app/labels/zpl-field';
import { ssccLabelZpl } from '../../../../app/labels/sscc-label.zpl';
import { packingListLabelZpl, packingListRows } from '../../../../app/labels/packing-list-label.zpl';
import { parcel, picking } from '../../../integration/labels/labels.fixtures';

const input = {
  sscc: '106141411234567897',
  from: picking.warehouse,
  to: picking.partner,
  pickingName: picking.name,
  orderRef: picking.origin,
  parcelIndex: 2,
  parcelCount: 3,
  weightG: 1250,
  dpi: 203 as const,
};

describe('ZPL text and units', () => {
  it('escapes ^, ~, _ and non-ASCII as ^FH hex of their UTF-8 bytes', () => {
    expect(zplFieldData('A^B~C_D')).toBe('^FH_^FDA_5EB_7EC_5FD^FS');
    expect(zplFieldData('Zoë')).toBe('^FH_^FDZo_C3_AB^FS');
  });

  it('converts mm at 8/12/24 dots per mm', () => {
    expect([mmToDots(101.6, 203), mmToDots(101.6, 300), mmToDots(101.6, 600)]).toEqual([813, 1219, 2438]);
    // ^BY accepts 1–10 dots: at 600 dpi the module is capped at 10 dots (0.42 mm).
    expect([moduleDots(0.5, 203), moduleDots(0.5, 300), moduleDots(0.5, 600)]).toEqual([4, 6, 10]);
  });
});

describe('ssccLabelZpl', () => {
  it('encodes (00)+SSCC as GS1-128: Start C and FNC1 invocation codes, no interpretation line from the printer', () => {
    expect(ssccLabelZpl(input)).toContain('^BCN,256,N,N,N,N^FD>;>800106141411234567897^FS');
  });

  it('uses UTF-8 and escapes every text field', () => {
    const zpl = ssccLabelZpl(input);
    expect(zpl.startsWith('^XA^CI28')).toBe(true);
    expect(zpl).toContain('ZO_C3_8B "Z_5E_7E" O\'BRIEN');
    expect(zpl).toContain('PARCEL 2 OF 3');
    expect(zpl).toContain('WEIGHT: 1.25 KG');
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
  });

  it('scales with the head: 1.5× the dots at 300 dpi', () => {
    const at300 = ssccLabelZpl({ ...input, dpi: 300 });
    expect(at300).toContain('^PW1219^LL1829');
    expect(at300).toContain('^BY6,3,384');
  });

  it('refuses an SSCC with a wrong check digit and an impossible parcel number', () => {
    expect(() => ssccLabelZpl({ ...input, sscc: '106141411234567890' })).toThrow(/check digit/);
    expect(() => ssccLabelZpl({ ...input, parcelIndex: 4 })).toThrow(expect.objectContaining({ code: 'REJECTED' }));
  });
});

describe('packingListLabelZpl', () => {
  it('lists each item with qty, code and name, then its lots and serials', () => {
    expect(packingListRows(picking, parcel).map((r) => [r.qty, r.code, r.text])).toEqual([
      ['4', 'CUP-01', 'Espresso cup, porcelain, white'],
      ['2', '4006381333931', 'Coffee beans 1 kg'],
      ['', '', 'LOT: L2024-11'],
      ['1', 'GR-500', 'Grinder Ü-500 with a product name far too long for one line'],
      ['', '', 'SN: SN-0001'],
    ]);
  });

  it('shows a non-unit UoM and wraps many serials onto continuation rows', () => {
    const p = { ...picking, lines: picking.lines.map((l) => (l.moveId === 2 ? { ...l, uom: 'kg' } : l)) };
    const serials = Array.from({ length: 9 }, (_, i) => `SERIAL-${i}`);
    const rows = packingListRows(p, { ...parcel, items: [{ moveId: 2, productId: 12, quantity: 1.5, serials }] });
    expect(rows[0]?.qty).toBe('1.5 kg');
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.slice(1).map((r) => r.text).join(' ')).toContain('SERIAL-8');
  });

  it('puts the picking name in a Code 128 and escapes it', () => {
    const zpl = packingListLabelZpl({ picking: { ...picking, name: 'WH/OUT/0007_7' }, parcel, dpi: 203 });
    expect(zpl).toMatch(/\^BCN,\d+,N,N,N,A\^FH_\^FDWH\/OUT\/0007_5F7\^FS/);
    expect(zpl).toContain('Grinder _C3_9C-500');
  });

  it('refuses a parcel item that is not on the picking', () => {
    expect(() => packingListLabelZpl({ picking, parcel: { ...parcel, items: [{ moveId: 99, productId: 1, quantity: 1 }] }, dpi: 203 })).toThrow(/move 99/);
  });
});
