/**
 * ZPL text and unit helpers shared by every label the station builds (and by the carrier sandbox's label).
 * Pure: strings and Uint8Array only, so it lives in app/.
 */
import type { Dpi } from '../domain/shipment.schema';

const utf8 = new TextEncoder();

/**
 * Field data through `^FH_`: every byte outside printable ASCII, and ZPL's own `^`, `~` and `_`, goes as `_XX`
 * hex of its UTF-8 bytes (the format selects UTF-8 with `^CI28`). A customer named "A^B" must not end the field.
 * ZPL II Programming Guide, ^FH (Field Hexadecimal Indicator) and ^CI (Change International Font/Encoding, 28 = UTF-8).
 */
export function zplFieldData(text: string): string {
  let out = '';
  for (const byte of utf8.encode(text)) {
    const safe = byte >= 0x20 && byte <= 0x7e && byte !== 0x5e && byte !== 0x7e && byte !== 0x5f;
    out += safe ? String.fromCharCode(byte) : `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `^FH_^FD${out}^FS`;
}

/**
 * Zebra heads are 8, 12 or 24 dots/mm; "203/300/600 dpi" are their rounded names. Designing in millimetres and
 * converting with these exact factors keeps a label the same physical size on every head (it is also why ZPL's
 * own conversion is written `^MUd,200,300`: a factor of 1.5, not 300/203).
 */
export const DOTS_PER_MM: Readonly<Record<Dpi, number>> = { 203: 8, 300: 12, 600: 24 };

/** Millimetres → whole dots at `dpi`; never 0, so a hairline stays visible. */
export function mmToDots(mm: number, dpi: Dpi): number {
  return Math.max(1, Math.round(mm * DOTS_PER_MM[dpi]));
}

/** Text field at a position in mm, font 0 (scalable) with height/width in mm. */
export function zplText(xMm: number, yMm: number, heightMm: number, text: string, dpi: Dpi, widthMm = heightMm * 0.9): string {
  const d = (mm: number): number => mmToDots(mm, dpi);
  return `^FO${d(xMm)},${d(yMm)}^A0N,${d(heightMm)},${d(widthMm)}${zplFieldData(text)}`;
}

/** Horizontal or vertical rule / box, in mm. */
export function zplBox(xMm: number, yMm: number, wMm: number, hMm: number, thickMm: number, dpi: Dpi): string {
  const d = (mm: number): number => mmToDots(mm, dpi);
  return `^FO${d(xMm)},${d(yMm)}^GB${d(wMm)},${d(hMm)},${d(thickMm)}^FS`;
}

/**
 * Code 128 module (narrow bar) width in whole dots closest to `mm` at `dpi`, at least 2 dots: 1-dot bars print
 * unevenly on thermal heads. ZPL ^BY takes whole dots (1–10).
 */
export function moduleDots(mm: number, dpi: Dpi): number {
  return Math.min(10, Math.max(2, Math.round(mm * DOTS_PER_MM[dpi])));
}
