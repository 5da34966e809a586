import { z } from 'zod';
import { PersonRefSchema } from '../people/person.schema';

/**
 * The station's ledger as the hub keeps it: business facts, each once, in the station's order. A station uploads them
 * through its outbox (target `hub`), so an outage of the hub loses none and a reconnect resumes after the last one the
 * hub acknowledged. `seq` is the station's own ordering number (its outbox event id): the hub keeps
 * (stationId, seq) unique, so an upload repeated after a lost acknowledgement changes nothing.
 */
const PickingRef = { pickingId: z.number().int(), pickingName: z.string().nullable() };
/** Who was signed in at the station when it happened (null: sign-in came after the fact was recorded). */
const By = { by: PersonRefSchema.nullable().optional() };

export const HubLedgerFactSchema = z.discriminatedUnion('type', [
  /** The packer closed a box: weight and package type as the station measured them. */
  z.object({ type: z.literal('parcel.packed'), ...PickingRef, parcelIndex: z.number().int().positive(), weightG: z.number().positive(), packageTypeId: z.number().int().nullable(), items: z.number().int().nonnegative(), ...By }),
  /** A label bought at the carrier platform, with what it cost. */
  z.object({
    type: z.literal('label.bought'),
    ...PickingRef,
    parcelIndex: z.number().int().positive(),
    shipmentId: z.string(),
    trackingCode: z.string(),
    carrier: z.string().nullable(),
    service: z.string().nullable(),
    price: z.number().nullable(),
    currency: z.string().nullable(),
    isReturn: z.boolean().default(false),
    ...By,
  }),
  /** The printer confirmed the label (or the packer answered "it printed"). */
  z.object({ type: z.literal('label.printed'), ...PickingRef, parcelIndex: z.number().int().positive(), ...By }),
  /** Every parcel of the picking is packed and labelled: the station asked Odoo to validate it. */
  z.object({
    type: z.literal('picking.packed'),
    ...PickingRef,
    parcels: z.number().int().nonnegative(),
    ...By,
    /** When the picking was first scanned at the bench (ms), for time per picking; null when unknown. */
    startedAt: z.number().nullable().optional(),
  }),
  /** Odoo acknowledged the validation (the picking is done there). */
  z.object({ type: z.literal('picking.validated'), ...PickingRef }),
  /** A label voided at the station (duplicate, cancelled picking, supervisor). */
  z.object({ type: z.literal('label.voided'), ...PickingRef, parcelIndex: z.number().int().positive(), shipmentId: z.string(), trackingCode: z.string(), reason: z.string(), by: z.string() }),
]);
export type HubLedgerFact = z.infer<typeof HubLedgerFactSchema>;
export type HubLedgerFactType = HubLedgerFact['type'];

export const HubLedgerEntrySchema = z.object({
  seq: z.number().int().positive(),
  /** Station clock time the fact was recorded (ms). */
  at: z.number(),
  fact: HubLedgerFactSchema,
});
export type HubLedgerEntry = z.infer<typeof HubLedgerEntrySchema>;
