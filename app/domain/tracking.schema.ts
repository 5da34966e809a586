/**
 * One canonical tracking model for every platform. Mapping tables from each platform's statuses live in
 * `app/carrier/tracking.*.ts`; a value a table does not know maps to `unknown` and is reported, never dropped.
 */
import { z } from 'zod';

export const TrackingStatusSchema = z.enum([
  'pre_transit',
  'in_transit',
  'out_for_delivery',
  'available_for_pickup',
  'delivered',
  'delivery_failed',
  'delayed',
  'returned_to_sender',
  'exception',
  'cancelled',
  'unknown',
]);
export type TrackingStatus = z.infer<typeof TrackingStatusSchema>;

/** One scan or status change of a shipment, as the platform reported it and as the station understands it. */
export const TrackingEventSchema = z.object({
  status: TrackingStatusSchema,
  /** ISO 8601 time the carrier gives for the event. */
  at: z.string(),
  /** The platform's own status and detail (e.g. EasyPost `in_transit`/`arrived_at_facility`, Shippo `TRANSIT`/`package_arrived`). */
  platformStatus: z.string(),
  platformDetail: z.string().nullable(),
  description: z.string(),
  location: z.string().nullable(),
});
export type TrackingEvent = z.infer<typeof TrackingEventSchema>;

/** A platform value no mapping table knows, kept so that it can be added (and never silently dropped). */
export const UnmappedTrackingValueSchema = z.object({ platform: z.string(), status: z.string(), detail: z.string().nullable() });
export type UnmappedTrackingValue = z.infer<typeof UnmappedTrackingValueSchema>;

export const TrackingReportSchema = z.object({
  carrier: z.string(),
  trackingCode: z.string(),
  status: TrackingStatusSchema,
  /** Oldest first. */
  events: z.array(TrackingEventSchema),
  estimatedDelivery: z.string().nullable(),
  unmapped: z.array(UnmappedTrackingValueSchema),
});
export type TrackingReport = z.infer<typeof TrackingReportSchema>;
