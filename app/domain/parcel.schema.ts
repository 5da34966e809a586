import { z } from 'zod';

export const ParcelItemSchema = z.object({
  moveId: z.number().int(),
  productId: z.number().int(),
  quantity: z.number().positive(),
  /** Lots read from GS1 codes (AI 10) or scanned as Odoo lot names for this item, so the Odoo side can set `lot_name` on its move lines. */
  lots: z.array(z.string().min(1)).optional(),
  /** Serial numbers read from GS1 codes (AI 21) or scanned as Odoo serial names, one per unit. */
  serials: z.array(z.string().min(1)).optional(),
  /** Units per lot of `lots` (a parcel may hold one product from several lots), so Odoo gets each lot's quantity. */
  lotQuantities: z.array(z.object({ name: z.string().min(1), quantity: z.number().positive() })).optional(),
});
export type ParcelItem = z.infer<typeof ParcelItemSchema>;

/** A closed, weighed box of one picking. `index` counts from 1 within the picking. */
export const ParcelSchema = z.object({
  pickingId: z.number().int(),
  index: z.number().int().positive(),
  items: z.array(ParcelItemSchema).min(1),
  packageTypeId: z.number().int().nullable(),
  weightG: z.number().positive(),
});
export type Parcel = z.infer<typeof ParcelSchema>;
