import { z } from 'zod';

/**
 * One exception model for the fleet: what reconciliation finds, what tracking reports (failed delivery, return,
 * carrier exception) and what stations raise themselves all become one of these, in one set of work queues.
 *
 * A finding is identified by its `key` (kind + subject, e.g. `orphan_label:shp_123`): the same difference found again
 * by a later run is the same exception, never a second one.
 */
export const ExceptionKindSchema = z.enum([
  /** The station packed the picking (all parcels labelled) but Odoo does not have it done. */
  'packed_not_done',
  /** Done in Odoo, but without the tracking reference the station bought. */
  'done_missing_tracking',
  /** Done in Odoo, but without the label attached. */
  'done_missing_label',
  /** Done in Odoo, but without the parcels' weight. */
  'done_missing_weight',
  /** Done in Odoo with a tracking reference no station ledger and no platform knows (changed by hand?). */
  'unknown_tracking',
  /** A label bought at the platform that no station parcel owns: void/refund it. */
  'orphan_label',
  /** The carrier billed a weight beyond tolerance of what the station weighed. */
  'weight_variance',
  /** The platform charged beyond tolerance of the price the station was quoted (adjustments, surcharges). */
  'price_variance',
  /** No tracking progress N days after the label (never scanned by the carrier, failed pickup). */
  'no_tracking_progress',
  /** Tracking: the carrier could not deliver. */
  'delivery_failed',
  /** Tracking: the parcel is on its way back (or back). */
  'returned',
  /** Tracking: the carrier reports an exception (damaged, address problem…). */
  'tracking_exception',
  /** Raised by a station (dead letter, carrier exception the packer could not resolve). */
  'station_exception',
]);
export type ExceptionKind = z.infer<typeof ExceptionKindSchema>;

export const ExceptionSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type ExceptionSeverity = z.infer<typeof ExceptionSeveritySchema>;

export const ExceptionSourceSchema = z.enum(['reconciliation', 'tracking', 'station']);
export type ExceptionSource = z.infer<typeof ExceptionSourceSchema>;

/** open → in_progress → resolved | ignored (with a reason); resolved or ignored may be reopened. */
export const ExceptionStateSchema = z.enum(['open', 'in_progress', 'resolved', 'ignored']);
export type ExceptionState = z.infer<typeof ExceptionStateSchema>;

/** What a person (or the hub, per policy) should do about it. `code` is stable; `text` is shown. */
export const SuggestedActionSchema = z.object({
  code: z.enum([
    'validate_in_odoo',
    'write_tracking_to_odoo',
    'attach_label_in_odoo',
    'write_weight_to_odoo',
    'check_picking_in_odoo',
    'void_label',
    'label_voided',
    'dispute_adjustment',
    'review_charge',
    'contact_carrier',
    'contact_customer',
    'inspect_return',
    'check_at_station',
  ]),
  text: z.string(),
});
export type SuggestedAction = z.infer<typeof SuggestedActionSchema>;

/** Amounts of a variance: what was expected (station), what the platform has, the difference. */
export const VarianceAmountsSchema = z.object({
  unit: z.string(),
  expected: z.number(),
  actual: z.number(),
  difference: z.number(),
});
export type VarianceAmounts = z.infer<typeof VarianceAmountsSchema>;

/** One difference as detection produces it (reconciliation, tracking, a station). */
export const ExceptionFindingSchema = z.object({
  key: z.string().min(1),
  kind: ExceptionKindSchema,
  severity: ExceptionSeveritySchema,
  source: ExceptionSourceSchema,
  stationId: z.string().nullable(),
  pickingId: z.number().int().nullable(),
  pickingName: z.string().nullable(),
  /** The platform's shipment id (`shp_…`, a Shippo transaction id) when known. */
  shipmentId: z.string().nullable(),
  trackingCode: z.string().nullable(),
  detail: z.string(),
  amounts: VarianceAmountsSchema.nullable(),
  suggestedAction: SuggestedActionSchema,
});
export type ExceptionFinding = z.infer<typeof ExceptionFindingSchema>;

export const ExceptionHistoryActionSchema = z.enum([
  'opened',
  'seen_again',
  'assigned',
  'started',
  'resolved',
  'ignored',
  'reopened',
  /** A later reconciliation no longer found the difference. */
  'auto_resolved',
  /** The hub acted on it per policy (an orphan label voided). */
  'auto_action',
]);
export type ExceptionHistoryAction = z.infer<typeof ExceptionHistoryActionSchema>;

export const ExceptionHistoryEntrySchema = z.object({
  at: z.number(),
  /** A fleet-view user, or `hub` (a job), or `station:<id>`. */
  by: z.string(),
  action: ExceptionHistoryActionSchema,
  state: ExceptionStateSchema,
  note: z.string().nullable(),
});
export type ExceptionHistoryEntry = z.infer<typeof ExceptionHistoryEntrySchema>;

export const HubExceptionSchema = ExceptionFindingSchema.extend({
  id: z.number().int().positive(),
  state: ExceptionStateSchema,
  owner: z.string().nullable(),
  /** Why it was ignored, or how it was resolved. */
  reason: z.string().nullable(),
  openedAt: z.number(),
  updatedAt: z.number(),
  lastSeenAt: z.number(),
  closedAt: z.number().nullable(),
  history: z.array(ExceptionHistoryEntrySchema),
});
export type HubException = z.infer<typeof HubExceptionSchema>;

/** What a fleet-view user does to one or many exceptions. */
export const ExceptionActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign'), owner: z.string().min(1) }),
  z.object({ type: z.literal('start') }),
  z.object({ type: z.literal('resolve'), note: z.string().min(1) }),
  z.object({ type: z.literal('ignore'), reason: z.string().min(1) }),
  z.object({ type: z.literal('reopen'), note: z.string().nullable().default(null) }),
]);
export type ExceptionAction = z.infer<typeof ExceptionActionSchema>;

/** One queue of the fleet view: a kind, its counts and its oldest open item. */
export const ExceptionQueueSchema = z.object({
  kind: ExceptionKindSchema,
  open: z.number().int().nonnegative(),
  inProgress: z.number().int().nonnegative(),
  oldestOpenedAt: z.number().nullable(),
  /** The worst severity among its open and in-progress items (null: nothing open). */
  severity: ExceptionSeveritySchema.nullable(),
});
export type ExceptionQueue = z.infer<typeof ExceptionQueueSchema>;

export const ExceptionFilterSchema = z.object({
  kind: ExceptionKindSchema.optional(),
  states: z.array(ExceptionStateSchema).optional(),
  owner: z.string().optional(),
  stationId: z.string().optional(),
  /** Matches the picking name, shipment id or tracking code. */
  ref: z.string().optional(),
  limit: z.number().int().positive().max(10_000).default(200),
  offset: z.number().int().nonnegative().default(0),
});
export type ExceptionFilter = z.input<typeof ExceptionFilterSchema>;
