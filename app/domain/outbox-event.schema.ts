import { z } from 'zod';
import { HubLedgerFactSchema } from '../hub/ledger-event.schema';
import { FreightTotalSchema } from './freight.schema';
import { ParcelSchema } from './parcel.schema';
import { ShipmentSchema } from './shipment.schema';

/** Where an outbox event is delivered. */
export const SyncTargetSchema = z.enum(['odoo', 'carrier', 'hub']);
export type SyncTarget = z.infer<typeof SyncTargetSchema>;

/**
 * Business events the station records locally and the sync engine delivers, in order per picking.
 * Every payload carries what the remote needs to apply it idempotently.
 */
export const OutboxPayloadSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('parcel.packed'), parcel: ParcelSchema }),
  z.object({
    type: z.literal('label.bought'),
    pickingId: z.number().int(),
    parcelIndex: z.number().int().positive(),
    shipmentId: z.string(),
    trackingCode: z.string(),
    /** Attachment file name, unique per parcel so a retry finds the earlier upload. */
    labelName: z.string(),
    labelZpl: z.string(),
    /** The picking's live labels' freight once this one is recorded (Odoo's `carrier_price`); absent on older events. */
    freight: FreightTotalSchema.optional(),
  }),
  z.object({ type: z.literal('picking.validate'), pickingId: z.number().int() }),
  /** Target 'carrier': ask the platform for a voided label's postage back (order key `void:<shipmentId>`). */
  z.object({
    type: z.literal('label.void'),
    reference: z.string(),
    pickingId: z.number().int(),
    pickingName: z.string().nullable(),
    parcelIndex: z.number().int().positive(),
    reason: z.string(),
    shipment: ShipmentSchema,
  }),
  /** Target 'odoo', on the picking's key: the voided label's tracking code and copy leave the picking. */
  z.object({
    type: z.literal('label.voided'),
    pickingId: z.number().int(),
    parcelIndex: z.number().int().positive(),
    shipmentId: z.string(),
    trackingCode: z.string(),
    /** The label copy's attachment name; null when the station no longer knows the picking's name. */
    labelName: z.string().nullable(),
    reason: z.string(),
    by: z.string(),
    /** The picking's live labels' freight after the void. */
    freight: FreightTotalSchema,
  }),
  /**
   * Target 'odoo', on the picking's key: a return label bought for the picking. Its ZPL is attached as `labelName`
   * (`Return-<tracking>.zpl`) and a chatter note gives its tracking code, which never goes into
   * `carrier_tracking_ref` (that is the outbound parcels' list).
   */
  z.object({
    type: z.literal('return.label'),
    pickingId: z.number().int(),
    reference: z.string(),
    shipmentId: z.string(),
    trackingCode: z.string(),
    carrier: z.string(),
    service: z.string(),
    labelName: z.string(),
    labelZpl: z.string(),
  }),
  /** Target 'hub', order key `hub:ledger`: one fact of the station's ledger, uploaded in the station's order. */
  z.object({ type: z.literal('hub.fact'), fact: HubLedgerFactSchema }),
]);
export type OutboxPayload = z.infer<typeof OutboxPayloadSchema>;
export type OutboxEventType = OutboxPayload['type'];

export const OutboxEventSchema = z.object({
  id: z.number().int(),
  target: SyncTargetSchema,
  /** Ordering key: events with the same key are delivered strictly in `id` order. */
  orderKey: z.string(),
  payload: OutboxPayloadSchema,
  attempts: z.number().int().nonnegative(),
  /** Failures the remote answered (not outages): only these count towards a dead letter. */
  answeredFailures: z.number().int().nonnegative().default(0),
  createdAt: z.number(),
});
export type OutboxEvent = z.infer<typeof OutboxEventSchema>;
