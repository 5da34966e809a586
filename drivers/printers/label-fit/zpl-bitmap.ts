/**
 * 1-bit bitmaps as ZPL carries them in `^GFA` / `~DG`: rows of bytes, MSB = leftmost dot, bit 1 = a printed (black)
 * dot, written as two hex digits per byte. ZPL II Programming Guide: ^GF (Graphic Field: `^GFa,b,c,d,data`, for
 * ASCII b = c = bytes per row × rows, 1–99999) and "Alternative Data Compression Scheme for ~DG and ^GF Commands"
 * (repeat counts G–Y = 1–19 and g–z = 20–400 in steps of 20 before a hex digit; `,` fills the rest of the row with 0,
 * `!` with 1; `:` repeats the previous row).
 */
import { StationError } from '../../../app/domain/errors';

export interface Bitmap {
  width: number;
  height: number;
  /** One byte per dot: 1 = black. Row-major. */
  dots: Uint8Array;
}

/** Packs a bitmap into ZPL graphic rows. */
export function packRows(bmp: Bitmap): { bytesPerRow: number; rows: Uint8Array[] } {
  const bytesPerRow = Math.ceil(bmp.width / 8);
  const rows: Uint8Array[] = [];
  for (let y = 0; y < bmp.height; y += 1) {
    const row = new Uint8Array(bytesPerRow);
    for (let x = 0; x < bmp.width; x += 1) {
      if (bmp.dots[y * bmp.width + x] === 1) row[x >> 3] = (row[x >> 3] ?? 0) | (0x80 >> (x & 7));
    }
    rows.push(row);
  }
  return { bytesPerRow, rows };
}

