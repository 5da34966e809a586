import type { PackageType, Parcel, ParcelItem, Picking, PickingLine } from '../domain';
import { checkWeight, expectedWeightG, type PlausibilityResult } from './weight-plausibility';
import type { CountsByMove, PackingContext } from './packing.types';

export const countOf = (counts: CountsByMove, moveId: number): number => counts[moveId] ?? 0;

export const remainingOf = (line: PickingLine, scanned: CountsByMove): number =>
  Math.max(0, line.quantity - countOf(scanned, line.moveId));

export const allLinesScanned = (picking: Picking, scanned: CountsByMove): boolean =>
  picking.lines.every((line) => remainingOf(line, scanned) === 0);

export const parcelHasItems = (inParcel: CountsByMove): boolean => Object.values(inParcel).some((qty) => qty > 0);

/**
 * One scan is one unit; a fractional demand (kg, m) completes with its remainder so that the line can close instead
 * of demanding a unit that does not exist.
 */
export function addUnit(
  picking: Picking,
  counts: { scanned: CountsByMove; inParcel: CountsByMove },
  moveId: number,
): { scanned: CountsByMove; inParcel: CountsByMove } {
  const line = picking.lines.find((l) => l.moveId === moveId);
  if (!line) return counts;
  const unit = Math.min(1, remainingOf(line, counts.scanned));
  return {
    scanned: { ...counts.scanned, [moveId]: countOf(counts.scanned, moveId) + unit },
    inParcel: { ...counts.inParcel, [moveId]: countOf(counts.inParcel, moveId) + unit },
  };
}

/** The scanned box, else the picking's default box; null means no tare is known. */
export function packageTypeOf(picking: Picking, scannedId: number | null): PackageType | null {
  const id = scannedId ?? picking.defaultPackageTypeId;
  return id === null ? null : (picking.packageTypes.find((type) => type.id === id) ?? null);
}

export function parcelItems(picking: Picking, inParcel: CountsByMove): ParcelItem[] {
  return picking.lines
    .filter((line) => countOf(inParcel, line.moveId) > 0)
    .map((line) => ({ moveId: line.moveId, productId: line.productId, quantity: countOf(inParcel, line.moveId) }));
}

function weighedItems(picking: Picking, inParcel: CountsByMove): { unitWeightG: number; quantity: number }[] {
  return picking.lines
    .filter((line) => countOf(inParcel, line.moveId) > 0)
    .map((line) => ({ unitWeightG: line.unitWeightG, quantity: countOf(inParcel, line.moveId) }));
}

/** Expected weight of the current parcel, or null when there is nothing in it or a product has no weight. */
export function expectedParcelWeightG(context: PackingContext): number | null {
  const { picking, inParcel } = context;
  if (!picking || !parcelHasItems(inParcel)) return null;
  return expectedWeightG(weighedItems(picking, inParcel), packageTypeOf(picking, context.packageTypeId)?.tareG ?? 0);
}

export function checkParcelWeight(context: PackingContext, grams: number): PlausibilityResult | null {
  const { picking, inParcel } = context;
  if (!picking) return null;
  return checkWeight({
    grams,
    items: weighedItems(picking, inParcel),
    tareG: packageTypeOf(picking, context.packageTypeId)?.tareG ?? 0,
    tolerance: { pct: context.tolerancePct, grams: context.toleranceG },
  });
}

/**
 * The parcel as recorded. The package type id falls back to the picking's default even when its tare is unknown,
 * because Odoo still wants the box type on the package.
 */
export function buildParcel(context: PackingContext, weightG: number): Parcel | null {
  const { picking } = context;
  if (!picking) return null;
  return {
    pickingId: picking.id,
    index: context.parcelIndex,
    items: parcelItems(picking, context.inParcel),
    packageTypeId: context.packageTypeId ?? picking.defaultPackageTypeId,
    weightG,
  };
}
