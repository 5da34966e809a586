import { z } from 'zod';
import { ParcelSchema } from './parcel.schema';

/** Where an outbox event is delivered. */
export const SyncTargetSchema = z.enum(['odoo', 'carrier']);
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
  }),
  z.object({ type: z.literal('picking.validate'), pickingId: z.number().int() }),
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
