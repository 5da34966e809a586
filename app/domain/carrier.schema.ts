/**
 * What the station knows of a carrier platform's answers, whichever platform (EasyPost, Shippo) gave them. The
 * platform adapters in `sync/carrier/` map their wire shapes to these; nothing above them knows the platform.
 */
import { z } from 'zod';
import { SaySchema } from '../i18n/language';
import { AddressSchema } from './address.schema';

export const CarrierKindSchema = z.enum(['easypost', 'shippo']);
export type CarrierKind = z.infer<typeof CarrierKindSchema>;

/** The platform's verdict on a destination address, with its corrected form when it offers one. */
export const AddressVerdictSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), address: AddressSchema, corrected: z.boolean() }),
  z.object({ ok: z.literal(false), problems: z.array(z.string().min(1)).min(1) }),
]);
export type AddressVerdict = z.infer<typeof AddressVerdictSchema>;

/**
 * A refund ("void") as the platform reports it: `submitted` (the carrier has yet to confirm; most do within days),
 * `refunded`, or `rejected` (the label was used, or it is past the carrier's window).
 */
export const VoidStatusSchema = z.enum(['submitted', 'refunded', 'rejected']);
export type VoidStatus = z.infer<typeof VoidStatusSchema>;
export const VoidOutcomeSchema = z.object({ status: VoidStatusSchema, detail: z.string().optional() });
export type VoidOutcome = z.infer<typeof VoidOutcomeSchema>;

/**
 * An end-of-day manifest (EasyPost ScanForm, Shippo manifest): one carrier account's shipments handed over together.
 * `documentUrl` is the platform's form (PDF); `pending` means the platform is still making it.
 */
export const ManifestSchema = z.object({
  manifestId: z.string(),
  carrier: z.string(),
  status: z.enum(['created', 'pending', 'failed']),
  trackingCodes: z.array(z.string()),
  documentUrl: z.string().nullable(),
  detail: z.string().optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Why a parcel was set aside instead of getting its label: each kind is an entry in the exception work queue. */
export const CarrierExceptionKindSchema = z.enum([
  'address_invalid', // the platform (or the station's own check) says the address cannot be delivered to
  'data_missing', // the picking lacks what a label needs (street, postcode where the country has them, weight)
  'weight_limit', // heavier than the package or every offered service allows
  'service_unavailable', // no rate for this parcel (or none the policy allows)
  'price_ceiling', // the chosen rate costs more than the policy's ceiling
  'duplicate_label', // a second live label for one parcel was found
  'carrier_down', // the platform has not answered for longer than the station waits at the packer
  'void_rejected', // a label the station voided was refused a refund: someone must look at it
]);
export type CarrierExceptionKind = z.infer<typeof CarrierExceptionKindSchema>;

/** What a gateway reports when it refuses to buy: carried in `StationError.detail.carrierException`. */
export const CarrierProblemSchema = z.object({
  kind: CarrierExceptionKindSchema,
  detail: z.string().min(1),
  suggestedAction: z.string().min(1),
});
export type CarrierProblem = z.infer<typeof CarrierProblemSchema>;

export const CarrierExceptionSchema = CarrierProblemSchema.extend({
  /** `suggestedAction` as catalogue words, for a screen in the reader's language (set when the queue is read). */
  suggestedActionSay: SaySchema.optional(),
  id: z.number().int(),
  pickingId: z.number().int(),
  pickingName: z.string(),
  parcelIndex: z.number().int().positive().nullable(),
  state: z.enum(['open', 'resolved']),
  openedAt: z.number(),
  resolvedAt: z.number().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type CarrierException = z.infer<typeof CarrierExceptionSchema>;
