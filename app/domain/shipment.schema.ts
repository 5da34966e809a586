import { z } from 'zod';

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
});
export type Rate = z.infer<typeof RateSchema>;

export const LabelSchema = z.object({
  format: LabelFormatSchema,
  dpi: DpiSchema,
  /** The printable bytes as text (ZPL is ASCII). */
  data: z.string().min(1),
});
export type Label = z.infer<typeof LabelSchema>;

export const ShipmentSchema = z.object({
  shipmentId: z.string(),
  trackingCode: z.string().min(1),
  rate: RateSchema,
  label: LabelSchema,
});
export type Shipment = z.infer<typeof ShipmentSchema>;
