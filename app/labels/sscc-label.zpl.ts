/**
 * The station's own parcel label: a 4x6 in GS1 logistic label whose bottom segment is the SSCC in GS1-128.
 *
 * Layout follows the GS1 Logistic Label Guideline (segments top to bottom: carrier/free text, then the supplier
 * segment with human-readable data, then the barcode segment, SSCC barcode lowest) and the symbol rules of the
 * GS1 General Specifications §5.12.3.1 (GS1 logistic labels: X-dimension 0.495–1.016 mm, bar height ≥ 31.75 mm,
 * quiet zones 10X). Designed in millimetres and converted per head (8/12/24 dots/mm) so it is the same size on
 * 203, 300 and 600 dpi printers without relying on the printer's ^MU conversion.
 *
 * The barcode is ^BC in no-mode with explicit invocation codes: `>;` Start Code C then `>8` FNC1 (ZPL II
 * Programming Guide, ^BC, "Code 128 Invocation Characters" table) — FNC1 in first position is what makes Code 128
 * a GS1-128 symbol (scanners then report `]C1`). All 20 digits (AI 00 + 18) pack into subset C pairs.
 */
import { postalLines, type Address } from '../domain/address.schema';
import type { Dpi } from '../domain/shipment.schema';
import { StationError } from '../domain/errors';
import { isValidSscc, formatSscc } from './sscc';
import { DOTS_PER_MM, mmToDots, moduleDots, zplBox, zplText } from './zpl-field';

export interface SsccLabelInput {
  sscc: string;
  from: Address;
  to: Address;
  pickingName: string;
  orderRef: string | null;
  /** 1-based, as in "parcel 1 of 3". */
  parcelIndex: number;
  parcelCount: number;
  weightG: number;
  dpi: Dpi;
  /** Lets the human-readable SSCC be spaced into its parts; unspaced when unknown. */
  companyPrefixLength?: number;
}

export const LABEL_WIDTH_MM = 101.6;
export const LABEL_HEIGHT_MM = 152.4;
const MARGIN_MM = 4;
/**
 * GS1 logistic X-dimension lower bound is 0.495 mm: 4/6 dots at 8/12 dots/mm are exactly 0.5 mm. At 24 dots/mm
 * ^BY's ceiling of 10 dots gives 0.42 mm — scannable, but under the GS1 minimum; print SSCC labels on 203/300 dpi.
 */
const SSCC_X_MM = 0.5;
const SSCC_BAR_HEIGHT_MM = 32;
/** Start C + FNC1 + 10 digit pairs + check symbol = 13 symbols of 11 modules, stop = 13 modules. */
const SSCC_SYMBOL_MODULES = 13 * 11 + 13;

/** Address lines in capitals, as logistic labels print them. */
export function addressLines(a: Address): string[] {
  return postalLines(a).map((l) => l.toUpperCase());
}

/**
 * Clips text to what fits in `widthMm` at a font `heightMm` tall. Font 0 is condensed: measured ≈ 0.37 em per
 * character for mixed text; 0.45 leaves room for wide capitals.
 */
export function charsThatFit(widthMm: number, heightMm: number): number {
  return Math.max(4, Math.floor(widthMm / (heightMm * 0.45)));
}

export function clip(text: string, widthMm: number, heightMm: number): string {
  const max = charsThatFit(widthMm, heightMm);
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

export function ssccLabelZpl(input: SsccLabelInput): string {
  const { sscc, dpi } = input;
  if (!isValidSscc(sscc)) throw new StationError('REJECTED', `not a valid SSCC (18 digits, GS1 check digit): "${sscc}"`);
  if (!Number.isInteger(input.parcelIndex) || input.parcelIndex < 1 || input.parcelIndex > input.parcelCount) {
    throw new StationError('REJECTED', `parcel ${input.parcelIndex} of ${input.parcelCount} is out of range`);
  }
  const innerW = LABEL_WIDTH_MM - 2 * MARGIN_MM;
  const out: string[] = [
    `^XA^CI28^PW${mmToDots(LABEL_WIDTH_MM, dpi)}^LL${mmToDots(LABEL_HEIGHT_MM, dpi)}^LH0,0^PON^PMN^LRN`,
  ];
  // Segment 1: ship-from (small) and ship-to (large), the carrier/free-text part of a GS1 logistic label.
  out.push(zplText(MARGIN_MM, 3, 2.5, 'FROM', dpi));
  addressLines(input.from).slice(0, 5).forEach((l, i) => out.push(zplText(MARGIN_MM + 12, 3 + i * 3.4, 2.8, clip(l, innerW - 12, 2.8), dpi)));
  out.push(zplBox(0, 21, LABEL_WIDTH_MM, 0.4, 0.4, dpi));
  out.push(zplText(MARGIN_MM, 22.5, 2.5, 'SHIP TO', dpi));
  addressLines(input.to).slice(0, 6).forEach((l, i) => out.push(zplText(MARGIN_MM + 12, 26 + i * 5, 4, clip(l, innerW - 12, 4), dpi)));
  out.push(zplBox(0, 57, LABEL_WIDTH_MM, 0.4, 0.4, dpi));
  // Segment 2: supplier data in words.
  out.push(zplText(MARGIN_MM, 59, 4, clip(`ORDER: ${input.orderRef ?? '-'}`, innerW, 4), dpi));
  out.push(zplText(MARGIN_MM, 64.5, 4, clip(`PICKING: ${input.pickingName}`, innerW, 4), dpi));
  out.push(zplText(MARGIN_MM, 70, 4, `PARCEL ${input.parcelIndex} OF ${input.parcelCount}`, dpi));
  out.push(zplText(LABEL_WIDTH_MM / 2 + 4, 70, 4, `WEIGHT: ${(input.weightG / 1000).toFixed(2)} KG`, dpi));
  out.push(zplBox(0, 76, LABEL_WIDTH_MM, 0.4, 0.4, dpi));
  // Segment 3: SSCC in words, then its GS1-128 with the human-readable interpretation under it.
  const hri = formatSscc(sscc, input.companyPrefixLength);
  out.push(zplText(MARGIN_MM, 78, 3, 'SSCC', dpi));
  out.push(zplText(MARGIN_MM, 82, 6, hri.replace(/^\(00\) /, ''), dpi, 5));
  const x = moduleDots(SSCC_X_MM, dpi);
  const widthDots = SSCC_SYMBOL_MODULES * x;
  const left = Math.max(0, Math.round((mmToDots(LABEL_WIDTH_MM, dpi) - widthDots) / 2));
  out.push(`^BY${x},3,${mmToDots(SSCC_BAR_HEIGHT_MM, dpi)}^FO${left},${mmToDots(94, dpi)}^BCN,${mmToDots(SSCC_BAR_HEIGHT_MM, dpi)},N,N,N,N^FD>;>800${sscc}^FS`);
  const hriHeight = 4.5;
  const hriWidthDots = Math.round(hri.length * hriHeight * 0.6 * DOTS_PER_MM[dpi]);
  out.push(zplText((mmToDots(LABEL_WIDTH_MM, dpi) - hriWidthDots) / 2 / DOTS_PER_MM[dpi], 128, hriHeight, hri, dpi));
  out.push('^PQ1,0,1,Y^XZ');
  return `${out.join('\n')}\n`;
}
