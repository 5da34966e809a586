/**
 * Odoo lot and serial numbers scanned at the bench, taken the way Odoo's barcode app takes them. A delivery's move
 * lines carry the lots/serials Odoo reserved, and the picking carries the lots/serials its tracked products have in
 * stock where it takes its goods from (`availableLots`, loaded and cached with it). Scanning a reserved name counts one
 * unit of the line that reserved it; scanning another lot/serial Odoo has in stock for a product of the picking counts
 * one unit of that product's open line as that lot (the Odoo writes then move the reservation to it). Names compare
 * exactly: Odoo's `stock.lot.name` is case-sensitive.
 */
import { lineTracking, reservedLots, type Picking, type PickingLine } from '../domain';
import { say, type Say } from '../i18n/language';
import { remainingOf, serialAlreadyScanned } from './current-parcel';
import type { CountsByMove, TrackedScan } from './packing.types';
import type { ScanClass, ScanKind } from './scan-classification';

const reservesLot = (line: PickingLine, name: string): boolean =>
  lineTracking(line) !== 'none' && reservedLots(line).some((lot) => lot.name === name);

/** The tracked lines of products Odoo has a lot/serial of this name in stock for. */
const stockLines = (picking: Picking, name: string): PickingLine[] => {
  const products = new Set((picking.availableLots ?? []).filter((lot) => lot.name === name).map((lot) => lot.productId));
  return picking.lines.filter((line) => lineTracking(line) !== 'none' && products.has(line.productId));
};

/** Lines a scanned name may count on: those that reserved it, else those of a product that has it in stock. */
function linesForLot(picking: Picking, name: string): PickingLine[] {
  const reserved = picking.lines.filter((line) => reservesLot(line, name));
  return reserved.length > 0 ? reserved : stockLines(picking, name);
}

/** The name a GS1 code gives the unit in Odoo: its serial (AI 21) on a serial-tracked line, else its lot (AI 10). */
const gs1LotName = (line: PickingLine, gs1: { lot?: string; serial?: string }): string | undefined =>
  lineTracking(line) === 'serial' ? gs1.serial : gs1.lot;

/**
 * A scan equal to a lot/serial reserved for the picking, or in stock for one of its tracked products, counts one unit
 * of such a line that is still open, carried as a serial on a serial-tracked line and as a lot otherwise. A serial
 * already scanned in the picking is the same unit twice. Null when no line can take any of the candidate codes.
 */
export function classifyLotScan(
  picking: Picking,
  scanned: CountsByMove,
  candidates: readonly string[],
  tracked: readonly TrackedScan[] | undefined,
): ScanClass | null {
  for (const code of candidates) {
    const lines = linesForLot(picking, code);
    const first = lines[0];
    if (!first) continue;
    if (lineTracking(first) === 'serial' && serialAlreadyScanned(picking, tracked, first.productId, code)) {
      return { kind: 'duplicateSerial', moveId: first.moveId, serial: code };
    }
    const open = lines.find((line) => remainingOf(line, scanned) > 0);
    if (!open) return { kind: 'overQuantity', moveId: first.moveId };
    return lineTracking(open) === 'serial' ? { kind: 'item', moveId: open.moveId, serial: code } : { kind: 'item', moveId: open.moveId, lot: code };
  }
  return null;
}

/**
 * Lines of one GTIN with those that reserved the GS1 code's lot/serial first, so a unit lands on the move Odoo
 * reserved it for. A lot nobody reserved is still accepted (Odoo's barcode app does the same): the Odoo gateway
 * then sets the existing `stock.lot` of that name, or `lot_name` when there is none.
 */
export function reservedFirst(lines: readonly PickingLine[], gs1: { lot?: string; serial?: string }): PickingLine[] {
  const reserved = (line: PickingLine) => {
    const name = gs1LotName(line, gs1);
    return name !== undefined && reservesLot(line, name);
  };
  return [...lines.filter(reserved), ...lines.filter((line) => !reserved(line))];
}

/** The products an unknown name was meant for: the tracked lines still open, else every tracked line. */
function trackedProducts(picking: Picking, scanned: CountsByMove): string {
  const tracked = picking.lines.filter((line) => lineTracking(line) !== 'none');
  const open = tracked.filter((line) => remainingOf(line, scanned) > 0);
  return [...new Set((open.length > 0 ? open : tracked).map((line) => line.productName))].join(' / ');
}

/** A name Odoo knows under another case (reserved or in stock), for the hint that lot names are case-sensitive. */
function nearName(picking: Picking, code: string): string | undefined {
  const names = [...picking.lines.flatMap((line) => reservedLots(line).map((lot) => lot.name)), ...(picking.availableLots ?? []).map((lot) => lot.name)];
  return names.find((name) => name !== code && name.toLowerCase() === code.toLowerCase());
}

/**
 * What to tell the packer about a refused plain scan that concerns lots: a serial scanned twice, a lot whose line is
 * complete, or — in a picking with tracked products — a code that is no lot/serial Odoo has for them (unknown, or not
 * in stock where the picking takes its goods from). Null otherwise.
 */
export function lotScanSay(kind: ScanKind, picking: Picking, code: string, scanned: CountsByMove = {}): Say | null {
  const name = picking.name;
  const line = linesForLot(picking, code)[0];
  if (kind === 'duplicateSerial' && line) return say('lots.serialAgain', { serial: code, product: line.productName, picking: name });
  if (kind === 'overQuantity' && line) return say('lots.tooMany', { product: line.productName, quantity: line.quantity });
  if (kind !== 'unknownBarcode' || !picking.lines.some((l) => lineTracking(l) !== 'none')) return null;
  const params = { code, product: trackedProducts(picking, scanned), picking: name };
  const near = nearName(picking, code);
  return near === undefined ? say('lots.unknown', params) : say('lots.unknownNear', { ...params, near });
}