const hexOf = (row: Uint8Array): string => Array.from(row, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');

/** A repeat count in the compression alphabet: lower-case letters add multiples of 20, upper-case add 1–19. */
function repeatPrefix(count: number): string {
  let out = '';
  let n = count;
  while (n >= 400) {
    out += 'z';
    n -= 400;
  }
  if (n >= 20) {
    out += String.fromCharCode('g'.charCodeAt(0) + Math.floor(n / 20) - 1);
    n %= 20;
  }
  if (n > 0) out += String.fromCharCode('G'.charCodeAt(0) + n - 1);
  return out;
}

/** One row with runs of a repeated hex digit shortened, and a trailing run of 0s (or Fs) as `,` (or `!`). */
function compressRow(hex: string): string {
  let body = hex;
  let tail = '';
  const zeros = /0+$/.exec(body);
  const ones = /F+$/.exec(body);
  if (zeros !== null && zeros[0].length > 1) {
    body = body.slice(0, zeros.index);
    tail = ',';
  } else if (ones !== null && ones[0].length > 1) {
    body = body.slice(0, ones.index);
    tail = '!';
  }
  let out = '';
  for (let i = 0; i < body.length; ) {
    let j = i + 1;
    while (j < body.length && body[j] === body[i]) j += 1;
    const run = j - i;
    out += run > 2 ? `${repeatPrefix(run)}${body[i]}` : body.slice(i, j);
    i = j;
  }
  return out + tail;
}

/** Hex data for ^GFA: one line per row, compressed rows and `:` for a row equal to the one before. */
export function encodeRows(rows: readonly Uint8Array[], compress: boolean): string {
  const lines: string[] = [];
  let previous: string | null = null;
  for (const row of rows) {
    const hex = hexOf(row);
    if (!compress) lines.push(hex);
    else lines.push(hex === previous ? ':' : compressRow(hex));
    previous = hex;
  }
  return lines.join('\n');
}

/**
 * Inverse of encodeRows for any ASCII ^GFA / ~DG payload (compressed or not), so embedded graphics can be
 * resampled. Z64/B64 payloads (`:Z64:…`) need zlib and are refused.
 */
export function decodeRows(data: string, bytesPerRow: number, totalBytes: number): Uint8Array[] {
  if (data.startsWith(':Z64:') || data.startsWith(':B64:')) {
    throw new StationError('REJECTED', 'a ^GF graphic in Z64/B64 encoding cannot be rescaled here; ask the carrier for a label at the printer dpi');
  }
  const hexPerRow = bytesPerRow * 2;
  const rowCount = Math.ceil(totalBytes / bytesPerRow);
  const rows: Uint8Array[] = [];
  let cur = '';
  let count = 0;
  const finish = (fill: string): void => {
    const full = (cur + fill.repeat(hexPerRow)).slice(0, hexPerRow);
    const row = new Uint8Array(bytesPerRow);
    for (let i = 0; i < bytesPerRow; i += 1) row[i] = parseInt(full.slice(i * 2, i * 2 + 2), 16);
    rows.push(row);
    cur = '';
  };
  for (const ch of data) {
    if (rows.length >= rowCount) break;
    if (ch >= 'G' && ch <= 'Y') count += ch.charCodeAt(0) - 'G'.charCodeAt(0) + 1;
    else if (ch >= 'g' && ch <= 'z') count += (ch.charCodeAt(0) - 'g'.charCodeAt(0) + 1) * 20;
    else if (/[0-9A-Fa-f]/.test(ch)) {
      cur += ch.toUpperCase().repeat(Math.max(1, count));
      count = 0;
      while (cur.length >= hexPerRow) {
        const rest = cur.slice(hexPerRow);
        cur = cur.slice(0, hexPerRow);
        finish('0');
        cur = rest;
      }
    } else if (ch === ',') finish('0');
    else if (ch === '!') finish('F');
    else if (ch === ':') {
      if (cur !== '') finish('0');
      rows.push(new Uint8Array(rows.at(-1) ?? new Uint8Array(bytesPerRow)));
    }
    // Whitespace and line breaks carry no data.
  }
  if (cur !== '' && rows.length < rowCount) finish('0');
  while (rows.length < rowCount) rows.push(new Uint8Array(bytesPerRow));
  return rows;
}

export function unpackRows(rows: readonly Uint8Array[], bytesPerRow: number): Bitmap {
  const width = bytesPerRow * 8;
  const dots = new Uint8Array(width * rows.length);
  rows.forEach((row, y) => {
    for (let x = 0; x < width; x += 1) dots[y * width + x] = ((row[x >> 3] ?? 0) >> (7 - (x & 7))) & 1;
  });
  return { width, height: rows.length, dots };
}

/**
 * Area resampling of a grey image (0 = black … 255 = white) to `width`×`height`: every target dot averages the
 * source area it covers, so thin bars neither vanish when shrinking nor grow unevenly when enlarging as they
 * would with nearest-neighbour at 1.5×.
 */
export function resampleGrey(src: Float32Array, sw: number, sh: number, width: number, height: number): Float32Array {
  const horiz = new Float32Array(width * sh);
  const sx = sw / width;
  for (let x = 0; x < width; x += 1) {
    const a = x * sx;
    const b = a + sx;
    for (let y = 0; y < sh; y += 1) {
      let acc = 0;
      for (let i = Math.floor(a); i < Math.min(sw, Math.ceil(b)); i += 1) acc += (src[y * sw + i] ?? 255) * (Math.min(b, i + 1) - Math.max(a, i));
      horiz[y * width + x] = acc / sx;
    }
  }
  const out = new Float32Array(width * height);
  const sy = sh / height;
  for (let y = 0; y < height; y += 1) {
    const a = y * sy;
    const b = a + sy;
    for (let x = 0; x < width; x += 1) {
      let acc = 0;
      for (let j = Math.floor(a); j < Math.min(sh, Math.ceil(b)); j += 1) acc += (horiz[j * width + x] ?? 255) * (Math.min(b, j + 1) - Math.max(a, j));
      out[y * width + x] = acc / sy;
    }
  }
  return out;
}

/** Grey → 1-bit: darker than `threshold` prints. */
export function threshold(grey: Float32Array, width: number, height: number, level: number): Bitmap {
  const dots = new Uint8Array(width * height);
  for (let i = 0; i < dots.length; i += 1) dots[i] = (grey[i] ?? 255) < level ? 1 : 0;
  return { width, height, dots };
}

/** A 1-bit bitmap as grey (black 0, white 255), for resampling. */
export function toGrey(bmp: Bitmap): Float32Array {
  return Float32Array.from(bmp.dots, (d) => (d === 1 ? 0 : 255));
}

/** ZPL limits b and c of ^GF to 99999 bytes: taller graphics go as stacked bands. */
export const GF_MAX_BYTES = 99_999;

/** `^FOx,y^GFA,…^FS` fields for a bitmap at (x, y), split into bands that each stay within GF_MAX_BYTES. */
export function graphicFields(bmp: Bitmap, x: number, y: number, compress: boolean): string {
  const { bytesPerRow, rows } = packRows(bmp);
  const bandRows = Math.max(1, Math.floor(GF_MAX_BYTES / bytesPerRow));
  const fields: string[] = [];
  for (let start = 0; start < rows.length; start += bandRows) {
    const band = rows.slice(start, start + bandRows);
    // Skip all-white bands: nothing to print, and fewer bytes on the wire.
    if (band.every((r) => r.every((b) => b === 0))) continue;
    const total = band.length * bytesPerRow;
    fields.push(`^FO${x},${y + start}^GFA,${total},${total},${bytesPerRow},${encodeRows(band, compress)}^FS`);
  }
  return fields.join('\n');
}
