/**
 * The command sheet as PDF, read back the way a PDF reader finds its way (xref offsets, page tree, stream lengths):
 * its words are there in the sheet's language (accents through WinAnsi), and its vector bars, drawn into a picture,
 * scan back with a real decoder to exactly the sheet's codes.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandSheet, sheetEntries } from '../../../../app/commands/command-sheet';
import { commandSheetPdf } from '../../../../app/commands/command-sheet.pdf';
import { fitText, pdfString, textWidth, winAnsiByte } from '../../../../app/commands/pdf-text';
import { decodeBarcodes } from '../../../support/zpl-decode';
import { pdfTexts, rasterizeRects, readPdf } from '../../../support/pdf-read';

const box = (id: number, name: string, barcode: string | null) => ({ id, name, barcode });
const AT = Date.UTC(2026, 11, 3, 8, 30);

describe('command sheet PDF', () => {
  it('is a PDF 1.4 whose cross-references all point at their objects, with the words in German', () => {
    const sheet = commandSheet({ stationId: 'pack-07', language: 'de', packageTypes: [box(1, 'Große Kiste', 'PT-L'), box(2, 'Tüte', null)], packageTypesAt: AT });
    const pdf = readPdf(commandSheetPdf(sheet, { createdAt: AT }));
    expect(pdf.version).toBe('1.4');
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.trailer).toMatch(/\/Size 8 /); // catalog, pages, 2 fonts, info, 1 page + content, and object 0
    expect([...pdf.objects.values()].filter((o) => o.includes('/WinAnsiEncoding'))).toHaveLength(2);
    const texts = pdfTexts(pdf.pages[0]!.content);
    expect(texts).toEqual(
      expect.arrayContaining(['Befehlsblatt — Station pack-07', 'Einpacken', 'Taste F2', 'Meldung bestätigen', 'VERPACKUNGSARTEN', 'Große Kiste', 'Tüte', 'O-PKG.2', 'Seite 1 von 1']),
    );
    expect(texts.some((t) => t.startsWith('Verpackungsarten laut Odoo vom'))).toBe(true);
  });

  it('draws bars that scan back to every code of the sheet', async () => {
    const sheet = commandSheet({ stationId: 'pack-07', language: 'fr', packageTypes: [box(1, 'Petit carton', 'PT-SMALL'), box(7, 'Enveloppe', null), box(3, 'Carton 40', '4006381333931')], packageTypesAt: AT });
    const pdf = readPdf(commandSheetPdf(sheet));
    const found = await decodeBarcodes(rasterizeRects(pdf.pages[0]!, 4));
    expect(found.map((f) => f.text).sort()).toEqual(sheetEntries(sheet).map((e) => e.code).sort());
    expect(found.every((f) => f.format === 'Code128')).toBe(true);
  });

  it('continues on further pages, each with its section title, when the package types do not fit one', () => {
    const many = Array.from({ length: 30 }, (_, i) => box(i + 1, `Karton ${i + 1}`, null));
    const sheet = commandSheet({ stationId: 's', language: 'en', packageTypes: many, packageTypesAt: AT });
    const pdf = readPdf(commandSheetPdf(sheet));
    expect(pdf.pages.length).toBeGreaterThan(1);
    const all = pdf.pages.flatMap((p) => pdfTexts(p.content));
    for (const entry of sheetEntries(sheet)) expect(all).toContain(entry.code);
    pdf.pages.forEach((page, i) => {
      const texts = pdfTexts(page.content);
      expect(texts).toContain(`Page ${i + 1} of ${pdf.pages.length}`);
      if (i > 0) expect(texts).toContain('PACKAGE TYPES');
    });
  });

  it('writes text in WinAnsi with PDF escapes, and measures it with Helvetica’s widths', () => {
    expect(pdfString('a(b)\\c')).toBe('(a\\(b\\)\\\\c)');
    expect(pdfString('Größe €')).toBe('(Gr\\366\\337e \\200)');
    expect(winAnsiByte('—')).toBe(0x97);
    expect(winAnsiByte('→')).toBe(0x3f);
    // "Hello" in Helvetica: H 722 + e 556 + l 222 + l 222 + o 556 = 2278 units.
    expect(textWidth('Hello', 'Helvetica', 10)).toBeCloseTo(22.78);
    expect(textWidth('é', 'Helvetica', 10)).toBe(textWidth('e', 'Helvetica', 10));
    const cut = fitText('Étiquette de retour très longue', 'Helvetica-Bold', 12, 80);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 'Helvetica-Bold', 12)).toBeLessThanOrEqual(80);
  });
});

// Poppler (Debian `poppler-utils`) is a reader of its own: where it is installed, it must read the same words.
const poppler = spawnSync('pdftotext', ['-v']).status === 0;

describe.runIf(poppler)('command sheet PDF in Poppler', () => {
  it('opens without complaint and reads the sheet’s words', () => {
    const sheet = commandSheet({ stationId: 'pack-07', language: 'es', packageTypes: [box(1, 'Caja pequeña', 'PT-S')], packageTypesAt: AT });
    const read = spawnSync('pdftotext', ['-layout', '-', '-'], { input: commandSheetPdf(sheet) });
    expect(read.status).toBe(0);
    expect(read.stderr.toString()).toBe('');
    const text = read.stdout.toString();
    for (const words of ['Hoja de comandos — puesto pack-07', 'Empaquetar', 'Tecla F2', 'Cerrar sesión', 'Caja pequeña', 'O-BTN.return-label', 'Página 1 de 1']) {
      expect(text).toContain(words);
    }
  });
});
