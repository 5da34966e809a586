import type { FieldDef, ModelDef, RecordStore, Row } from './record-store.sim';

export type SandboxVersion = 16 | 17 | 18 | 19;

/** 19 renamed `stock.quant.package` to `stock.package`. */
export const packageModelOf = (version: SandboxVersion): string => (version >= 19 ? 'stock.package' : 'stock.quant.package');

const char = { type: 'char' } as const;
const num = { type: 'float' } as const;
const int = { type: 'int' } as const;
const bool = { type: 'bool' } as const;
const sel = { type: 'selection' } as const;
const m2o = (relation: string): FieldDef => ({ type: 'm2o', relation });
const o2m = (relation: string, inverse: string): FieldDef => ({ type: 'o2m', relation, inverse });
const m2m = (relation: string): FieldDef => ({ type: 'm2m', relation });
const computed = (compute: (row: Row, store: RecordStore) => unknown): FieldDef => ({ type: 'computed', compute });

const linesOf = (store: RecordStore, moveId: number) => store.rows('stock.move.line').filter((l) => l.move_id === moveId);

/**
 * The slice of Odoo's data model the packing flow touches, with the field names of each version: move lines carry
 * `reserved_uom_qty` + `qty_done` on 16 and `quantity` + `picked` on 17/18 (reading the other version's field is the
 * real "Invalid field" ValueError). Products carry `tracking`, move lines `lot_id` (`stock.lot`, 16+) and `lot_name`.
 * Weights are kg, package dimensions mm, as in a default Odoo database. 19 (as seen on a real server) has no
 * `res.partner.mobile`, no `stock.picking.move_ids_without_package`, packages in `stock.package` and the
 * `stock.put.in.pack` wizard instead of `choose.delivery.package`.
 */
