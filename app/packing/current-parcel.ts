import type { PackageType, Parcel, ParcelItem, Picking, PickingLine } from '../domain';
import { checkWeight, expectedWeightG, type PlausibilityResult } from './weight-plausibility';
import type { CountsByMove, PackingContext, TrackedScan } from './packing.types';

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
  const { scanned, inParcel } = addScan(picking, { ...counts, parcelIndex: 0 }, { moveId });
  return { scanned, inParcel };
}

/** What one item scan adds: a GS1 code may carry a count (AI 30/37), a lot (AI 10) and a serial (AI 21); a scanned Odoo lot/serial name, one of them. */
export interface ScannedUnits {
  moveId: number;
  quantity?: number;
  lot?: string;
  serial?: string;
}

interface ScanCounts {
  scanned: CountsByMove;
  inParcel: CountsByMove;
  parcelIndex: number;
  tracked?: readonly TrackedScan[];
}

/**
 * Counts an item scan: its GS1 quantity (classification made sure it fits), else one unit as `addUnit` does, and
 * remembers its lot/serial for the parcel. A scan that names neither leaves `tracked` as it was.
 */
export function addScan(
  picking: Picking,
  counts: ScanCounts,
  units: ScannedUnits,
): { scanned: CountsByMove; inParcel: CountsByMove; tracked: readonly TrackedScan[] } {
  const tracked = counts.tracked ?? [];
  const line = picking.lines.find((l) => l.moveId === units.moveId);
  if (!line) return { scanned: counts.scanned, inParcel: counts.inParcel, tracked };
  const remaining = remainingOf(line, counts.scanned);
  const quantity = units.quantity === undefined ? Math.min(1, remaining) : Math.min(units.quantity, remaining);
  const { moveId } = units;
  const next = {
    scanned: { ...counts.scanned, [moveId]: countOf(counts.scanned, moveId) + quantity },
    inParcel: { ...counts.inParcel, [moveId]: countOf(counts.inParcel, moveId) + quantity },
  };
  if (units.lot === undefined && units.serial === undefined) return { ...next, tracked };
  const entry: TrackedScan = { moveId, parcelIndex: counts.parcelIndex, quantity };
  if (units.lot !== undefined) entry.lot = units.lot;
  if (units.serial !== undefined) entry.serial = units.serial;
  return { ...next, tracked: [...tracked, entry] };
}

/** True when this serial of this product was already scanned in the picking (two moves may share a product). */
export function serialAlreadyScanned(picking: Picking, tracked: readonly TrackedScan[] | undefined, productId: number, serial: string): boolean {
  const moves = new Set(picking.lines.filter((line) => line.productId === productId).map((line) => line.moveId));
  return (tracked ?? []).some((entry) => entry.serial === serial && moves.has(entry.moveId));
}

/** The scanned box, else the picking's default box; null means no tare is known. */
export function packageTypeOf(picking: Picking, scannedId: number | null): PackageType | null {
  const id = scannedId ?? picking.defaultPackageTypeId;
  return id === null ? null : (picking.packageTypes.find((type) => type.id === id) ?? null);
}

/** Lots (with their units) and serials of one move in one parcel, in scan order, each once. */
function trackingOf(tracked: readonly TrackedScan[], moveId: number, parcelIndex: number): Pick<ParcelItem, 'lots' | 'lotQuantities' | 'serials'> {
  const mine = tracked.filter((entry) => entry.moveId === moveId && entry.parcelIndex === parcelIndex);
  const lotQuantities = new Map<string, number>();
  for (const entry of mine) if (entry.lot !== undefined) lotQuantities.set(entry.lot, (lotQuantities.get(entry.lot) ?? 0) + entry.quantity);
  const lots = [...lotQuantities.keys()];
  const serials = [...new Set(mine.flatMap((entry) => (entry.serial === undefined ? [] : [entry.serial])))];
  return {
    ...(lots.length > 0 ? { lots, lotQuantities: lots.map((name) => ({ name, quantity: lotQuantities.get(name) ?? 0 })) } : {}),
    ...(serials.length > 0 ? { serials } : {}),
  };
}

/** `tracked`/`parcelIndex` add the lots and serials scanned into this parcel; without them items carry counts only. */
export function parcelItems(
  picking: Picking,
  inParcel: CountsByMove,
  tracking: { tracked?: readonly TrackedScan[]; parcelIndex: number } = { parcelIndex: 0 },
): ParcelItem[] {
  return picking.lines
    .filter((line) => countOf(inParcel, line.moveId) > 0)
    .map((line) => ({
      moveId: line.moveId,
      productId: line.productId,
      quantity: countOf(inParcel, line.moveId),
      ...trackingOf(tracking.tracked ?? [], line.moveId, tracking.parcelIndex),
    }));
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
    items: parcelItems(picking, context.inParcel, context),
    packageTypeId: context.packageTypeId ?? picking.defaultPackageTypeId,
    weightG,
  };
}
