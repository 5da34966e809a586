import { z } from 'zod';

/** Odoo sends `false` for every empty field, never null. */
export const charOrFalse = z.union([z.string(), z.literal(false)]);
/** many2one values are `[id, "display name"]` or `false`. */
export const many2one = z.union([z.tuple([z.number().int(), z.string()]), z.literal(false)]);
export type Many2one = z.infer<typeof many2one>;

export const m2oId = (value: Many2one): number | null => (value === false ? null : value[0]);
export const text = (value: string | false): string | undefined => (value === false || value.trim() === '' ? undefined : value.trim());

export const idList = z.array(z.number().int());
/** `create` answers an id for one dict and a list for a list of dicts (17+ may do either). */
export const createdId = z.union([z.number().int(), z.tuple([z.number().int()]).transform(([id]) => id)]);

export const VersionInfoSchema = z.object({
  server_version: z.string(),
  // `[16, 0, 0, 'final', 0, '']`; SaaS builds put `'saas~17'` first.
  server_version_info: z.array(z.union([z.number(), z.string()])).min(1),
});

export const PickingRecordSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  state: z.string(),
  origin: charOrFalse,
  partner_id: many2one,
  picking_type_id: many2one,
  carrier_id: many2one,
  /** The source location (read by the picking reader: tracked products' lots in stock there). */
  location_id: many2one.optional(),
  carrier_tracking_ref: charOrFalse.optional(),
  /** Odoo's star: '1' urgent, '0' normal. */
  priority: charOrFalse.optional(),
  /** UTC, 'YYYY-MM-DD HH:MM:SS'. */
  scheduled_date: charOrFalse.optional(),
  /** The promised date (stock, 16–19): a stored datetime, UTC 'YYYY-MM-DD HH:MM:SS'; false when no move has one. */
  date_deadline: charOrFalse.optional(),
});

export const MoveRecordSchema = z.object({
  id: z.number().int(),
  product_id: many2one,
  product_uom_qty: z.number(),
  product_uom: many2one,
  state: z.string(),
});

export const ProductRecordSchema = z.object({
  id: z.number().int(),
  display_name: z.string(),
  barcode: charOrFalse,
  default_code: charOrFalse,
  weight: z.number(),
  /** `product.template.tracking` through the variant: 'none' | 'lot' | 'serial' (read when asked for). */
  tracking: z.string().optional(),
});

export const PartnerRecordSchema = z.object({
  id: z.number().int(),
  name: charOrFalse,
  parent_id: many2one,
  is_company: z.boolean(),
  street: charOrFalse,
  street2: charOrFalse,
  city: charOrFalse,
  zip: charOrFalse,
  state_id: many2one,
  country_id: many2one,
  phone: charOrFalse,
  mobile: charOrFalse.optional(),
  email: charOrFalse,
});
export type PartnerRecord = z.infer<typeof PartnerRecordSchema>;

export const CodeRecordSchema = z.object({ id: z.number().int(), code: charOrFalse });

export const PackageTypeRecordSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  barcode: charOrFalse,
  base_weight: z.number(),
  packaging_length: z.number(),
  width: z.number(),
  height: z.number(),
  max_weight: z.number(),
  package_carrier_type: charOrFalse.optional(),
});

/** Version-neutral: ≤16 carries `qty_done` (+ `reserved_uom_qty`, `product_uom_qty` on ≤15), 17+ `quantity` + `picked`. */
export const MoveLineRecordSchema = z.object({
  id: z.number().int(),
  move_id: many2one,
  product_id: many2one,
  product_uom_id: many2one,
  location_id: many2one,
  location_dest_id: many2one,
  result_package_id: many2one,
  qty_done: z.number().optional(),
  reserved_uom_qty: z.number().optional(),
  product_uom_qty: z.number().optional(),
  quantity: z.number().optional(),
  picked: z.boolean().optional(),
  /** `stock.lot` (16+; `stock.production.lot` before) reserved or set on the line, and a lot typed by name. */
  lot_id: many2one.optional(),
  lot_name: charOrFalse.optional(),
});
export type MoveLineRecord = z.infer<typeof MoveLineRecordSchema>;

/** The slice of a move line that names its lot, as the picking reader reads it. */
export const LotLineRecordSchema = MoveLineRecordSchema.pick({
  id: true, move_id: true, lot_id: true, lot_name: true, qty_done: true, reserved_uom_qty: true, product_uom_qty: true, quantity: true,
});
export type LotLineRecord = z.infer<typeof LotLineRecordSchema>;

export const LotRecordSchema = z.object({ id: z.number().int(), name: z.string(), product_id: many2one });

export const PackageRecordSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  shipping_weight: z.number(),
  package_type_id: many2one,
});

/** A window action (`ir.actions.act_window`), as returned by wizards-opening methods. */
export const WindowActionSchema = z.object({
  type: z.literal('ir.actions.act_window'),
  res_model: z.string(),
  res_id: z.union([z.number().int(), z.literal(false)]).optional(),
  context: z.record(z.string(), z.unknown()).optional(),
});
export type WindowAction = z.infer<typeof WindowActionSchema>;
