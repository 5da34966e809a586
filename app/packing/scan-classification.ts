import type { Picking, PickingLine } from '../domain';
import { Gs1Error, hasValidCheckDigit, looksLikeGs1, parseGs1, stripSymbologyId, type Gs1Data } from '../scanning/gs1';
import { packageTypeIdOfCode } from '../commands/package-type-codes';
import { commandForBarcode, type CommandBarcodeAction } from './command-barcodes';
import { remainingOf, serialAlreadyScanned, type ScannedUnits } from './current-parcel';
import { say, type Say } from '../i18n/language';
import { classifyLotScan, lotScanSay, reservedFirst } from './lot-scan';
import { english } from '../i18n/english';
import type { CountsByMove, TrackedScan } from './packing.types';

export type ScanClass =
  | { kind: 'command'; action: CommandBarcodeAction }
  /** `quantity`, `lot`, `serial` are present only when a GS1 code carried them. */
  | ({ kind: 'item' } & ScannedUnits)
  | { kind: 'overQuantity'; moveId: number }
  /** A serial (GS1 AI 21 or an Odoo serial name) of this product was already scanned in the picking: the same unit twice. */
  | { kind: 'duplicateSerial'; moveId: number; serial: string }
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
  return GTIN_LENGTHS.has(code.length) && hasValidCheckDigit(code);
}

/**
 * GTINs compare as GTIN-14: a GS1 code carries `05901234123457` for the EAN-13 `5901234123457` Odoo stores, and
 * a UPC-A `036000291452` is the EAN-13 `0036000291452` (GS1 General Specifications §2.1.2: shorter GTINs are
 * right-justified in 14 digits with leading zeros).
 */
export function sameProductCode(scanned: string, stored: string): boolean {
  if (scanned === stored) return true;
  const numeric = (code: string) => /^\d+$/.test(code) && GTIN_LENGTHS.has(code.length);
  return numeric(scanned) && numeric(stored) && scanned.padStart(14, '0') === stored.padStart(14, '0');
}

const linesFor = (picking: Picking, candidates: readonly string[]): PickingLine[] =>
  picking.lines.filter((line) =>
    candidates.some((code) => (line.barcode !== null && sameProductCode(code, line.barcode)) || line.defaultCode === code),
  );

/** Parsed GS1 content of a scan, or null when the code is not GS1 at all (then it is just an unknown barcode). */
export function gs1Of(code: string): Gs1Data | Gs1Error | null {
  const result = parseGs1(code);
  if (result instanceof Gs1Error) return looksLikeGs1(code) ? result : null;
  // Without symbology identifier, GS or brackets, only a string that parses to a whole GTIN or SSCC counts as GS1.
  return looksLikeGs1(code) || result.gtin !== undefined || result.sscc !== undefined ? result : null;
}

function classifyGs1(picking: Picking, scanned: CountsByMove, gs1: Gs1Data, tracked: readonly TrackedScan[] | undefined): ScanClass {
  // A logistic-unit label, even with (02)+(37) contents: counting its contents unopened is not packing.
  if (gs1.sscc !== undefined || gs1.gtin === undefined) return { kind: 'unknownBarcode' };
  if (gs1.quantity !== undefined && gs1.quantity < 1) return { kind: 'unknownBarcode' };
  const lines = linesFor(picking, [gs1.gtin]);
  const first = lines[0];
  if (!first) return { kind: 'wrongProduct' };
  if (gs1.serial !== undefined && serialAlreadyScanned(picking, tracked, first.productId, gs1.serial)) {
    return { kind: 'duplicateSerial', moveId: first.moveId, serial: gs1.serial };
  }
  const wanted = gs1.quantity;
  const open = reservedFirst(lines, gs1).find((line) => (wanted === undefined ? remainingOf(line, scanned) > 0 : remainingOf(line, scanned) >= wanted));
  if (!open) return { kind: 'overQuantity', moveId: first.moveId };
  return {
    kind: 'item',
    moveId: open.moveId,
    ...(wanted !== undefined ? { quantity: wanted } : {}),
    ...(gs1.lot !== undefined ? { lot: gs1.lot } : {}),
    ...(gs1.serial !== undefined ? { serial: gs1.serial } : {}),
  };
}

