/**
 * Odoo lot and serial numbers scanned at the bench. A delivery's move lines carry the lots/serials Odoo reserved;
 * the label on the goods carries the same name (often as a plain Code 128), so scanning it counts one unit of the
 * line that reserved it, as in Odoo's barcode app. Names compare exactly: Odoo's `stock.lot.name` is case-sensitive.
 */
import { lineTracking, reservedLots, type Picking, type PickingLine } from '../domain';
import { remainingOf, serialAlreadyScanned } from './current-parcel';
import type { CountsByMove, TrackedScan } from './packing.types';
import type { ScanClass, ScanKind } from './scan-classification';

const reservesLot = (line: PickingLine, name: string): boolean =>
  lineTracking(line) !== 'none' && reservedLots(line).some((lot) => lot.name === name);

/** The name a GS1 code gives the unit in Odoo: its serial (AI 21) on a serial-tracked line, else its lot (AI 10). */
const gs1LotName = (line: PickingLine, gs1: { lot?: string; serial?: string }): string | undefined =>
  lineTracking(line) === 'serial' ? gs1.serial : gs1.lot;

/**
 * A scan equal to a lot/serial reserved for the picking counts one unit of the line that reserved it, carried as a
 * serial on a serial-tracked line and as a lot otherwise. Null when no line reserved any of the candidate codes.
 */
export function classifyLotScan(
  picking: Picking,
  scanned: CountsByMove,
  candidates: readonly string[],
  tracked: readonly TrackedScan[] | undefined,
): ScanClass | null {
  for (const code of candidates) {
    const lines = picking.lines.filter((line) => reservesLot(line, code));
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

/**
 * The packer's message for a refused plain scan that concerns lots: a serial scanned twice, a lot whose line is
 * complete, or — in a picking with tracked products — a code that is no reserved lot/serial. Null otherwise.
 */
export function lotScanMessage(kind: ScanKind, picking: Picking, code: string): string | null {
  const name = picking.name;
  const line = picking.lines.find((l) => reservesLot(l, code));
  if (kind === 'duplicateSerial' && line) return `Serial ${code} of ${line.productName} was already scanned in ${name} — scan another unit`;
  if (kind === 'overQuantity' && line) return `Too many ${line.productName}: all ${line.quantity} already scanned — put the extra one aside`;
  if (kind !== 'unknownBarcode' || !picking.lines.some((l) => lineTracking(l) !== 'none')) return null;
  const near = picking.lines.flatMap((l) => reservedLots(l)).find((lot) => lot.name.toLowerCase() === code.toLowerCase());
  const hint = near ? ` (lot names are case-sensitive: ${near.name} is reserved)` : '';
  return `Unknown lot/serial ${code}: it is not reserved for ${name}${hint} — scan a reserved lot/serial or a product of ${name}`;
}