export function stockModels(version: SandboxVersion): ModelDef[] {
  const packageModel = packageModelOf(version);
  const lineQty: Record<string, FieldDef> = version === 16 ? { reserved_uom_qty: num, qty_done: num } : { quantity: num, picked: bool };
  const moveQty: Record<string, FieldDef> =
    version === 16
      ? { quantity_done: computed((m, s) => linesOf(s, m.id).reduce((t, l) => t + Number(l.qty_done), 0)) }
      : {
          quantity: computed((m, s) => linesOf(s, m.id).reduce((t, l) => t + Number(l.quantity), 0)),
          picked: computed((m, s) => linesOf(s, m.id).some((l) => l.picked === true)),
        };
  return [
    { name: 'res.country', fields: { name: char, code: char } },
    {
      name: 'res.country.state',
      fields: { name: char, code: char, country_id: m2o('res.country') },
      displayName: (r, s) => `${String(r.name)} (${String(s.get('res.country', r.country_id as number).code)})`,
    },
    { name: 'res.company', fields: { name: char, partner_id: m2o('res.partner'), stock_move_sms_validation: bool, has_received_warning_stock_sms: bool } },
    {
      name: 'res.partner',
      fields: {
        name: char, parent_id: m2o('res.partner'), is_company: bool, type: sel, street: char, street2: char, city: char, zip: char,
        state_id: m2o('res.country.state'), country_id: m2o('res.country'), phone: char, ...(version <= 18 ? { mobile: char } : {}), email: char, company_id: m2o('res.company'),
      },
      displayName: (r, s) => (typeof r.parent_id === 'number' ? `${String(s.get('res.partner', r.parent_id).name)}, ${String(r.name)}` : String(r.name)),
    },
    { name: 'uom.uom', fields: { name: char } },
    { name: 'res.users', fields: { name: char, login: char, partner_id: m2o('res.partner'), company_id: m2o('res.company') } },
    {
      name: 'product.product',
      fields: {
        name: char, default_code: char, barcode: char, weight: num, uom_id: m2o('uom.uom'), type: sel, tracking: sel, ...(version >= 18 ? { is_storable: bool } : {}),
      },
      displayName: (r) => (r.default_code ? `[${String(r.default_code)}] ${String(r.name)}` : String(r.name)),
      defaults: () => ({ tracking: 'none' }),
    },
    { name: 'stock.lot', fields: { name: char, product_id: m2o('product.product'), company_id: m2o('res.company') } },
    { name: 'stock.location', fields: { name: char, complete_name: char, usage: sel, location_id: m2o('stock.location') }, parentField: 'location_id', displayName: (r) => String(r.complete_name) },
    // Stock on hand per product, location and lot; kept for tracked products only (stock-quants.sim.ts).
    {
      name: 'stock.quant',
      fields: { product_id: m2o('product.product'), location_id: m2o('stock.location'), lot_id: m2o('stock.lot'), quantity: num, reserved_quantity: num, in_date: { type: 'datetime' }, company_id: m2o('res.company') },
      displayName: (r, s) => `${s.displayName('stock.location', r.location_id as number)} - ${s.displayName('product.product', r.product_id as number)}`,
    },
    { name: 'stock.warehouse', fields: { name: char, code: char, partner_id: m2o('res.partner'), company_id: m2o('res.company') } },
    {
      name: 'stock.picking.type',
      fields: {
        name: char, code: sel, sequence_code: char, warehouse_id: m2o('stock.warehouse'), create_backorder: sel, company_id: m2o('res.company'),
        use_create_lots: bool, use_existing_lots: bool,
      },
      displayName: (r, s) => `${String(s.get('stock.warehouse', r.warehouse_id as number).name)}: ${String(r.name)}`,
    },
    { name: 'delivery.carrier', fields: { name: char, delivery_type: sel, company_id: m2o('res.company') } },
    {
      name: 'stock.package.type',
      fields: { name: char, sequence: int, barcode: char, base_weight: num, max_weight: num, packaging_length: num, width: num, height: num, package_carrier_type: sel, company_id: m2o('res.company') },
    },
    { name: packageModel, fields: { name: char, package_type_id: m2o('stock.package.type'), shipping_weight: num, company_id: m2o('res.company') } },
    {
      name: 'stock.picking',
      fields: {
        name: char, state: sel, origin: char, priority: sel, scheduled_date: { type: 'datetime' }, date_deadline: { type: 'datetime' }, date_done: { type: 'datetime' },
        partner_id: m2o('res.partner'), picking_type_id: m2o('stock.picking.type'),
        picking_type_code: computed((p, s) => s.get('stock.picking.type', p.picking_type_id as number).code),
        location_id: m2o('stock.location'), location_dest_id: m2o('stock.location'), company_id: m2o('res.company'),
        // delivery (16) / stock_delivery (17+): "Shipping Cost", a plain float in the company's currency.
        carrier_id: m2o('delivery.carrier'), carrier_tracking_ref: char, carrier_price: num, backorder_id: m2o('stock.picking'),
        move_ids: o2m('stock.move', 'picking_id'), move_line_ids: o2m('stock.move.line', 'picking_id'),
        ...(version <= 18 ? { move_ids_without_package: o2m('stock.move', 'picking_id') } : {}),
        // mail.thread's count of the record's ir.attachment rows (res_model, res_id), as every version computes it.
        message_attachment_count: computed((p, s) => s.search('ir.attachment', [['res_model', '=', 'stock.picking'], ['res_id', '=', p.id]]).length),
      },
    },
    {
      name: 'stock.move',
      fields: {
        name: char, state: sel, picking_id: m2o('stock.picking'), product_id: m2o('product.product'), product_uom_qty: num, product_uom: m2o('uom.uom'),
        location_id: m2o('stock.location'), location_dest_id: m2o('stock.location'), company_id: m2o('res.company'),
        move_line_ids: o2m('stock.move.line', 'move_id'), ...moveQty,
      },
      displayName: (r, s) => `${String(s.get('stock.picking', r.picking_id as number).name)}: ${String(r.name)}`,
    },
    {
      name: 'stock.move.line',
      fields: {
        picking_id: m2o('stock.picking'), move_id: m2o('stock.move'), product_id: m2o('product.product'), product_uom_id: m2o('uom.uom'),
        location_id: m2o('stock.location'), location_dest_id: m2o('stock.location'), package_id: m2o(packageModel),
        result_package_id: m2o(packageModel), company_id: m2o('res.company'), lot_id: m2o('stock.lot'), lot_name: char,
        state: computed((l, s) => (typeof l.move_id === 'number' ? s.get('stock.move', l.move_id).state : 'draft')), ...lineQty,
      },
      displayName: (r, s) => s.displayName('product.product', r.product_id as number),
    },
    {
      name: 'ir.attachment',
      fields: {
        name: char, type: sel, res_model: char, res_id: int, datas: { type: 'binary' }, mimetype: char, company_id: m2o('res.company'),
        file_size: computed((a) => (typeof a.datas === 'string' ? Buffer.from(a.datas, 'base64').length : 0)),
      },
      defaults: () => ({ type: 'binary' }),
    },
    ...mailModels(version),
    ...wizardModels(version),
  ];
}

