/**
 * The command sheet model: every command that has a barcode, captioned in each of the four languages, and one
 * barcode per package type (Odoo's own, or the station's `O-PKG.<id>` when Odoo has none or Code 128 cannot carry
 * it); and every code on it is one the station takes when scanned.
 */
import { describe, expect, it } from 'vitest';
import { commandSheet, MAX_SYMBOL_MODULES, packageTypeSheetCode, sheetEntries, sheetWords } from '../../../../app/commands/command-sheet';
import { encodeCode128 } from '../../../../app/commands/code128';
import { packageTypeIdOfCode, stationPackageTypeCode } from '../../../../app/commands/package-type-codes';
import { stationCommandForBarcode } from '../../../../app/commands/station-commands';
import { LANGUAGES } from '../../../../app/i18n/language';
import { buttonForBarcode, commandForBarcode, isReturnLabelBarcode } from '../../../../app/packing/command-barcodes';
import { classifyScan } from '../../../../app/packing/scan-classification';
import { picking } from '../../sync/outbox/outbox-fixtures';

const box = (id: number, name: string, barcode: string | null) => ({ id, name, barcode, tareG: 100, lengthMm: 300, widthMm: 200, heightMm: 150, maxWeightG: null });
const TYPES = [box(1, 'Small Box', 'PT-SMALL'), box(2, 'Palette ohne Code', null), box(3, 'Lange Kiste', 'X'.repeat(40))];
const AT = Date.UTC(2026, 11, 3, 8, 30);

describe('command sheet model', () => {
  it.each(LANGUAGES)('captions the commands in %s and keeps their keys and codes', (language) => {
    const sheet = commandSheet({ stationId: 'pack-07', language, packageTypes: TYPES, packageTypesAt: AT });
    expect(sheet.language).toBe(language);
    expect(sheet.title).toContain('pack-07');
    const [commands, types] = sheet.sections;
    expect(commands!.entries.map((e) => [e.code, e.key])).toEqual([
      ['O-BTN.pack', 'F2'],
      ['O-BTN.retry', 'F3'],
      ['O-BTN.reprint', 'F4'],
      ['O-BTN.return-label', 'F7'],
      ['O-BTN.cancel', 'F8'],
      ['O-BTN.ack', 'F9'],
      ['O-BTN.sign-out', 'F10'],
    ]);
    expect(types!.entries.map((e) => [e.code, e.caption, e.key])).toEqual([
      ['PT-SMALL', 'Small Box', null],
      ['O-PKG.2', 'Palette ohne Code', null],
      ['O-PKG.3', 'Lange Kiste', null],
    ]);
    // No caption falls back to its key: every language has its own words.
    for (const entry of sheetEntries(sheet)) expect(entry.caption).not.toMatch(/^commands\./);
  });

  it('speaks the language it is asked for', () => {
    const caption = (language: (typeof LANGUAGES)[number]) =>
      commandSheet({ stationId: 's', language, packageTypes: [], packageTypesAt: null }).sections[0]!.entries.map((e) => e.caption);
    expect(caption('en').slice(0, 2)).toEqual(['Pack', 'Retry']);
    expect(caption('de').slice(0, 2)).toEqual(['Einpacken', 'Erneut versuchen']);
    expect(caption('fr').slice(0, 2)).toEqual(['Mettre en colis', 'Réessayer']);
    expect(caption('es').slice(0, 2)).toEqual(['Empaquetar', 'Reintentar']);
    const de = commandSheet({ stationId: 's', language: 'de', packageTypes: [], packageTypesAt: AT });
    expect(sheetWords(de).key('F2')).toBe('Taste F2');
    expect(sheetWords(de).page(1, 2)).toBe('Seite 1 von 2');
    expect(sheetWords(de).packageTypesNote).toMatch(/^Verpackungsarten laut Odoo vom .*2026/);
  });

  it('leaves the package type section out when none is known, and says why', () => {
    const sheet = commandSheet({ stationId: 's', language: 'fr', packageTypes: [], packageTypesAt: null });
    expect(sheet.sections).toHaveLength(1);
    expect(sheetWords(sheet).packageTypesNote).toContain('Odoo est injoignable');
  });

  it('prints Odoo’s barcode only when Code 128 set B carries it within the label width', () => {
    expect(packageTypeSheetCode(box(9, 'a', ' PT-9 '))).toBe('PT-9');
    expect(packageTypeSheetCode(box(9, 'a', 'Größe-L'))).toBe('O-PKG.9'); // not ASCII
    expect(packageTypeSheetCode(box(9, 'a', ''))).toBe('O-PKG.9');
    const widest = 'A'.repeat(28); // start, 28, check: 30 symbols of 11 modules and the stop's 13
    expect(encodeCode128(widest).modules).toBeLessThanOrEqual(MAX_SYMBOL_MODULES);
    expect(packageTypeSheetCode(box(9, 'a', widest))).toBe(widest);
    expect(packageTypeSheetCode(box(9, 'a', `${widest}A`))).toBe('O-PKG.9');
  });

  it('names the package type by its station code, in any case', () => {
    expect(stationPackageTypeCode(12)).toBe('O-PKG.12');
    expect(packageTypeIdOfCode(' o-pkg.12 ')).toBe(12);
    expect(packageTypeIdOfCode('O-PKG.')).toBeNull();
    expect(packageTypeIdOfCode('O-PKG.12x')).toBeNull();
  });

  it('prints only codes the station takes when they are scanned', () => {
    const sheet = commandSheet({ stationId: 's', language: 'en', packageTypes: TYPES, packageTypesAt: AT });
    const open = picking(12, { packageTypes: TYPES });
    for (const { code } of sheet.sections[0]!.entries) {
      // Each command is the station's list's own, and the packing machine never takes it for a picking or an item.
      expect(stationCommandForBarcode(code)).not.toBeNull();
      expect(commandForBarcode(code), code).not.toBeNull();
      expect(classifyScan(open, {}, code).kind).toBe('command');
    }
    expect(commandForBarcode('O-BTN.pack')).toBe('pack');
    expect(commandForBarcode('o-btn.cancel')).toBe('cancel');
    // Codes the scan intake's interceptors take first; reaching the machine (sign-out where sign-in is off) they press nothing.
    expect(isReturnLabelBarcode('O-BTN.return-label')).toBe(true);
    for (const code of ['O-BTN.sign-out', 'O-BTN.ack', 'O-BTN.return-label']) {
      expect(commandForBarcode(code)).toBe('elsewhere');
      expect(buttonForBarcode(code)).toBeNull();
    }
    for (const [i, { code }] of sheet.sections[1]!.entries.entries()) {
      expect(classifyScan(open, {}, code)).toEqual({ kind: 'packageType', packageTypeId: TYPES[i]!.id });
    }
    // The station code of a type this picking's Odoo does not have is an unknown barcode, not a box.
    expect(classifyScan(open, {}, 'O-PKG.99').kind).toBe('unknownBarcode');
  });
});
