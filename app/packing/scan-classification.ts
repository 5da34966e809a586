import type { Picking } from '../domain';
import { commandForBarcode, type CommandBarcodeAction } from './command-barcodes';
import { remainingOf } from './current-parcel';
import type { CountsByMove } from './packing.types';

export type ScanClass =
  | { kind: 'command'; action: CommandBarcodeAction }
  | { kind: 'item'; moveId: number }
  | { kind: 'overQuantity'; moveId: number }
  | { kind: 'packageType'; packageTypeId: number }
  | { kind: 'wrongProduct' }
  | { kind: 'unknownBarcode' };

export type ScanKind = ScanClass['kind'];

const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/**
 * EAN-8, UPC-A (GTIN-12), EAN-13 and GTIN-14 share one mod-10 check digit, weights 3,1,3,… from the right.
 * A valid one is almost surely a product from some catalogue, which lets us tell the packer "wrong product" rather
 * than "unknown barcode".
 */
export function isGtin(code: string): boolean {
  if (!/^\d+$/.test(code) || !GTIN_LENGTHS.has(code.length)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop();
  const sum = digits.reverse().reduce((acc, digit, i) => acc + digit * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

/**
 * What a scan means while packing. Lines win over package types so that a clash in master data never loses an item;
 * among lines for the same product the first one still open takes the unit.
 */
export function classifyScan(picking: Picking, scanned: CountsByMove, rawCode: string): ScanClass {
  const code = rawCode.trim();
  const action = commandForBarcode(code);
  if (action) return { kind: 'command', action };
  const lines = picking.lines.filter((line) => line.barcode === code || line.defaultCode === code);
  const open = lines.find((line) => remainingOf(line, scanned) > 0);
  if (open) return { kind: 'item', moveId: open.moveId };
  const full = lines[0];
  if (full) return { kind: 'overQuantity', moveId: full.moveId };
  const packageType = picking.packageTypes.find((type) => type.barcode !== null && type.barcode === code);
  if (packageType) return { kind: 'packageType', packageTypeId: packageType.id };
  return isGtin(code) ? { kind: 'wrongProduct' } : { kind: 'unknownBarcode' };
}
