/**
 * The command sheet on the label printer: one ^BC per entry with the code through ^FH (so `^`, `~`, `_` in an Odoo
 * barcode cannot break the format), several labels when the entries do not fit one, and the labels, rendered the
 * way a Zebra does (zebrash), scan back to every code at 203 and 300 dpi.
 */
import { describe, expect, it } from 'vitest';
import { commandSheet, sheetEntries } from '../../../../app/commands/command-sheet';
import { commandSheetZpl } from '../../../../app/labels/command-sheet.zpl';
import { zplBarcodeFields as barcodeFields } from '../../../support/zpl-barcode-fields';
import { decodeZplBarcodes } from '../../../support/zpl-decode';

const box = (id: number, name: string, barcode: string | null) => ({ id, name, barcode });
const AT = Date.UTC(2026, 11, 3, 8, 30);

describe('command sheet ZPL', () => {
  const sheet = commandSheet({
    stationId: 'pack-07',
    language: 'es',
    packageTypes: [box(1, 'Caja pequeña', 'PT_S^1~'), box(2, 'Sobre', null), box(3, 'Caja 40', '4006381333931')],
    packageTypesAt: AT,
  });

  it('prints one Code 128 field per entry, escaped, over as many labels as it needs', () => {
    const zpl = commandSheetZpl(sheet, { dpi: 203 });
    expect(barcodeFields(zpl)).toEqual(sheetEntries(sheet).map((e) => e.code));
    expect(zpl).toContain('^FDPT_5FS_5E1_7E^FS');
    const labels = zpl.match(/\^XA/g)!.length;
    expect(labels).toBe(zpl.match(/\^XZ/g)!.length);
    expect(labels).toBe(2);
    expect(zpl).toContain('^PW813^LL1219'); // 4x6 in at 8 dots/mm
    expect(zpl).toContain('^FDP_C3_A1gina 2 de 2^FS');
    expect(zpl).toContain('^FDTecla F2^FS');
  });

  it('keeps the physical size at 300 dpi: 0.25 mm modules are 3 dots there', () => {
    const zpl = commandSheetZpl(sheet, { dpi: 300 });
    expect(zpl).toContain('^PW1219^LL1829');
    expect(zpl.match(/\^BY(\d+),/g)!.every((by) => by === '^BY3,')).toBe(true);
    expect(commandSheetZpl(sheet, { dpi: 203 }).match(/\^BY(\d+),/g)!.every((by) => by === '^BY2,')).toBe(true);
  });

  it.each([203, 300] as const)('scans back to every code of the sheet at %i dpi', async (dpi) => {
    const zpl = commandSheetZpl(sheet, { dpi });
    const found = await decodeZplBarcodes(zpl, { dpmm: dpi === 203 ? 8 : 12 });
    expect(found.map((f) => f.text)).toEqual(sheetEntries(sheet).map((e) => e.code));
  }, 60_000);

  it('refuses a label too narrow for a code rather than print one no scanner reads', () => {
    expect(() => commandSheetZpl(sheet, { dpi: 203, widthMm: 30 })).toThrow(/too wide for a 30 mm label/);
  });
});
