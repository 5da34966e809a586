import { z } from 'zod';

export const ParcelItemSchema = z.object({
  moveId: z.number().int(),
  productId: z.number().int(),
  quantity: z.number().positive(),
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
