/**
 * A 4x6 in packing-list label for the inside (or outside) of one parcel: what is in this box, with lots and serials,
 * and a Code 128 of the picking name so a receiving clerk can scan straight to the picking.
 *
 * A long parcel continues on further labels ("1/2", "2/2"): one `^XA…^XZ` format each, so the printer feeds a new
 * label instead of printing past the end of this one.
 */
import type { Parcel } from '../domain/parcel.schema';
import type { Picking } from '../domain/picking.schema';
import type { Dpi } from '../domain/shipment.schema';
import { StationError } from '../domain/errors';
import { LABEL_HEIGHT_MM, LABEL_WIDTH_MM, charsThatFit, clip } from './sscc-label.zpl';
import { mmToDots, moduleDots, zplBox, zplFieldData, zplText } from './zpl-field';

export interface PackingListLabelInput {
  picking: Picking;
  parcel: Parcel;
  dpi: Dpi;
}

/** One printed row: an item line, or a lot/serial continuation under it. */
export interface PackingListRow {
  qty: string;
  code: string;
  text: string;
  detail: boolean;
}

const MARGIN_MM = 4;
const FIRST_ROW_MM = 40;
const ROW_MM = 5;
const LAST_ROW_MM = LABEL_HEIGHT_MM - 12;
const ROWS_PER_LABEL = Math.floor((LAST_ROW_MM - FIRST_ROW_MM) / ROW_MM);
const QTY_COL_MM = 16;
const CODE_COL_MM = 44;
const DETAIL_MM = 2.8;
const DETAIL_WIDTH_MM = LABEL_WIDTH_MM - CODE_COL_MM - 6;
/** Serial rows wrap at what fits, so none is clipped away. */
const DETAIL_CHARS = charsThatFit(DETAIL_WIDTH_MM, DETAIL_MM);

/** "4" for counted units (the common case), "1.5 kg" otherwise: the UoM only where it changes the meaning. */
function formatQty(q: number, uom: string): string {
  const n = Number.isInteger(q) ? String(q) : q.toFixed(3).replace(/0+$/, '');
  return /^units?$|^unit\(s\)$|^pcs?$/i.test(uom) ? n : `${n} ${uom}`;
}

/** "LOT: A, B" / "SN: 1, 2, …" wrapped into continuation rows so no serial is silently dropped. */
function detailRows(label: string, values: readonly string[] | undefined): PackingListRow[] {
  if (values === undefined || values.length === 0) return [];
  const rows: PackingListRow[] = [];
  let current = `${label}:`;
  for (const v of values) {
    const piece = ` ${v}`;
    if (current.length + piece.length > DETAIL_CHARS && current !== `${label}:`) {
      rows.push({ qty: '', code: '', text: current, detail: true });
      current = `${' '.repeat(label.length + 1)}${piece}`;
    } else {
      current += current.endsWith(':') ? piece : `,${piece}`;
    }
  }
  rows.push({ qty: '', code: '', text: current, detail: true });
  return rows;
}

export function packingListRows(picking: Picking, parcel: Parcel): PackingListRow[] {
  const rows: PackingListRow[] = [];
  for (const item of parcel.items) {
    const line = picking.lines.find((l) => l.moveId === item.moveId);
    if (line === undefined) throw new StationError('REJECTED', `parcel ${parcel.index} holds move ${item.moveId}, which is not on picking ${picking.name}`);
    rows.push({ qty: formatQty(item.quantity, line.uom), code: line.defaultCode ?? line.barcode ?? '', text: line.productName, detail: false });
    rows.push(...detailRows('LOT', item.lots), ...detailRows('SN', item.serials));
  }
  return rows;
}

export function packingListLabelZpl({ picking, parcel, dpi }: PackingListLabelInput): string {
  const rows = packingListRows(picking, parcel);
  const pages = Math.max(1, Math.ceil(rows.length / ROWS_PER_LABEL));
  const d = (mm: number): number => mmToDots(mm, dpi);
  const formats: string[] = [];
  for (let page = 0; page < pages; page += 1) {
    const out = [`^XA^CI28^PW${d(LABEL_WIDTH_MM)}^LL${d(LABEL_HEIGHT_MM)}^LH0,0^PON^PMN^LRN`];
    out.push(zplText(MARGIN_MM, 4, 5, 'PACKING LIST', dpi));
    out.push(zplText(LABEL_WIDTH_MM - 30, 4, 4, `BOX ${parcel.index}  ${page + 1}/${pages}`, dpi));
    out.push(zplText(MARGIN_MM, 11, 3.5, clip(`${picking.name}   ORDER: ${picking.origin ?? '-'}`, LABEL_WIDTH_MM - 2 * MARGIN_MM, 3.5), dpi));
    // Picking name as Code 128 (automatic subset selection: the printer packs digit runs into subset C).
    out.push(`^BY${moduleDots(0.25, dpi)},3,${d(14)}^FO${d(MARGIN_MM)},${d(17)}^BCN,${d(14)},N,N,N,A${zplFieldData(picking.name)}`);
    out.push(zplBox(0, FIRST_ROW_MM - 4, LABEL_WIDTH_MM, 0.3, 0.3, dpi));
    out.push(zplText(MARGIN_MM, FIRST_ROW_MM - 3.2, 2.5, 'QTY', dpi), zplText(QTY_COL_MM + 2, FIRST_ROW_MM - 3.2, 2.5, 'CODE', dpi));
    out.push(zplText(CODE_COL_MM + 2, FIRST_ROW_MM - 3.2, 2.5, 'PRODUCT', dpi));
    rows.slice(page * ROWS_PER_LABEL, (page + 1) * ROWS_PER_LABEL).forEach((r, i) => {
      const y = FIRST_ROW_MM + i * ROW_MM;
      if (r.detail) {
        out.push(zplText(CODE_COL_MM + 2, y + 0.5, DETAIL_MM, clip(r.text, DETAIL_WIDTH_MM, DETAIL_MM), dpi));
        return;
      }
      out.push(zplText(MARGIN_MM, y, 3.5, clip(r.qty, QTY_COL_MM - MARGIN_MM + 1, 3.5), dpi));
      out.push(zplText(QTY_COL_MM + 2, y, 3, clip(r.code, CODE_COL_MM - QTY_COL_MM - 2, 3), dpi));
      out.push(zplText(CODE_COL_MM + 2, y, 3.5, clip(r.text, LABEL_WIDTH_MM - CODE_COL_MM - 6, 3.5), dpi));
    });
    out.push(zplBox(0, LABEL_HEIGHT_MM - 10, LABEL_WIDTH_MM, 0.3, 0.3, dpi));
    out.push(zplText(MARGIN_MM, LABEL_HEIGHT_MM - 8, 3, `${parcel.items.length} LINE(S)   ${(parcel.weightG / 1000).toFixed(2)} KG`, dpi));
    out.push('^PQ1,0,1,Y^XZ');
    formats.push(out.join('\n'));
  }
  return `${formats.join('\n')}\n`;
}