/**
 * What a scan means while packing. Lines win over package types so that a clash in master data never loses an item;
 * among lines for the same product the first one still open takes the unit. Odoo's own codes (barcode, internal
 * reference, package type barcode or its command sheet code, then a reserved lot/serial name) are tried before GS1,
 * so a reference that happens to look like an element string still works. `tracked` (lots/serials already scanned)
 * refuses a serial twice.
 */
export function classifyScan(picking: Picking, scanned: CountsByMove, rawCode: string, tracked?: readonly TrackedScan[]): ScanClass {
  const code = rawCode.trim();
  const action = commandForBarcode(code);
  if (action) return { kind: 'command', action };
  const plain = stripSymbologyId(code);
  const candidates = plain === code ? [code] : [code, plain];
  const lines = linesFor(picking, candidates);
  const open = lines.find((line) => remainingOf(line, scanned) > 0);
  if (open) return { kind: 'item', moveId: open.moveId };
  const full = lines[0];
  if (full) return { kind: 'overQuantity', moveId: full.moveId };
  const stationCode = packageTypeIdOfCode(code);
  const packageType = picking.packageTypes.find((type) => (type.barcode !== null && candidates.includes(type.barcode)) || type.id === stationCode);
  if (packageType) return { kind: 'packageType', packageTypeId: packageType.id };
  const lot = classifyLotScan(picking, scanned, candidates, tracked);
  if (lot) return lot;
  const gs1 = gs1Of(code);
  if (gs1 instanceof Gs1Error) return { kind: 'unknownBarcode' };
  if (gs1) return classifyGs1(picking, scanned, gs1, tracked);
  return isGtin(plain) ? { kind: 'wrongProduct' } : { kind: 'unknownBarcode' };
}

/**
 * The packer's message for a refused scan when GS1 content or a lot explains it better than the generic one (which
 * the caller keeps for other plain codes): a package label, an unreadable GS1 code, a GTIN not in the picking, a
 * serial scanned twice, a count larger than what is left, a lot not reserved. Null: no better message.
 */
export function scanProblemSay(kind: ScanKind, picking: Picking | null, scanned: CountsByMove, code: string | null): Say | null {
  if (!picking || code === null) return null;
  const gs1 = gs1Of(code.trim());
  if (gs1 === null) return lotScanSay(kind, picking, code.trim(), scanned);
  const name = picking.name;
  if (gs1 instanceof Gs1Error) return say('packing.gs1.unreadable', { reason: gs1.message, picking: name });
  if (gs1.sscc !== undefined) return say('packing.gs1.sscc', { sscc: gs1.sscc, picking: name });
  if (gs1.gtin === undefined) return say('packing.gs1.noGtin', { picking: name });
  const lines = linesFor(picking, [gs1.gtin]);
  const line = lines[0];
  switch (kind) {
    case 'unknownBarcode':
      return say('packing.gs1.badCount', { quantity: gs1.quantity ?? 0, picking: name });
    case 'wrongProduct':
      return say('packing.gs1.wrongProduct', { gtin: gs1.gtin, picking: name });
    case 'duplicateSerial':
      return say('packing.duplicateSerial.named', { serial: gs1.serial ?? '', product: line?.productName ?? gs1.gtin, picking: name });
    case 'overQuantity': {
      if (!line) return null;
      const left = lines.reduce((sum, l) => sum + remainingOf(l, scanned), 0);
      if (gs1.quantity === undefined || left === 0) {
        return say('packing.overQuantity', { product: line.productName, quantity: lines.reduce((sum, l) => sum + l.quantity, 0) });
      }
      return say('packing.gs1.overCount', { product: line.productName, quantity: gs1.quantity, left });
    }
    default:
      return null;
  }
}

/** The same in English, as logs and the station's status read it. */
export function scanProblemMessage(kind: ScanKind, picking: Picking | null, scanned: CountsByMove, code: string | null): string | null {
  const problem = scanProblemSay(kind, picking, scanned, code);
  return problem === null ? null : english(problem);
}
