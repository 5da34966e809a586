/**
 * Text for the PDF writer in the standard Helvetica fonts every PDF reader carries (nothing embedded). WinAnsiEncoding
 * (Windows-1252) covers German, French and Spanish; a character outside it prints as `?`. Widths are Adobe's AFM
 * metrics for ASCII, in 1/1000 em; accented letters take their base letter's width (the accent adds none).
 */
export type PdfFont = 'Helvetica' | 'Helvetica-Bold';

/** Windows-1252 bytes 0x80–0x9F that are not Latin-1 code points (0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned). */
const CP1252_HIGH: Readonly<Record<number, number>> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** The WinAnsi byte of one character, or `?` (0x3F) when the encoding has none. */
export function winAnsiByte(char: string): number {
  const cp = char.codePointAt(0) ?? 0x3f;
  if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) return cp;
  return CP1252_HIGH[cp] ?? 0x3f;
}

/**
 * A PDF literal string in WinAnsi: `(`, `)` and `\` escaped, every byte outside printable ASCII as an octal escape,
 * so the file stays 7-bit and its text can be found by reading it.
 */
export function pdfString(text: string): string {
  let out = '(';
  for (const char of text) {
    const byte = winAnsiByte(char);
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out})`;
}

// Adobe AFM advance widths of ASCII 0x20–0x7E (quotesingle and grave at 0x27 and 0x60, as WinAnsi maps them).
// prettier-ignore
const WIDTHS: Readonly<Record<PdfFont, readonly number[]>> = {
  Helvetica: [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
    556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
  ],
  'Helvetica-Bold': [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
    611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
  ],
};

/** Non-ASCII characters whose width is not their base letter's (same in both weights, as the AFMs give them). */
const OTHER_WIDTHS: Readonly<Record<string, number>> = { ß: 611, '€': 556, '–': 556, '—': 1000, '…': 1000, '•': 350, '‘': 278, '’': 278, '“': 500, '”': 500, '«': 556, '»': 556, '¿': 611, '¡': 333 };

function charWidth(char: string, font: PdfFont): number {
  const table = WIDTHS[font];
  const code = char.charCodeAt(0);
  if (code >= 0x20 && code <= 0x7e) return table[code - 0x20] ?? 556;
  const other = OTHER_WIDTHS[char];
  if (other !== undefined) return other;
  const base = char.normalize('NFD').charCodeAt(0);
  return base >= 0x20 && base <= 0x7e ? (table[base - 0x20] ?? 556) : 556;
}

/** Width of `text` set in `font` at `size` points, in points. */
export function textWidth(text: string, font: PdfFont, size: number): number {
  let units = 0;
  for (const char of text) units += charWidth(char, font);
  return (units * size) / 1000;
}

/** `text` cut (with an ellipsis) to fit `maxWidth` points. */
export function fitText(text: string, font: PdfFont, size: number, maxWidth: number): string {
  if (textWidth(text, font, size) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, font, size) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
