/**
 * Labels as the supervisor sees them: the live ones the station bought (what each cost, which carrier and service,
 * why the policy chose it) and the voided ones with what the platform answered about their refund.
 */
import { z } from 'zod';
import { CarrierKindSchema, VoidStatusSchema } from './carrier.schema';
import { RateChoiceSchema } from './shipment.schema';

const LabelFacts = z.object({
  /** The parcel's carrier reference (`WH/OUT/00012#1`), the key a void names. */
  reference: z.string(),
  shipmentId: z.string(),
  pickingId: z.number().int(),
  /** Null once the station no longer holds the picking's copy. */
  pickingName: z.string().nullable(),
  parcelIndex: z.number().int().positive(),
  trackingCode: z.string(),
  carrier: z.string(),
  service: z.string(),
  /** Decimal string, as the platform sent it. */
  rate: z.string(),
  currency: z.string(),
  platform: CarrierKindSchema.nullable(),
});

export const BoughtLabelSchema = LabelFacts.extend({
  choice: RateChoiceSchema.nullable(),
  isReturn: z.boolean(),
  boughtAt: z.number(),
  printed: z.boolean(),
});
export type BoughtLabel = z.infer<typeof BoughtLabelSchema>;

/** `requested`: queued for the platform; then its answer (`submitted` until the carrier confirms the refund). */
export const VoidedLabelStatusSchema = z.union([z.literal('requested'), VoidStatusSchema]);
export type VoidedLabelStatus = z.infer<typeof VoidedLabelStatusSchema>;

export const VoidedLabelSchema = LabelFacts.extend({
  id: z.number().int(),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.number(),
  status: VoidedLabelStatusSchema,
  answeredAt: z.number().nullable(),
  detail: z.string().nullable(),
});
export type VoidedLabel = z.infer<typeof VoidedLabelSchema>;

/** Who asks for a void and why: both required (the label's postage is money, the parcel gets another label). */
export const VoidRequestSchema = z.object({
  reference: z.string().trim().min(1).max(120),
  reason: z.string().trim().min(3).max(200),
  by: z.string().trim().min(1).max(80),
});
export type VoidRequest = z.infer<typeof VoidRequestSchema>;
