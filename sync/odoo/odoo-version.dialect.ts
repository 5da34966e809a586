/**
 * What differs between the Odoo versions the station supports, in one place (quantities live in
 * move-line.planner's `quantityFields`). Seen on real servers and in each version's source:
 * - 19 drops `res.partner.mobile` (reading it is "ValueError: Invalid field 'mobile' on 'res.partner'").
 * - 19 renames `stock.quant.package` to `stock.package` (still with `shipping_weight`, from stock_delivery).
 * - 19's `stock.picking.action_put_in_pack` opens `stock.put.in.pack` (stock/wizard/stock_put_in_pack.py: fields
 *   `package_type_id`, `move_line_ids`; stock_delivery adds a stored `shipping_weight` and `package_carrier_type`,
 *   and puts `weight` in the context only when `package_carrier_type` is set, hence both are given); ≤18 open
 *   `choose.delivery.package` (`delivery_package_type_id`, `shipping_weight`, `picking_id`).
 * - 19 deprecates /jsonrpc (addons/rpc/controllers: "scheduled for removal in Odoo 20") for JSON-2.
 */
export interface OdooDialect {
  transport: 'jsonrpc' | 'json2';
  packageModel: 'stock.quant.package' | 'stock.package';
  lotModel: 'stock.lot' | 'stock.production.lot';
  partnerFields: readonly string[];
  putInPackWizard: { model: string; values: (pickingId: number, kg: number, packageTypeId: number | null, context: Record<string, unknown>) => Record<string, unknown> };
}

const PARTNER_FIELDS = ['name', 'parent_id', 'is_company', 'street', 'street2', 'city', 'zip', 'state_id', 'country_id', 'phone', 'email'];

const CHOOSE_DELIVERY_PACKAGE: OdooDialect['putInPackWizard'] = {
  model: 'choose.delivery.package',
  values: (pickingId, kg, packageTypeId) => ({ picking_id: pickingId, shipping_weight: kg, ...(packageTypeId !== null ? { delivery_package_type_id: packageTypeId } : {}) }),
};

const STOCK_PUT_IN_PACK: OdooDialect['putInPackWizard'] = {
  model: 'stock.put.in.pack',
  // The weight fields exist only with stock_delivery, whose hook puts `default_package_carrier_type` in the context.
  values: (_pickingId, kg, packageTypeId, context) => ({
    ...(typeof context.default_package_carrier_type === 'string' ? { shipping_weight: kg, package_carrier_type: context.default_package_carrier_type } : {}),
    ...(packageTypeId !== null ? { package_type_id: packageTypeId } : {}),
  }),
};

export function dialectOf(major: number): OdooDialect {
  const v19 = major >= 19;
  return {
    transport: v19 ? 'json2' : 'jsonrpc',
    packageModel: v19 ? 'stock.package' : 'stock.quant.package',
    // `stock.production.lot` was renamed `stock.lot` in 16.
    lotModel: major >= 16 ? 'stock.lot' : 'stock.production.lot',
    partnerFields: v19 ? PARTNER_FIELDS : [...PARTNER_FIELDS, 'mobile'],
    putInPackWizard: v19 ? STOCK_PUT_IN_PACK : CHOOSE_DELIVERY_PACKAGE,
  };
}
