import { z } from 'zod';
import { ParcelSchema } from './parcel.schema';
import { PickingSchema } from './picking.schema';
import { PrintJobSchema } from './print-job.schema';
import { ShipmentSchema } from './shipment.schema';

/** One parcel as the station's ledger recorded it, with how far its label got. */
export const RecordedParcelSchema = z.object({
  parcel: ParcelSchema,
  /** The bought label; null while the purchase has not completed. */
  shipment: ShipmentSchema.nullable(),
  /** The label's latest print job (a reprint replaces the original); null before the label was handed to the spooler. */
  labelJob: PrintJobSchema.nullable(),
  /** A shipping label of this parcel was confirmed printed. */
  printed: z.boolean(),
});
export type RecordedParcel = z.infer<typeof RecordedParcelSchema>;

/**
 * What the station has already done for a picking. The ledger owns it: a picking loaded again (after a cancel, a
 * restart, or on a rescan) resumes from here, so a parcel is never packed, bought or labelled twice.
 */
export const PickingProgressSchema = z.object({
  parcels: z.array(RecordedParcelSchema),
  /** The picking was finished at this station (its validation is queued or delivered). */
  packed: z.boolean(),
});
export type PickingProgress = z.infer<typeof PickingProgressSchema>;

export const NO_PROGRESS: PickingProgress = { parcels: [], packed: false };

/** A picking as the packing machine receives it: Odoo's (or the cache's) data and the station's own progress. */
export const LoadedPickingSchema = z.object({ picking: PickingSchema, progress: PickingProgressSchema });
export type LoadedPicking = z.input<typeof LoadedPickingSchema>;
