/**
 * The station's shipping day as the supervisor sees it: return labels bought on demand, and the end-of-day manifests
 * (what was handed to which carrier, on which form). Rows read back from SQLite and IPC answers are parsed with these.
 */
import { z } from 'zod';
import { CarrierKindSchema, ManifestSchema } from './carrier.schema';

/** A return label the station bought for a picking (reference `<picking>#R<n>`). */
export const ReturnLabelRecordSchema = z.object({
  reference: z.string().min(1),
  pickingId: z.number().int(),
  pickingName: z.string(),
  shipmentId: z.string(),
  trackingCode: z.string(),
  carrier: z.string(),
  service: z.string(),
  rate: z.string(),
  currency: z.string(),
  boughtAt: z.number(),
});
export type ReturnLabelRecord = z.infer<typeof ReturnLabelRecordSchema>;

/** A manifest as the station recorded it: the platform's answer, where its form was saved, when its summary went out. */
export const ManifestRecordSchema = z.object({
  manifestId: z.string(),
  carrier: z.string(),
  status: ManifestSchema.shape.status,
  trackingCodes: z.array(z.string()),
  documentUrl: z.string().nullable(),
  /** The platform's form (PDF) saved under the station's data folder; null until downloaded. */
  documentPath: z.string().nullable(),
  detail: z.string().nullable(),
  createdAt: z.number(),
  /** When its summary label was handed to the print queue. */
  printedAt: z.number().nullable(),
});
export type ManifestRecord = z.infer<typeof ManifestRecordSchema>;

/** Shipments that go on one manifest: same platform, carrier, carrier account and ship-from address. */
export const ManifestGroupSchema = z.object({
  platform: CarrierKindSchema,
  carrier: z.string(),
  carrierAccount: z.string().nullable(),
  /** The ship-from address's first line (the whole address is part of the grouping). */
  from: z.string(),
  trackingCodes: z.array(z.string()),
});
export type ManifestGroup = z.infer<typeof ManifestGroupSchema>;

/**
 * What one end-of-day run did with a group: `planned` (dry run), `created`/`pending` (on a manifest now),
 * `failed` (the platform refused or did not answer: the shipments stay unmanifested), `skipped` (bought on another
 * platform than the station uses now).
 */
export const ManifestOutcomeSchema = ManifestGroupSchema.extend({
  outcome: z.enum(['planned', 'created', 'pending', 'failed', 'skipped']),
  manifestId: z.string().nullable(),
  detail: z.string().nullable(),
  documentPath: z.string().nullable(),
  printJobId: z.string().nullable(),
});
export type ManifestOutcome = z.infer<typeof ManifestOutcomeSchema>;

export const ManifestRunSchema = z.object({
  /** The shipping day, YYYY-MM-DD (the station's local date). */
  day: z.string(),
  dryRun: z.boolean(),
  groups: z.array(ManifestOutcomeSchema),
  /** Bought before today and never manifested: not put on today's forms, reported so that someone looks. */
  leftFromEarlierDays: z.number().int().nonnegative(),
  /** Forms of earlier manifests downloaded again on this run (their first download had failed). */
  documentsFetched: z.array(z.string()),
});
export type ManifestRun = z.infer<typeof ManifestRunSchema>;

/** The supervisor's shipping-day view. */
export const ShippingDaySchema = z.object({
  day: z.string(),
  returns: z.array(ReturnLabelRecordSchema),
  manifests: z.array(ManifestRecordSchema),
  /** Today's bought outbound shipments not on a manifest yet, grouped as the next run would. */
  toManifest: z.array(ManifestGroupSchema),
  leftFromEarlierDays: z.number().int().nonnegative(),
  /** Return labels asked for that failed (kept in memory, newest first), so a packer's scan that failed is seen. */
  failedReturns: z.array(z.object({ picking: z.string(), at: z.number(), error: z.string() })),
});
export type ShippingDay = z.infer<typeof ShippingDaySchema>;
