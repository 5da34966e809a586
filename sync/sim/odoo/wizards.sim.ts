import { OdooFault } from './odoo-fault.sim';
import type { RecordStore, Row } from './record-store.sim';
import type { Context, StockMethods } from './stock-methods.sim';
import { packageModelOf } from './stock-models.sim';
import type { SandboxVersion } from './stock-models.sim';

/** The put-in-pack wizard: `choose.delivery.package` on ≤18, `stock.put.in.pack` on 19. */
const PACK_WIZARDS = new Set(['choose.delivery.package', 'stock.put.in.pack']);

const LINE_FIELDS: Record<string, { field: string; flag: string }> = {
  'stock.immediate.transfer': { field: 'immediate_transfer_line_ids', flag: 'to_immediate' },
  'stock.backorder.confirmation': { field: 'backorder_confirmation_line_ids', flag: 'to_backorder' },
};

/**
 * The transient models of the flow: `choose.delivery.package` (delivery / stock_delivery), the 16 immediate-transfer
 * wizard, the backorder confirmation and stock_sms's `confirm.stock.sms`, with their `default_get` behaviour and
 * the return values that differ by version.
 */
export class WizardMethods {
  constructor(
    private readonly store: RecordStore,
    private readonly stock: StockMethods,
    private readonly version: SandboxVersion,
  ) {}

  handles(model: string): boolean {
    return PACK_WIZARDS.has(model) || model === 'confirm.stock.sms' || model in LINE_FIELDS;
  }

  create(model: string, vals: Record<string, unknown>, context: Context): number {
    const id = this.store.create(model, vals, context);
    const lines = LINE_FIELDS[model];
    const wizard = this.store.get(model, id);
    // default_get builds one line per picking of `default_pick_ids` when the caller gave none.
    if (lines && (this.store.value(model, wizard, lines.field) as number[]).length === 0) {
      const commands = (wizard.pick_ids as number[]).map((pickingId) => [0, 0, { picking_id: pickingId, [lines.flag]: true }]);
      this.store.write(model, [id], { [lines.field]: commands });
    }
    if (PACK_WIZARDS.has(model) && !('shipping_weight' in vals)) {
      this.store.write(model, [id], { shipping_weight: this.defaultShippingWeight(wizard) });
    }
    return id;
  }

  call(model: string, method: string, ids: number[], context: Context): unknown {
    const wizard = this.store.get(model, ids[0] ?? 0);
    const toValidate = Array.isArray(context.button_validate_picking_ids) ? (context.button_validate_picking_ids as number[]) : [];
    switch (`${model}.${method}`) {
      case 'choose.delivery.package.action_put_in_pack':
      case 'stock.put.in.pack.action_put_in_pack':
        return this.putInPack(wizard);
      case 'stock.immediate.transfer.process': {
        const { yes, no } = this.split(model, wizard, 'to_immediate');
        for (const pickingId of yes) {
          for (const line of this.stock.lines(pickingId)) if (line.state !== 'done') this.store.write('stock.move.line', [line.id], { qty_done: line.reserved_uom_qty });
        }
        const rest = toValidate.filter((id) => !no.includes(id));
        return rest.length > 0 ? this.stock.buttonValidate(rest, { ...context, skip_immediate: true }) : true;
      }
      case 'stock.backorder.confirmation.process': {
        const { no } = this.split(model, wizard, 'to_backorder');
        if (toValidate.length === 0) return true;
        return this.stock.buttonValidate(toValidate, { ...context, skip_backorder: true, ...(no.length > 0 ? { picking_ids_not_to_backorder: no } : {}) });
      }
      case 'stock.backorder.confirmation.process_cancel_backorder':
        if (toValidate.length === 0) return true;
        return this.stock.buttonValidate(toValidate, { ...context, skip_backorder: true, picking_ids_not_to_backorder: wizard.pick_ids });
      case 'confirm.stock.sms.send_sms':
      case 'confirm.stock.sms.dont_send_sms': {
        const companies = new Set((wizard.pick_ids as number[]).map((id) => this.store.get('stock.picking', id).company_id as number));
        const values = method === 'send_sms' ? { has_received_warning_stock_sms: true } : { has_received_warning_stock_sms: true, stock_move_sms_validation: false };
        for (const companyId of companies) this.store.write('res.company', [companyId], values);
        return this.stock.buttonValidate(toValidate, context);
      }
      default:
        throw new OdooFault('builtins.AttributeError', `The method '${model}.${method}' does not exist`);
    }
  }

  /**
   * ≤18 `choose.delivery.package` packs its picking's lines; 19 `stock.put.in.pack` its `move_line_ids`, and its
   * stock_delivery hook writes `shipping_weight` only when `package_carrier_type` put `weight` in the context.
   */
  private putInPack(wizard: Row): unknown {
    const v19 = this.version >= 19;
    const wizardLines = v19 ? (wizard.move_line_ids as number[]).map((id) => this.store.get('stock.move.line', id)).filter((l) => !l.result_package_id) : [];
    const pickingId = v19 ? (wizardLines[0]?.picking_id as number) : (wizard.picking_id as number);
    const lines = v19 ? wizardLines : this.stock.packageMoveLines(pickingId);
    if (lines.length === 0) throw OdooFault.user("Please add 'Done' quantities to the picking to create a new pack.");
    const packageId = this.stock.putInPack(pickingId, lines);
    const packageModel = packageModelOf(this.version);
    const typeId = v19 ? wizard.package_type_id : wizard.delivery_package_type_id;
    if (typeof typeId === 'number') this.store.write(packageModel, [packageId], { package_type_id: typeId });
    if (Number(wizard.shipping_weight) > 0 && (!v19 || wizard.package_carrier_type)) this.store.write(packageModel, [packageId], { shipping_weight: wizard.shipping_weight });
    // 16 returns None (no `result` key on the wire); 17/18 return the package, serialized as its repr.
    return this.version === 16 ? undefined : this.stock.packageResult(packageId);
  }

  private split(model: string, wizard: Row, flag: string): { yes: number[]; no: number[] } {
    const field = LINE_FIELDS[model]?.field ?? '';
    const lines = (this.store.value(model, wizard, field) as number[]).map((id) => this.store.get(`${model}.line`, id));
    return {
      yes: lines.filter((l) => l[flag] === true).map((l) => l.picking_id as number),
      no: lines.filter((l) => l[flag] !== true).map((l) => l.picking_id as number),
    };
  }

  /** `_compute_shipping_weight`: package base weight plus the product weight of what is about to be packed. */
  private defaultShippingWeight(wizard: Row): number {
    const typeId = wizard.delivery_package_type_id ?? wizard.package_type_id;
    const base = typeof typeId === 'number' ? Number(this.store.get('stock.package.type', typeId).base_weight) : 0;
    const lines = Array.isArray(wizard.move_line_ids)
      ? (wizard.move_line_ids as number[]).map((id) => this.store.get('stock.move.line', id))
      : typeof wizard.picking_id === 'number' ? this.stock.packageMoveLines(wizard.picking_id) : [];
    return lines.reduce((total, l) => {
      const qty = Number(this.version === 16 ? l.qty_done : l.quantity);
      return total + qty * Number(this.store.get('product.product', l.product_id as number).weight);
    }, base);
  }
}
