/**
 * The end-of-day summary label: what the driver signs for, on the label printer. The platform's own form (a PDF)
 * cannot go through a ZPL printer, so the station prints this 4x6 in summary instead: carrier, the manifest id as a
 * Code 128 (the platform's form is found by it), the day, how many parcels, every tracking code, and the station.
 *
 * Many parcels continue on further labels ("1/3", "2/3"…): one `^XA…^XZ` format each, every one with the header and
 * barcode, so any page alone says which manifest it belongs to.
 */
import { StationError } from '../domain/errors';
import type { Dpi } from '../domain/shipment.schema';
import { LABEL_HEIGHT_MM, LABEL_WIDTH_MM, clip } from './sscc-label.zpl';
import { mmToDots, moduleDots, zplBox, zplFieldData, zplText } from './zpl-field';

export interface ManifestSummaryInput {
  carrier: string;
  /** The platform's carrier account, when the manifest is for one. */
  carrierAccount?: string | null;
  manifestId: string;
  /** The shipping day, YYYY-MM-DD. */
  date: string;
  trackingCodes: readonly string[];
  stationId: string;
  dpi: Dpi;
}

const MARGIN_MM = 4;
const FIRST_ROW_MM = 60;
const ROW_MM = 4.2;
const CODE_MM = 3;
const LAST_ROW_MM = LABEL_HEIGHT_MM - 12;
const COLUMNS = 2;
const ROWS_PER_COLUMN = Math.floor((LAST_ROW_MM - FIRST_ROW_MM) / ROW_MM);
/** Tracking codes on one label: two columns (USPS codes are 22 digits: two fit side by side at 3 mm). */
export const CODES_PER_LABEL = ROWS_PER_COLUMN * COLUMNS;
const COLUMN_MM = (LABEL_WIDTH_MM - 2 * MARGIN_MM) / COLUMNS;

export function manifestSummaryZpl(input: ManifestSummaryInput): string {
  const { dpi, trackingCodes } = input;
  if (input.manifestId.trim() === '') throw new StationError('REJECTED', 'a manifest summary needs the manifest id');
  const pages = Math.max(1, Math.ceil(trackingCodes.length / CODES_PER_LABEL));
  const d = (mm: number): number => mmToDots(mm, dpi);
  const inner = LABEL_WIDTH_MM - 2 * MARGIN_MM;
  const formats: string[] = [];
  for (let page = 0; page < pages; page += 1) {
    const out = [`^XA^CI28^PW${d(LABEL_WIDTH_MM)}^LL${d(LABEL_HEIGHT_MM)}^LH0,0^PON^PMN^LRN`];
    out.push(zplText(MARGIN_MM, 4, 4.5, 'END OF DAY MANIFEST', dpi));
    out.push(zplText(LABEL_WIDTH_MM - 20, 4, 3.5, `${page + 1}/${pages}`, dpi));
    out.push(zplText(MARGIN_MM, 11, 7, clip(input.carrier.toUpperCase(), inner, 7), dpi));
    if (input.carrierAccount) out.push(zplText(MARGIN_MM, 19.5, 2.8, clip(`ACCOUNT ${input.carrierAccount}`, inner, 2.8), dpi));
    // Manifest id as Code 128 with its text under it: the platform's form is looked up by this id.
    out.push(`^BY${moduleDots(0.3, dpi)},3,${d(14)}^FO${d(MARGIN_MM)},${d(24)}^BCN,${d(14)},N,N,N,A${zplFieldData(input.manifestId)}`);
    out.push(zplText(MARGIN_MM, 39.5, 3, clip(input.manifestId, inner, 3), dpi));
    out.push(zplText(MARGIN_MM, 45, 4, `DATE ${input.date}`, dpi));
    out.push(zplText(LABEL_WIDTH_MM / 2 + 2, 45, 4, `PARCELS ${trackingCodes.length}`, dpi));
    out.push(zplBox(0, FIRST_ROW_MM - 5, LABEL_WIDTH_MM, 0.3, 0.3, dpi));
    out.push(zplText(MARGIN_MM, FIRST_ROW_MM - 4, 2.5, 'TRACKING CODES', dpi));
    const onPage = trackingCodes.slice(page * CODES_PER_LABEL, (page + 1) * CODES_PER_LABEL);
    onPage.forEach((code, i) => {
      const column = Math.floor(i / ROWS_PER_COLUMN);
      const x = MARGIN_MM + column * COLUMN_MM;
      const y = FIRST_ROW_MM + (i % ROWS_PER_COLUMN) * ROW_MM;
      out.push(zplText(x, y, CODE_MM, clip(code, COLUMN_MM - 1, CODE_MM), dpi, CODE_MM * 0.75));
    });
    out.push(zplBox(0, LABEL_HEIGHT_MM - 10, LABEL_WIDTH_MM, 0.3, 0.3, dpi));
    out.push(zplText(MARGIN_MM, LABEL_HEIGHT_MM - 8, 3, clip(`STATION ${input.stationId}`, inner, 3), dpi));
    out.push('^PQ1,0,1,Y^XZ');
    formats.push(out.join('\n'));
  }
  return `${formats.join('\n')}\n`;
}
