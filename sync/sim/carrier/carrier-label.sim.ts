/**
 * The 4x6 in, 203 dpi shipping label the carrier sandbox serves. Laid out like the real USPS/UPS labels in the
 * zebrash fixtures (framed 812-dot-wide format, service banner, ship-from/ship-to blocks, a postal routing
 * barcode, the tracking Code 128 `^BC` and its grouped human-readable line) so printers, renderers and scanners
 * in tests meet what production sends.
 */
import { zplFieldData } from '../../../app/labels/zpl-field';

// Moved to app/labels (the station's own labels need it too); re-exported for existing callers.
export { zplFieldData };

export interface LabelAddress {
  name: string;
  company?: string | null;
  street1: string;
  street2?: string | null;
  city: string;
  state?: string | null;
  zip: string;
  country: string;
}

export interface CarrierLabelInput {
  carrier: string;
  service: string;
  trackingCode: string;
  from: LabelAddress;
  to: LabelAddress;
  weightOz: number;
  reference: string | null;
  shipmentId: string;
  /** ISO date of the label. */
  date: string;
}

/** 4 in × 203 dpi; 6 in × 203 dpi. */
export const LABEL_WIDTH_DOTS = 812;
export const LABEL_HEIGHT_DOTS = 1218;

const text = (x: number, y: number, font: string, value: string): string => `^FO${x},${y}${font}${zplFieldData(value)}`;

function addressLines(a: LabelAddress): string[] {
  const cityLine = [a.city, a.state, a.zip].filter((p) => p !== undefined && p !== null && p !== '').join(' ');
  return [a.name, a.company, a.street1, a.street2, cityLine, a.country]
    .filter((l): l is string => typeof l === 'string' && l.trim() !== '')
    .map((l) => l.toUpperCase());
}

/** Groups digits as printed under carrier barcodes ("9400 1000 …"). */
export function groupTracking(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Approximate Code 128 width in modules, to centre the barcode with its quiet zones. */
function code128Modules(data: string): number {
  const symbols = /^\d+$/.test(data) && data.length % 2 === 0 ? data.length / 2 : data.length;
  return (symbols + 2) * 11 + 13;
}

/** A big service letter like USPS's "P"/"G" box. */
function serviceLetter(service: string): string {
  const s = service.toLowerCase();
  if (s.includes('express') || s.includes('air')) return 'E';
  if (s.includes('priority')) return 'P';
  return 'G';
}

export function buildCarrierLabelZpl(input: CarrierLabelInput): string {
  const service = `${input.carrier} ${input.service.replace(/([a-z])([A-Z])/g, '$1 $2')}`.toUpperCase();
  const lines: string[] = [
    // Settings-only format first, as carriers send it (usps.zpl): media tracking on, then the label itself.
    '^XA^MCY^XZ',
    '^XA^CI28^PW812^LL1218^LH0,0^PON^PMN^LRN',
    '^FO0,0^GB812,1218,3^FS',
    '^FO0,0^GB206,206,3^FS',
    `^CF0,200,180^FO50,8${zplFieldData(serviceLetter(input.service))}`,
    '^FO440,55^GB335,100,3^FS',
    text(450, 65, '^A0N,25,25', `${input.carrier.toUpperCase()} POSTAGE PAID`),
    text(450, 95, '^A0N,25,25', `${input.weightOz.toFixed(1)} OZ  ${input.date}`),
    text(450, 125, '^A0N,25,25', 'SANDBOX'),
    '^FO0,203^GB812,1,3^FS',
    `^FO0,218^FB812,1,0,C^A0N,55,50${zplFieldData(service)}`,
    '^FO0,280^GB812,1,3^FS',
  ];
  addressLines(input.from).forEach((l, i) => lines.push(text(30, 300 + i * 28, '^A0N,25,25', l)));
  lines.push(text(30, 480, '^A0N,30,30', 'SHIP TO:'));
  addressLines(input.to).forEach((l, i) => lines.push(text(134, 520 + i * 42, '^A0N,38,35', l)));
  const routing = `420${input.to.zip.replace(/[^0-9A-Za-z]/g, '').slice(0, 9)}`;
  lines.push(
    '^FO0,754^GB812,1,15^FS',
    `^FO0,777^FB812,1,0,C^A0N,37,40${zplFieldData(`${input.carrier.toUpperCase()} TRACKING #`)}`,
    // Code 128 in automatic mode: zebrash and printers pick subsets A/B/C, so digits pack into subset C.
    `^BY3,3,170^FO${Math.max(30, Math.round((LABEL_WIDTH_DOTS - code128Modules(input.trackingCode) * 3) / 2))},832^BCN,170,N,N,N,A${zplFieldData(input.trackingCode)}`,
    `^FO0,1015^FB812,1,0,C^A0N,37,40${zplFieldData(groupTracking(input.trackingCode))}`,
    '^FO0,1069^GB812,1,15^FS',
    `^BY2,3,60^FO30,1100^BCN,60,N,N,N,A${zplFieldData(routing)}`,
    text(420, 1100, '^A0N,22,22', `REF: ${input.reference ?? '-'}`),
    text(420, 1128, '^A0N,22,22', `SHP: ${input.shipmentId.slice(0, 24)}`),
    '^PQ1,0,1,Y^XZ',
  );
  return `${lines.join('\n')}\n`;
}
