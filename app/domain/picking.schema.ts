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

/** Odoo `product.product.tracking` (a related field of product.template). */
export const TrackingSchema = z.enum(['none', 'lot', 'serial']);
export type Tracking = z.infer<typeof TrackingSchema>;

/** A lot or serial number Odoo reserved for a move (`stock.move.line` `lot_id` name, or `lot_name`). */
export const ReservedLotSchema = z.object({ name: z.string().min(1), quantity: z.number().nonnegative() });
export type ReservedLot = z.infer<typeof ReservedLotSchema>;

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
  tracking: TrackingSchema.default('none'),
  /** The lots/serials Odoo reserved for this move, in move-line order; names compare case-sensitively, as in Odoo. */
  lots: z.array(ReservedLotSchema).default([]),
});
/**
 * The input type: `tracking` and `lots` may be absent (pickings cached before lots existed, fixtures); parsing fills
 * the defaults, and readers use `lineTracking` / `reservedLots`.
 */
export type PickingLine = z.input<typeof PickingLineSchema>;

/**
 * A lot or serial Odoo has in stock where the picking takes its goods from (its source location and below), whether
 * reserved for this picking or not: what lets the packer take the unit in front of him instead of the one Odoo chose,
 * offline too (it is cached with the picking). `quantity`: on hand there, in the product's unit.
 */
export const StockLotSchema = z.object({ productId: z.number().int(), name: z.string().min(1), quantity: z.number() });
export type StockLot = z.infer<typeof StockLotSchema>;

export const lineTracking = (line: PickingLine): Tracking => line.tracking ?? 'none';
export const reservedLots = (line: PickingLine): readonly ReservedLot[] => line.lots ?? [];

export const PickingStateSchema = z.enum(['draft', 'waiting', 'confirmed', 'assigned', 'done', 'cancel']);

export const PickingSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  state: PickingStateSchema,
  origin: z.string().nullable(),
  partner: AddressSchema,
  /** Odoo's `res.partner` id of the delivery address; optional: older cached copies lack it. */
  partnerId: z.number().int().nullable().optional(),
  /** Ship-from: the warehouse's partner address. */
  warehouse: AddressSchema,
  carrier: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  lines: z.array(PickingLineSchema).min(1),
  packageTypes: z.array(PackageTypeSchema),
  /** Package type used when the packer does not scan one. */
  defaultPackageTypeId: z.number().int().nullable(),
  /** Odoo's priority star; its events drain first when there is a backlog. Optional: older cached copies lack it. */
  urgent: z.boolean().optional(),
  /** When Odoo scheduled it (epoch ms); due today drains before later work. */
  scheduledAt: z.number().nullable().optional(),
  /** Odoo's `date_deadline` (YYYY-MM-DD, the promised date): a `byDeadline` rate policy ships to arrive by it. */
  deadline: z.string().nullable().optional(),
  /** Lots/serials of its tracked products in stock at its source location; absent on copies cached before lookups. */
  availableLots: z.array(StockLotSchema).optional(),
});
export type Picking = z.input<typeof PickingSchema>;
