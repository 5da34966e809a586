/**
 * Where a picking loaded again continues. The ledger owns what was done (parcels recorded, labels bought and printed,
 * the picking finished); the machine takes it from there instead of starting at "0 of 5 scanned, parcel 1" — which
 * would pack the same units again under a new parcel 1 and ship a box under a label made for another.
 */
import type { LoadedPicking, ParcelItem, RecordedParcel } from '../domain';
import { allLinesScanned } from './current-parcel';
import * as act from './packing.actions';
import type { CountsByMove, PackingContext, TrackedScan } from './packing.types';

/**
 * - `packing`: scan the next parcel's items (parcel 1 of a fresh picking, or the one after the last printed label);
 * - `buyingLabel`: the last parcel is recorded but its label was not bought (the purchase itself resumes);
 * - `printing`: the label was bought but never handed to the printer;
 * - `printJob`: the label has a print job that is not confirmed: follow it (in flight, held, uncertain, failed);
 * - `finishing`: every parcel is labelled and nothing is left to scan: finish (idempotent) and show done.
 */
export type ResumeStage = 'packing' | 'buyingLabel' | 'printing' | 'printJob' | 'finishing';

const byIndex = (parcels: readonly RecordedParcel[]): RecordedParcel[] => [...parcels].sort((a, b) => a.parcel.index - b.parcel.index);

function countItems(items: readonly ParcelItem[], into: Record<number, number> = {}): CountsByMove {
  for (const item of items) into[item.moveId] = (into[item.moveId] ?? 0) + item.quantity;
  return into;
}

function trackedOf(parcels: readonly RecordedParcel[]): TrackedScan[] {
  return parcels.flatMap(({ parcel }) =>
    parcel.items.flatMap((item) => [
      ...(item.lotQuantities ?? []).map((lot) => ({ moveId: item.moveId, parcelIndex: parcel.index, quantity: lot.quantity, lot: lot.name })),
      ...(item.serials ?? []).map((serial) => ({ moveId: item.moveId, parcelIndex: parcel.index, quantity: 1, serial })),
    ]),
  );
}

const labelPrinted = (recorded: RecordedParcel): boolean => recorded.printed || recorded.labelJob?.state === 'confirmed';

export function resumeStage({ picking, progress }: LoadedPicking): ResumeStage {
  const last = byIndex(progress.parcels).at(-1);
  if (last === undefined) return 'packing';
  if (last.shipment === null) return 'buyingLabel';
  if (!labelPrinted(last)) return last.labelJob === null ? 'printing' : 'printJob';
  const scanned = countItems(progress.parcels.flatMap((p) => p.parcel.items));
  return progress.packed || allLinesScanned(picking, scanned) ? 'finishing' : 'packing';
}

/** The context for `resumeStage`: counts from every recorded parcel, and the last parcel where it is not finished. */
export function resumePicking(context: PackingContext, loaded: LoadedPicking): Partial<PackingContext> {
  const { picking, progress } = loaded;
  const parcels = byIndex(progress.parcels);
  const fresh = { ...act.startPicking(picking), scanned: countItems(parcels.flatMap((p) => p.parcel.items)), tracked: trackedOf(parcels) };
  const last = parcels.at(-1);
  if (last === undefined) return fresh;
  const lastLabel = last.shipment === null ? context.lastLabel : { trackingCode: last.shipment.trackingCode, parcelIndex: last.parcel.index, pickingName: picking.name };
  const stage = resumeStage(loaded);
  if (stage === 'packing') return { ...fresh, parcelIndex: last.parcel.index + 1, lastLabel };
  return {
    ...fresh,
    parcelIndex: last.parcel.index,
    inParcel: countItems(last.parcel.items),
    packageTypeId: last.parcel.packageTypeId,
    parcel: last.parcel,
    shipment: last.shipment,
    lastLabel,
    ...(last.labelJob === null ? {} : { printJobId: last.labelJob.id, printJob: last.labelJob }),
  };
}
