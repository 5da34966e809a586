/**
 * Moving ZPL between head resolutions (8, 12, 24 dots/mm) so a label keeps its physical size.
 *
 * Two ways (README, "Printing" → DPI):
 * - `rescaleZpl` rewrites every dot-valued parameter itself (positions, sizes, fonts, bar heights, module widths)
 *   and resamples embedded ASCII ^GF / ~DG bitmaps. It works in both directions, on any ZPL interpreter, and its
 *   result can be checked by rendering. Default in fitLabelToPrinter.
 * - `insertMuConversion` puts `^MUd,<from>,<to>` after every ^XA and lets the printer convert (ZPL II Programming
 *   Guide, ^MU Set Units of Measurement: b = format base 150/200/300, c = desired 300/600, "should appear at the
 *   beginning of the label format"). Only upward, and per the guide and Oki's ZPL-emulation reference (LE850
 *   Technical Reference §8.97, noting Zebra's behaviour) it does NOT rescale: ^GF/~DG/^IM bitmaps (pixels stay
 *   pixels), ^BD MaxiCode and ^BR GS1 DataBar; placement before/after ^FO/^LH/^LL/^PW changes the result, and some
 *   emulations ignore a 1.5× conversion altogether. zebrash (our test renderer) ignores ^MU, so it cannot be verified.
 */
import type { Dpi } from '../../../app/domain/shipment.schema';
import { StationError } from '../../../app/domain/errors';
import { DOTS_PER_MM } from '../../../app/labels/zpl-field';
import { decodeRows, encodeRows, packRows, resampleGrey, threshold, toGrey, unpackRows } from './zpl-bitmap';

/** Parameter positions holding dots; `int` ones are whole multipliers (≥ 1) that must stay integers. */
interface ScaleRule {
  dots: readonly number[];
  int?: readonly number[];
}

const R = (dots: number[], int: number[] = []): ScaleRule => ({ dots, int });

/** Keyed by the two command letters after ^ (fonts: "A" + font name, handled below). */
const RULES: Readonly<Record<string, ScaleRule>> = {
  FO: R([0, 1]), FT: R([0, 1]), LH: R([0, 1]), LT: R([0]), LS: R([0]), PW: R([0]), LL: R([0]), ML: R([0]), FP: R([1]),
  GB: R([0, 1, 2]), GC: R([0, 1]), GE: R([0, 1, 2]), GD: R([0, 1, 2]),
  CF: R([1, 2]), FB: R([0, 2, 4]), TB: R([1, 2]),
  BY: R([2], [0]),
  BC: R([1]), BA: R([1]), B2: R([1]), BE: R([1]), BU: R([1]), B8: R([1]), B9: R([1]), BI: R([1]), BJ: R([1]),
  BS: R([1]), BZ: R([1]), B5: R([1]), B7: R([1]), BX: R([1]), B4: R([1]), BB: R([1]), BF: R([1]), BL: R([1]),
  B3: R([2]), BK: R([2]), BM: R([2]), BP: R([2]), B1: R([2]),
  BQ: R([], [2]), B0: R([], [1]), BO: R([], [1]), BR: R([4], [2]),
};

/** Commands after which numeric rewriting would be wrong or impossible: refuse rather than print a wrong label. */
const REFUSED: Readonly<Record<string, string>> = {
  MU: 'the label sets its own units (^MU)',
  CC: 'the label changes the command prefix (^CC)',
  CT: 'the label changes the control prefix (^CT)',
  XF: 'the label recalls a format stored in the printer (^XF)',
  IM: 'the label prints an image stored in the printer (^IM)',
  IL: 'the label loads an image stored in the printer (^IL)',
};

export function scaleFactor(fromDpi: Dpi, toDpi: Dpi): number {
  return DOTS_PER_MM[toDpi] / DOTS_PER_MM[fromDpi];
}

function scaleParams(params: string, rule: ScaleRule, f: number): string {
  const parts = params.split(',');
  const scaleAt = (i: number, integerMultiplier: boolean): void => {
    const p = parts[i];
    if (p === undefined || !/^\s*\d+\s*$/.test(p)) return; // empty = printer default; garbage stays as sent
    const v = Number(p);
    // Module widths round down: a barcode never grows past the space and quiet zones it was designed into.
    const scaled = integerMultiplier ? Math.max(1, Math.floor(v * f + 1e-9)) : Math.round(v * f);
    parts[i] = p.replace(/\d+/, String(scaled)); // keeps the line breaks carriers put between commands
  };
  rule.dots.forEach((i) => scaleAt(i, false));
  rule.int?.forEach((i) => scaleAt(i, true));
  return parts.join(',');
}

