import { z } from 'zod';
import { AddressSchema } from './address.schema';

/** A box the station can pack into (Odoo `stock.package.type`). Dimensions in millimetres, weights in grams. */
export const PackageTypeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  barcode: z.string().nullable(),
  tareG: z.number().nonnegative(),
  lengthMm: z.number().nonnegative(),
  widthMm: z.number().nonnegative(),
  heightMm: z.number().nonnegative(),
  maxWeightG: z.number().nonnegative().nullable(),
});
export type PackageType = z.infer<typeof PackageTypeSchema>;

/** One product to pack: an Odoo `stock.move` of the picking. */
export const PickingLineSchema = z.object({
  moveId: z.number().int(),
  productId: z.number().int(),
  productName: z.string(),
  defaultCode: z.string().nullable(),
  barcode: z.string().nullable(),
  quantity: z.number().positive(),
  uom: z.string(),
  /** Unit weight in grams (Odoo `product.weight` is kg); 0 when unknown. */
  unitWeightG: z.number().nonnegative(),
});
export type PickingLine = z.infer<typeof PickingLineSchema>;

export const PickingStateSchema = z.enum(['draft', 'waiting', 'confirmed', 'assigned', 'done', 'cancel']);

export const PickingSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  state: PickingStateSchema,
  origin: z.string().nullable(),
  partner: AddressSchema,
  /** Ship-from: the warehouse's partner address. */
  warehouse: AddressSchema,
  carrier: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  lines: z.array(PickingLineSchema).min(1),
  packageTypes: z.array(PackageTypeSchema),
  /** Package type used when the packer does not scan one. */
  defaultPackageTypeId: z.number().int().nullable(),
});
export type Picking = z.infer<typeof PickingSchema>;
