/**
 * A minimal PDF 1.4 writer (ISO 32000-1 structure: header, numbered objects, cross-reference table, trailer) for
 * vector pages of filled rectangles, rules and text in the two standard Helvetica fonts. Uncompressed and 7-bit, so
 * any reader opens it and a test can read it back. Pure: bytes in a Uint8Array, for the CLI and the browser alike.
 */
import { type PdfFont, pdfString } from './pdf-text';

export const MM = 72 / 25.4;
export const A4 = { widthPt: 210 * MM, heightPt: 297 * MM } as const;

/** Resource names of the fonts on every page. */
const FONT_NAMES: Readonly<Record<PdfFont, string>> = { Helvetica: 'F1', 'Helvetica-Bold': 'F2' };

const num = (n: number): string => {
  const fixed = n.toFixed(2);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
};

/** Drawing operators for one page; coordinates in points from the bottom left corner, as PDF has them. */
export class PdfCanvas {
  private readonly ops: string[] = [];
  private readonly rects: string[] = [];

  constructor(
    readonly widthPt: number,
    readonly heightPt: number,
  ) {}

  /** A filled black rectangle (bars are collected and filled in one operation). */
  fillRect(x: number, y: number, w: number, h: number): void {
    this.rects.push(`${num(x)} ${num(y)} ${num(w)} ${num(h)} re`);
  }

  /** A black rule `thickness` points wide. */
  line(x1: number, y1: number, x2: number, y2: number, thickness = 0.5): void {
    this.ops.push(`${num(thickness)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  /** Text with its baseline starting at (x, y). */
  text(x: number, y: number, font: PdfFont, size: number, text: string): void {
    this.ops.push(`BT /${FONT_NAMES[font]} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(y)} Tm ${pdfString(text)} Tj ET`);
  }

  content(): string {
    const fill = this.rects.length > 0 ? [...this.rects, 'f'] : [];
    return ['0 g 0 G', ...this.ops, ...fill].join('\n');
  }
}

/** A PDF text string for the document information: UTF-16BE with its byte order mark, any language. */
function infoString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i += 1) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

const pdfDate = (at: number): string => `(D:${new Date(at).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;

export interface PdfInfo {
  title: string;
  createdAt?: number;
}

export function writePdf(pages: readonly PdfCanvas[], info: PdfInfo): Uint8Array<ArrayBuffer> {
  const fontIds = { Helvetica: 3, 'Helvetica-Bold': 4 } as const;
  const firstPage = 6;
  const pageIds = pages.map((_, i) => firstPage + 2 * i);
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    ...(Object.keys(fontIds) as PdfFont[]).map((font) => `<< /Type /Font /Subtype /Type1 /BaseFont /${font} /Encoding /WinAnsiEncoding >>`),
    `<< /Title ${infoString(info.title)} /Producer (packing station)${info.createdAt !== undefined ? ` /CreationDate ${pdfDate(info.createdAt)}` : ''} >>`,
  ];
  const fonts = (Object.entries(fontIds) as [PdfFont, number][]).map(([font, id]) => `/${FONT_NAMES[font]} ${id} 0 R`).join(' ');
  pages.forEach((page, i) => {
    const content = page.content();
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(page.widthPt)} ${num(page.heightPt)}] /Resources << /Font << ${fonts} >> >> /Contents ${pageIds[i]! + 1} 0 R >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    );
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  // Each cross-reference entry is exactly 20 bytes: 10-digit offset, 5-digit generation, n/f, two-byte end of line.
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const bytes = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i += 1) bytes[i] = out.charCodeAt(i);
  return bytes;
}
