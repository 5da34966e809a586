import { z } from 'zod';
import { CarrierKindSchema } from './carrier.schema';

export const LabelFormatSchema = z.enum(['ZPL', 'PNG', 'PDF', 'EPL2']);
export const DpiSchema = z.union([z.literal(203), z.literal(300), z.literal(600)]);
export type Dpi = z.infer<typeof DpiSchema>;

/** Carrier rate. The platform sends money as decimal strings: keep the string, compare numerically. */
export const RateSchema = z.object({
  id: z.string(),
  carrier: z.string(),
  service: z.string(),
  rate: z.string(),
  currency: z.string(),
  /** Business days in transit as the platform estimates them; null when it does not say. */
  deliveryDays: z.number().int().nonnegative().nullable().optional(),
  /** The estimated delivery date (YYYY-MM-DD) when the platform gives one. */
  deliveryDate: z.string().nullable().optional(),
  /** The platform's carrier account that would carry it (EasyPost `carrier_account_id`, Shippo `carrier_account`). */
  carrierAccount: z.string().nullable().optional(),
});
export type Rate = z.infer<typeof RateSchema>;

export const LabelSchema = z.object({
  format: LabelFormatSchema,
  dpi: DpiSchema,
  /** The printable bytes as text (ZPL is ASCII). */
  data: z.string().min(1),
});
export type Label = z.infer<typeof LabelSchema>;

/** Which rate the station's policy chose and why, recorded with the shipment and shown to the supervisor. */
export const RateChoiceSchema = z.object({
  policy: z.string(),
  reason: z.string(),
  /** Rates the platform offered, and how many the policy allowed. */
  offered: z.number().int().nonnegative(),
  allowed: z.number().int().nonnegative(),
});
export type RateChoice = z.infer<typeof RateChoiceSchema>;

export const ShipmentSchema = z.object({
  shipmentId: z.string(),
  trackingCode: z.string().min(1),
  rate: RateSchema,
  label: LabelSchema,
  /** Absent on shipments recorded before a second platform existed: those are EasyPost's. */
  platform: CarrierKindSchema.optional(),
  /** The platform's id of the purchase a refund names (EasyPost: the shipment; Shippo: the transaction). */
  purchaseId: z.string().optional(),
  choice: RateChoiceSchema.optional(),
  /** A return label (the customer sends the parcel back). */
  isReturn: z.boolean().optional(),
});
export type Shipment = z.infer<typeof ShipmentSchema>;