/**
 * Resamples an ASCII graphic payload by `f`. An enlarged inline graphic may pass ^GF's 99999-byte limit; current
 * firmware prints it, older firmware clips it (then ask the carrier for the printer's dpi instead).
 */
function scaleGraphic(total: number, bytesPerRow: number, data: string, f: number): { total: number; bytesPerRow: number; data: string } {
  const bmp = unpackRows(decodeRows(data, bytesPerRow, total), bytesPerRow);
  const w = Math.max(1, Math.round(bmp.width * f));
  const h = Math.max(1, Math.round(bmp.height * f));
  const scaled = threshold(resampleGrey(toGrey(bmp), bmp.width, bmp.height, w, h), w, h, 128);
  const packed = packRows(scaled);
  return {
    total: packed.bytesPerRow * packed.rows.length,
    bytesPerRow: packed.bytesPerRow,
    data: encodeRows(packed.rows, true),
  };
}

function rescaleGf(params: string, f: number): string {
  const m = /^([A-Za-z]?),(\d+),(\d+),(\d+),([\s\S]*)$/.exec(params);
  if (m === null) return params;
  const [, type = 'A', , count = '0', bpr = '1', data = ''] = m;
  if (type !== '' && type.toUpperCase() !== 'A') {
    throw new StationError('REJECTED', `a ^GF${type} (binary/compressed) graphic cannot be rescaled; ask the carrier for a label at the printer dpi`);
  }
  const g = scaleGraphic(Number(count), Number(bpr), data, f);
  return `A,${g.total},${g.total},${g.bytesPerRow},${g.data}`;
}

function rescaleDg(params: string, f: number): string {
  const m = /^([^,]*),(\d+),(\d+),([\s\S]*)$/.exec(params);
  if (m === null) return params;
  const [, name = '', total = '0', bpr = '1', data = ''] = m;
  const g = scaleGraphic(Number(total), Number(bpr), data, f);
  return `${name},${g.total},${g.bytesPerRow},${g.data}`;
}

/**
 * Rewrites a ZPL stream made for `fromDpi` so it prints the same size at `toDpi`. Field data is never touched:
 * it cannot contain a bare ^ or ~ (those end it), and only known commands are rewritten.
 */
export function rescaleZpl(zpl: string, fromDpi: Dpi, toDpi: Dpi): string {
  if (fromDpi === toDpi) return zpl;
  const f = scaleFactor(fromDpi, toDpi);
  return zpl
    .split(/(?=[\^~])/)
    .map((chunk) => {
      const prefix = chunk[0];
      if (prefix !== '^' && prefix !== '~') return chunk;
      const name = chunk.slice(1, 3).toUpperCase();
      if (prefix === '~' && name === 'DG') return `~DG${rescaleDg(chunk.slice(3), f)}`;
      if (prefix === '~' && name in REFUSED) throw new StationError('REJECTED', `cannot rescale this label: ${REFUSED[name] ?? name}`);
      if (prefix !== '^') return chunk;
      const refused = REFUSED[name];
      if (refused !== undefined) throw new StationError('REJECTED', `cannot rescale this label: ${refused}`);
      if (name === 'GF') return `${chunk.slice(0, 3)}${rescaleGf(chunk.slice(3), f)}`;
      if (name[0] === 'A') {
        // ^Af o,h,w and ^A@o,h,w,d:f — fonts are "A" plus a one-character font name.
        return `${chunk.slice(0, 3)}${scaleParams(chunk.slice(3), R([1, 2]), f)}`;
      }
      const rule = RULES[name];
      return rule === undefined ? chunk : `${chunk.slice(0, 3)}${scaleParams(chunk.slice(3), rule, f)}`;
    })
    .join('');
}

const MU_BASE: Readonly<Record<Dpi, number>> = { 203: 200, 300: 300, 600: 600 };

/** Printer-side conversion: `^MUd,200,300` (or 200,600 / 300,600) right after each ^XA. Upward only. */
export function insertMuConversion(zpl: string, fromDpi: Dpi, toDpi: Dpi): string {
  if (fromDpi === toDpi) return zpl;
  if (toDpi < fromDpi) {
    throw new StationError('REJECTED', `^MU only converts a format up to a finer head (${fromDpi} → ${toDpi} dpi is not possible)`);
  }
  return zpl.replace(/\^XA/gi, (xa) => `${xa}^MUd,${MU_BASE[fromDpi]},${MU_BASE[toDpi]}`);
}
