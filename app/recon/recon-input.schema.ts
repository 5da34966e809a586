import { z } from 'zod';
import { TrackingReportSchema, TrackingStatusSchema } from '../domain/tracking.schema';

/**
 * What reconciliation compares, one shape per system, each already normalised by its reader (units: grams, the
 * platform's currency as a decimal number, times in ms since the epoch). The field-by-field origin of every value is
 * in `field-map.ts` (and the generated table in docs/field-mapping.md).
 */

/** One parcel as the stations' ledgers (uploaded to the hub) tell it. */
export const LedgerParcelSchema = z.object({
  stationId: z.string(),
  pickingId: z.number().int(),
  pickingName: z.string().nullable(),
  parcelIndex: z.number().int().positive(),
  /** What the station's scale weighed (null: the parcel fact has not reached the hub). */
  weightG: z.number().positive().nullable(),
  packedAt: z.number().nullable(),
  shipmentId: z.string().nullable(),
  trackingCode: z.string().nullable(),
  carrier: z.string().nullable(),
  service: z.string().nullable(),
  /** The price the platform quoted when the station bought the label. */
  price: z.number().nullable(),
  currency: z.string().nullable(),
  isReturn: z.boolean(),
  boughtAt: z.number().nullable(),
  /** The station voided this label (a later label may replace it). */
  voidedAt: z.number().nullable(),
});
export type LedgerParcel = z.infer<typeof LedgerParcelSchema>;

/** One picking as the stations' ledgers tell it. */
export const LedgerPickingSchema = z.object({
  stationId: z.string(),
  pickingId: z.number().int(),
  pickingName: z.string().nullable(),
  /** Every parcel packed and labelled: the station asked Odoo to validate it. */
  packedAt: z.number().nullable(),
  /** Odoo acknowledged the station's validation. */
  validatedAt: z.number().nullable(),
  parcels: z.array(LedgerParcelSchema),
});
export type LedgerPicking = z.infer<typeof LedgerPickingSchema>;

/** One picking as Odoo has it now. */
export const OdooPickingFactsSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Odoo's `state`: draft, waiting, confirmed, assigned, done, cancel. */
  state: z.string(),
  /** `carrier_tracking_ref`, split on commas (Odoo joins several parcels' codes with `,`). */
  trackingRefs: z.array(z.string()),
  /** `shipping_weight` (kg in Odoo; converted to g), null when Odoo has none. */
  shippingWeightG: z.number().nullable(),
  /** Attachments on the picking (`message_attachment_count`): labels the station attached. */
  attachments: z.number().int().nonnegative(),
  dateDone: z.number().nullable(),
  carrier: z.string().nullable(),
});
export type OdooPickingFacts = z.infer<typeof OdooPickingFactsSchema>;

/** A charge the carrier added after the label (weight correction, surcharge). */
export const PlatformAdjustmentSchema = z.object({ reason: z.string(), amount: z.number() });

/** One label as the carrier platform has it (bought in the window), with billing and tracking. */
export const PlatformShipmentFactsSchema = z.object({
  platform: z.enum(['easypost', 'shippo']),
  shipmentId: z.string(),
  trackingCode: z.string().nullable(),
  carrier: z.string().nullable(),
  service: z.string().nullable(),
  createdAt: z.number(),
  /** Our reference on the shipment (`WH/OUT/00012#1`) when the platform keeps it. */
  reference: z.string().nullable(),
  /** The rate at purchase. */
  quotedPrice: z.number().nullable(),
  /** What was charged in the end (purchase plus adjustments); null until the platform has invoiced it. */
  chargedPrice: z.number().nullable(),
  currency: z.string().nullable(),
  /** The weight sent with the shipment, and the weight the carrier billed (null: not billed yet). */
  declaredWeightG: z.number().nullable(),
  billedWeightG: z.number().nullable(),
  adjustments: z.array(PlatformAdjustmentSchema),
  /** Refund (void) state: null = never asked. */
  refundStatus: z.enum(['submitted', 'refunded', 'rejected']).nullable(),
  trackingStatus: TrackingStatusSchema.nullable(),
  /** Time of the carrier's last tracking event the platform knows. */
  lastTrackingAt: z.number().nullable(),
});
export type PlatformShipmentFacts = z.infer<typeof PlatformShipmentFactsSchema>;

/** A shipment as the hub's tracking ingestion has it (webhooks and polls folded through the canonical model). */
export const TrackedShipmentSchema = z.object({
  trackingCode: z.string(),
  carrier: z.string().nullable(),
  platform: z.enum(['easypost', 'shippo']),
  shipmentId: z.string().nullable(),
  stationId: z.string().nullable(),
  pickingId: z.number().int().nullable(),
  pickingName: z.string().nullable(),
  labelAt: z.number().nullable(),
  status: TrackingStatusSchema,
  /** The carrier's time of the newest event. */
  lastEventAt: z.number().nullable(),
  /** When the canonical status last changed (hub clock). */
  lastChangeAt: z.number().nullable(),
  /** When a webhook or poll last said anything about it (hub clock). */
  lastHeardAt: z.number().nullable(),
  report: TrackingReportSchema,
});
export type TrackedShipment = z.infer<typeof TrackedShipmentSchema>;

/** Tolerances and timings of reconciliation (hub.json `reconciliation.policy`). */
export const ReconPolicySchema = z.strictObject({
  /** Billed weight may exceed the station's by this much (g) and this share before it is a variance. */
  weightToleranceG: z.number().nonnegative().default(50),
  weightTolerancePct: z.number().nonnegative().default(5),
  /** Charged price may exceed the quote by this much (currency units) before it is a variance. */
  priceTolerance: z.number().nonnegative().default(0.5),
  /** A label with no carrier scan this many days after purchase has made no progress. */
  noProgressDays: z.number().positive().default(2),
  /** A station's facts may take this long to reach the hub: younger labels are not called orphans yet. */
  orphanGraceMinutes: z.number().nonnegative().default(60),
  /** Odoo may take this long to be told: a picking packed more recently is not "not done" yet. */
  packedGraceMinutes: z.number().nonnegative().default(30),
  /** Void orphan labels at the platform by themselves (otherwise: propose it). */
  autoVoidOrphans: z.boolean().default(false),
});
export type ReconPolicy = z.infer<typeof ReconPolicySchema>;

/** Everything one reconciliation run compares. */
export interface ReconInput {
  /** The window: labels bought and pickings packed in [since, until). */
  since: number;
  until: number;
  now: number;
  ledger: readonly LedgerPicking[];
  /** Odoo's pickings: every ledger picking, plus pickings done in the window with a tracking reference. */
  odoo: readonly OdooPickingFacts[];
  /** Whether Odoo was read (a hub without Odoo configured skips the Odoo rules). */
  odooRead: boolean;
  platform: readonly PlatformShipmentFacts[];
  platformRead: boolean;
  tracking: readonly TrackedShipment[];
  policy: ReconPolicy;
}
