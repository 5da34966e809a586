/**
 * The command sheet on the label printer: one `^XA…^XZ` label per page, each with the sheet's title, then entries
 * one under another (caption, key hint on the right, the Code 128 drawn by the printer's own `^BC`, and the code in
 * plain text under it), sections kept together with their first entry. Sized in millimetres for the printer's dpi
 * (4x6 in by default), so a 203 and a 300 dpi printer print the same sheet.
 */
import { encodeCode128, QUIET_ZONE_MODULES } from '../commands/code128';
import type { CommandSheet, CommandSheetEntry } from '../commands/command-sheet.schema';
import { sheetWords } from '../commands/command-sheet';
import { StationError } from '../domain/errors';
import type { Dpi } from '../domain/shipment.schema';
import { LABEL_HEIGHT_MM, LABEL_WIDTH_MM, clip } from './sscc-label.zpl';
import { DOTS_PER_MM, mmToDots, moduleDots, zplBox, zplFieldData, zplText } from './zpl-field';

export interface CommandSheetZplOptions {
  dpi: Dpi;
  widthMm?: number;
  heightMm?: number;
}

const MARGIN_MM = 4;
const TOP_MM = 16;
const FOOTER_MM = 10;
const SECTION_MM = 7;
const ENTRY_MM = 21;
const BAR_HEIGHT_MM = 11;
/** 0.25 mm: 2 dots at 203 dpi, 3 at 300, 6 at 600; every scanner at the bench reads it at arm's length. */
const MODULE_MM = 0.25;

type Row = { kind: 'section'; title: string } | { kind: 'entry'; entry: CommandSheetEntry };

/** Rows per label: a section title never ends a label, and a label that starts inside a section repeats its title. */
function paginate(sheet: CommandSheet, bodyMm: number): Row[][] {
  const pages: Row[][] = [];
  let page: Row[] = [];
  let used = 0;
  const heightOf = (row: Row) => (row.kind === 'section' ? SECTION_MM : ENTRY_MM);
  for (const section of sheet.sections) {
    section.entries.forEach((entry, i) => {
      const rows: Row[] = i === 0 || used === 0 ? [{ kind: 'section', title: section.title }, { kind: 'entry', entry }] : [{ kind: 'entry', entry }];
      const need = rows.reduce((sum, row) => sum + heightOf(row), 0);
      if (used + need > bodyMm && page.length > 0) {
        pages.push(page);
        page = [];
        used = 0;
        rows.splice(0, rows.length, { kind: 'section', title: section.title }, { kind: 'entry', entry });
      }
      page.push(...rows);
      used += rows.reduce((sum, row) => sum + heightOf(row), 0);
    });
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}

/** `^BC` field for `code`, its quiet zone inside the margin; refused when it cannot fit the label at any module. */
function barcode(code: string, yMm: number, widthMm: number, dpi: Dpi): string {
  const symbol = encodeCode128(code);
  const available = Math.floor((widthMm - 2 * MARGIN_MM) * DOTS_PER_MM[dpi]);
  let module = moduleDots(MODULE_MM, dpi);
  while (module > 1 && (symbol.modules + 2 * QUIET_ZONE_MODULES) * module > available) module -= 1;
  if ((symbol.modules + 2 * QUIET_ZONE_MODULES) * module > available) {
    throw new StationError('REJECTED', `the barcode ${code} is too wide for a ${widthMm} mm label`);
  }
  const x = mmToDots(MARGIN_MM, dpi) + QUIET_ZONE_MODULES * module;
  // Automatic mode (last ^BC parameter A): the printer picks the code sets; ^FH_ escapes ^ ~ _ in the data.
  return `^BY${module},3,${mmToDots(BAR_HEIGHT_MM, dpi)}^FO${x},${mmToDots(yMm, dpi)}^BCN,${mmToDots(BAR_HEIGHT_MM, dpi)},N,N,N,A${zplFieldData(code)}`;
}

/** Text right-aligned in a field block ending at the right margin. */
function rightText(yMm: number, heightMm: number, text: string, widthMm: number, dpi: Dpi): string {
  const d = (mm: number) => mmToDots(mm, dpi);
  return `^FO${d(MARGIN_MM)},${d(yMm)}^A0N,${d(heightMm)},${d(heightMm * 0.9)}^FB${d(widthMm - 2 * MARGIN_MM)},1,0,R,0${zplFieldData(text)}`;
}

export function commandSheetZpl(sheet: CommandSheet, opts: CommandSheetZplOptions): string {
  const { dpi } = opts;
  const widthMm = opts.widthMm ?? LABEL_WIDTH_MM;
  const heightMm = opts.heightMm ?? LABEL_HEIGHT_MM;
  const inner = widthMm - 2 * MARGIN_MM;
  const words = sheetWords(sheet);
  const pages = paginate(sheet, heightMm - TOP_MM - FOOTER_MM);
  const labels = pages.map((rows, index) => {
    const out = [`^XA^CI28^PW${mmToDots(widthMm, dpi)}^LL${mmToDots(heightMm, dpi)}^LH0,0^PON^PMN^LRN`];
    out.push(zplText(MARGIN_MM, 3, 4.5, clip(sheet.title, inner, 4.5), dpi));
    out.push(zplText(MARGIN_MM, 9.5, 2.8, clip(words.howTo, inner, 2.8), dpi));
    out.push(zplBox(0, TOP_MM - 2.5, widthMm, 0.3, 0.3, dpi));
    let y = TOP_MM;
    for (const row of rows) {
      if (row.kind === 'section') {
        out.push(zplText(MARGIN_MM, y, 3.8, clip(row.title.toUpperCase(), inner, 3.8), dpi));
        y += SECTION_MM;
        continue;
      }
      const { entry } = row;
      const keyText = entry.key === null ? null : words.key(entry.key);
      out.push(zplText(MARGIN_MM, y, 3.6, clip(entry.caption, inner - (keyText ? 20 : 0), 3.6), dpi));
      if (keyText) out.push(rightText(y, 3.2, keyText, widthMm, dpi));
      out.push(barcode(entry.code, y + 4.8, widthMm, dpi));
      out.push(zplText(MARGIN_MM + 2.5, y + 5 + BAR_HEIGHT_MM + 0.8, 2.4, clip(entry.code, inner, 2.4), dpi));
      y += ENTRY_MM;
    }
    out.push(zplBox(0, heightMm - FOOTER_MM + 1, widthMm, 0.3, 0.3, dpi));
    out.push(zplText(MARGIN_MM, heightMm - FOOTER_MM + 2.5, 2.4, clip(words.packageTypesNote, inner - 22, 2.4), dpi));
    out.push(rightText(heightMm - FOOTER_MM + 2.5, 2.4, words.page(index + 1, pages.length), widthMm, dpi));
    out.push('^PQ1,0,1,Y^XZ');
    return out.join('\n');
  });
  return `${labels.join('\n')}\n`;
}
