/**
 * The command sheet as a PDF for an office printer: A4 (it prints on Letter too: the content keeps 15 mm margins and
 * ends above Letter's 279 mm), two columns of entries (caption, key hint, Code 128 in vector bars, the code in plain
 * text), sections kept with their first row, several pages when needed.
 */
import { type Code128, barsOf, encodeCode128, QUIET_ZONE_MODULES } from './code128';
import type { CommandSheet, CommandSheetEntry } from './command-sheet.schema';
import { sheetWords } from './command-sheet';
import { fitText, textWidth } from './pdf-text';
import { A4, MM, PdfCanvas, writePdf } from './pdf-writer';

const MARGIN = 15 * MM;
const GAP = 10 * MM;
const COLUMN = (A4.widthPt - 2 * MARGIN - GAP) / 2;
const TOP = A4.heightPt - MARGIN;
/** Lowest baseline of content: 279 mm (Letter's height) less the bottom margin, measured from the top. */
const BOTTOM = A4.heightPt - 279 * MM + MARGIN;
const HEADER = 24 * MM;
const SECTION = 10 * MM;
const ROW = 31 * MM;
const BAR_HEIGHT = 14 * MM;
/** 0.33 mm (13 mil): comfortable for any scanner; narrower only when a long code needs it to fit its column. */
const MODULE = 0.33 * MM;

type Block = { kind: 'section'; title: string } | { kind: 'row'; entries: CommandSheetEntry[] };

function blocksOf(sheet: CommandSheet): { title: string; rows: CommandSheetEntry[][] }[] {
  return sheet.sections.map((section) => {
    const rows: CommandSheetEntry[][] = [];
    for (let i = 0; i < section.entries.length; i += 2) rows.push(section.entries.slice(i, i + 2));
    return { title: section.title, rows };
  });
}

/** Blocks per page: a section title never ends a page; a page that starts inside a section repeats its title. */
function paginate(sheet: CommandSheet): Block[][] {
  const room = TOP - HEADER - BOTTOM;
  const pages: Block[][] = [];
  let page: Block[] = [];
  let used = 0;
  for (const section of blocksOf(sheet)) {
    section.rows.forEach((entries, i) => {
      const title: Block = { kind: 'section', title: section.title };
      const row: Block = { kind: 'row', entries };
      let blocks = i === 0 || used === 0 ? [title, row] : [row];
      const height = (list: Block[]) => list.reduce((sum, b) => sum + (b.kind === 'section' ? SECTION : ROW), 0);
      if (used + height(blocks) > room && page.length > 0) {
        pages.push(page);
        page = [];
        used = 0;
        blocks = [title, row];
      }
      page.push(...blocks);
      used += height(blocks);
    });
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}

function drawBarcode(canvas: PdfCanvas, code: Code128, x: number, y: number): void {
  const module = Math.min(MODULE, COLUMN / (code.modules + 2 * QUIET_ZONE_MODULES));
  const left = x + QUIET_ZONE_MODULES * module;
  for (const [start, width] of barsOf(code)) canvas.fillRect(left + start * module, y, width * module, BAR_HEIGHT);
}

function drawEntry(canvas: PdfCanvas, entry: CommandSheetEntry, x: number, top: number, keyText: (key: string) => string): void {
  const captionY = top - 5 * MM;
  let captionRoom = COLUMN;
  if (entry.key !== null) {
    const hint = keyText(entry.key);
    const width = textWidth(hint, 'Helvetica', 9);
    canvas.text(x + COLUMN - width, captionY, 'Helvetica', 9, hint);
    captionRoom -= width + 4 * MM;
  }
  canvas.text(x, captionY, 'Helvetica-Bold', 12, fitText(entry.caption, 'Helvetica-Bold', 12, captionRoom));
  const barsY = captionY - 3 * MM - BAR_HEIGHT;
  drawBarcode(canvas, encodeCode128(entry.code), x, barsY);
  canvas.text(x + 3 * MM, barsY - 4 * MM, 'Helvetica', 8, entry.code);
}

export function commandSheetPdf(sheet: CommandSheet, opts: { createdAt?: number } = {}): Uint8Array<ArrayBuffer> {
  const words = sheetWords(sheet);
  const pages = paginate(sheet);
  const width = A4.widthPt - 2 * MARGIN;
  const canvases = pages.map((blocks, index) => {
    const canvas = new PdfCanvas(A4.widthPt, A4.heightPt);
    canvas.text(MARGIN, TOP - 6 * MM, 'Helvetica-Bold', 16, fitText(sheet.title, 'Helvetica-Bold', 16, width));
    canvas.text(MARGIN, TOP - 13 * MM, 'Helvetica', 10, fitText(words.howTo, 'Helvetica', 10, width));
    canvas.line(MARGIN, TOP - 17 * MM, A4.widthPt - MARGIN, TOP - 17 * MM);
    let y = TOP - HEADER;
    for (const block of blocks) {
      if (block.kind === 'section') {
        canvas.text(MARGIN, y - 6 * MM, 'Helvetica-Bold', 11, block.title.toUpperCase());
        y -= SECTION;
        continue;
      }
      block.entries.forEach((entry, column) => drawEntry(canvas, entry, MARGIN + column * (COLUMN + GAP), y, words.key));
      y -= ROW;
    }
    const page = words.page(index + 1, pages.length);
    canvas.line(MARGIN, BOTTOM - 2 * MM, A4.widthPt - MARGIN, BOTTOM - 2 * MM);
    canvas.text(A4.widthPt - MARGIN - textWidth(page, 'Helvetica', 8), BOTTOM - 6 * MM, 'Helvetica', 8, page);
    canvas.text(MARGIN, BOTTOM - 6 * MM, 'Helvetica', 8, fitText(words.packageTypesNote, 'Helvetica', 8, width - textWidth(page, 'Helvetica', 8) - 6 * MM));
    return canvas;
  });
  return writePdf(canvases, { title: sheet.title, ...(opts.createdAt !== undefined ? { createdAt: opts.createdAt } : {}) });
}