/**
 * What the station's picking claims use: `mail.activity` (an activity on the picking, visible in its chatter and the
 * list's activity column; a user clears it with Mark Done or Cancel), its `res_model` stored from `res_model_id`
 * (`ir.model`), and the chatter message `action_feedback` leaves. Defaults as real servers give a `create` over the
 * API: `default_res_model` in the context gives `res_model_id` (mail.activity's default_get, sudo) and then the To-Do
 * type; without it 16–18 leave the type empty, 19 takes the first generic type, To-Do. 16–18 assign the caller, 19
 * nobody. Mark Done deletes the activity on 16–18 (types that keep done ones are not seeded) and archives it with its
 * `feedback` on 19.
 */
function mailModels(version: SandboxVersion): ModelDef[] {
  return [
    { name: 'ir.model', fields: { name: char, model: char } },
    { name: 'mail.activity.type', fields: { name: char, category: sel } },
    {
      name: 'mail.activity',
      fields: {
        res_model_id: m2o('ir.model'), res_model: computed((a, s) => (typeof a.res_model_id === 'number' ? s.get('ir.model', a.res_model_id).model : false)),
        res_id: int, activity_type_id: m2o('mail.activity.type'), summary: char, note: char, date_deadline: char, user_id: m2o('res.users'),
        ...(version >= 17 ? { active: bool } : {}), ...(version >= 19 ? { feedback: char } : {}),
      },
      defaults: (s, context) => {
        const modelId = s.rows('ir.model').find((m) => m.model === context.default_res_model)?.id;
        return {
          ...(modelId !== undefined ? { res_model_id: modelId } : {}),
          ...(version >= 19 || modelId !== undefined ? { activity_type_id: s.rows('mail.activity.type')[0]?.id ?? false } : {}),
          ...(version <= 18 ? { user_id: 2 } : {}),
          ...(version >= 17 ? { active: true } : {}),
          date_deadline: new Date().toISOString().slice(0, 10),
        };
      },
      displayName: (a) => String(a.summary || 'Activity'),
    },
    { name: 'mail.message', fields: { model: char, res_id: int, body: char, message_type: sel, author_id: m2o('res.partner') } },
  ];
}

function wizardModels(version: SandboxVersion): ModelDef[] {
  const wizards: ModelDef[] = [
    version <= 18
      ? { name: 'choose.delivery.package', fields: { picking_id: m2o('stock.picking'), delivery_package_type_id: m2o('stock.package.type'), shipping_weight: num } }
      : {
          name: 'stock.put.in.pack',
          fields: {
            move_line_ids: m2m('stock.move.line'), package_type_id: m2o('stock.package.type'), result_package_id: m2o('stock.package'),
            location_dest_id: m2o('stock.location'), shipping_weight: num, package_carrier_type: char,
          },
        },
    { name: 'stock.backorder.confirmation', fields: { pick_ids: m2m('stock.picking'), show_transfers: bool, backorder_confirmation_line_ids: o2m('stock.backorder.confirmation.line', 'backorder_confirmation_id') } },
    { name: 'stock.backorder.confirmation.line', fields: { backorder_confirmation_id: m2o('stock.backorder.confirmation'), picking_id: m2o('stock.picking'), to_backorder: bool } },
    { name: 'confirm.stock.sms', fields: { pick_ids: m2m('stock.picking') } },
  ];
  if (version === 16) {
    wizards.push(
      { name: 'stock.immediate.transfer', fields: { pick_ids: m2m('stock.picking'), show_transfers: bool, immediate_transfer_line_ids: o2m('stock.immediate.transfer.line', 'immediate_transfer_id') } },
      { name: 'stock.immediate.transfer.line', fields: { immediate_transfer_id: m2o('stock.immediate.transfer'), picking_id: m2o('stock.picking'), to_immediate: bool } },
    );
  }
  return wizards;
}
