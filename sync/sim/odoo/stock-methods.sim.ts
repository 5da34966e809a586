import { OdooFault } from './odoo-fault.sim';
import type { RecordStore, Row } from './record-store.sim';
import { packageModelOf } from './stock-models.sim';
import { StockQuants } from './stock-quants.sim';
import type { SandboxVersion } from './stock-models.sim';

export type Context = Record<string, unknown>;

const EPS = 1e-9;
const NOTHING_TO_VALIDATE = 'You cannot validate a transfer if no quantities are reserved nor done. To force the transfer, switch in edit mode and encode the done quantities.';

/** The next name of the delivery sequence (`WH/OUT/00001`): pickings are never deleted, so the count is the sequence. */
export function nextOutName(store: RecordStore): string {
  return `WH/OUT/${String(store.count('stock.picking') + 1).padStart(5, '0')}`;
}

/**
 * `stock.picking` business methods as stock (+ delivery, stock_sms) implement them on 16, 17 and 18: the choice of
 * move lines to pack, the line split of ≤16, the wizard actions of `button_validate` and their order
 * (immediate transfer, then backorder, then SMS), backorders on partial validation.
 */
export class StockMethods {
  /** Each picking's move to `done`, oldest first: the sandbox trims it back with the store when a call rolls back. */
  readonly doneLog: number[] = [];
  /** Tracked products' stock and its reservation by move lines. */
  readonly quants: StockQuants;

  constructor(
    private readonly store: RecordStore,
    private readonly version: SandboxVersion,
    private readonly smsWizard: boolean,
  ) {
    this.quants = new StockQuants(store, version);
  }

  /** The picking's move lines in id order, from the index on `picking_id` (a picking's own rows, not every line). */
  lines(pickingId: number): Row[] {
    return this.store.rowsWhere('stock.move.line', 'picking_id', pickingId);
  }

  private moves(pickingId: number): Row[] {
    return this.store.rowsWhere('stock.move', 'picking_id', pickingId).filter((m) => m.state !== 'cancel');
  }

  private done(line: Row): number {
    return Number(this.version === 16 ? line.qty_done : line.picked ? line.quantity : 0);
  }

  /** `_package_move_lines` (17+) / the inline filter of `action_put_in_pack` (16). */
  packageMoveLines(pickingId: number): Row[] {
    const open = this.lines(pickingId).filter((l) => !l.result_package_id);
    if (this.version === 16) {
      const withDone = open.filter((l) => Number(l.qty_done) > EPS);
      return withDone.length > 0 ? withDone : open.filter((l) => Number(l.reserved_uom_qty) > EPS && Number(l.qty_done) <= EPS);
    }
    const withQty = open.filter((l) => Number(l.quantity) > EPS);
    const picked = withQty.filter((l) => l.picked === true);
    return picked.length > 0 ? picked : withQty;
  }

  actionPutInPack(ids: number[], context: Context): unknown {
    const picking = this.store.get('stock.picking', ensureOne(ids));
    if (picking.state === 'done' || picking.state === 'cancel') return undefined;
    const lines = this.packageMoveLines(picking.id);
    if (lines.length === 0) throw OdooFault.user("Please add 'Done' quantities to the picking to create a new pack.");
    if (typeof picking.carrier_id === 'number') {
      const carrier = this.store.get('delivery.carrier', picking.carrier_id);
      const carrierType = ['fixed', 'base_on_rule'].includes(String(carrier.delivery_type)) ? 'none' : carrier.delivery_type;
      if (this.version >= 19) {
        // stock.move.line `_pre_put_in_pack_hook` + stock_delivery's: the new wizard, its lines in the context.
        const ctx19: Context = {
          all_move_line_ids: lines.map((l) => l.id), default_move_line_ids: lines.map((l) => l.id), default_location_dest_id: lines[0]?.location_dest_id ?? false,
          picking_ids: [picking.id], default_package_carrier_type: carrierType,
        };
        return windowAction('Put in Pack', 'stock.put.in.pack', 1460, ctx19);
      }
      const ctx: Context = { ...context, current_package_carrier_type: carrierType, default_picking_id: picking.id };
      if (this.version >= 17) ctx.batch_pack = false;
      return windowAction('Package Details', 'choose.delivery.package', 1452, ctx);
    }
    return this.packageResult(this.putInPack(picking.id, lines));
  }

  /** How a method returning the new package answers: its repr on ≤18's /jsonrpc, its ids on 19 (JSON-2). */
  packageResult(packageId: number): unknown {
    return this.version >= 19 ? [packageId] : `${packageModelOf(this.version)}(${packageId},)`;
  }

  /** `_put_in_pack`: 16 splits a line whose done quantity is below its reservation, 17+ packs lines as they are. */
  putInPack(pickingId: number, lines: Row[]): number {
    const packageId = this.store.create(packageModelOf(this.version), { company_id: 1 });
    this.store.write(packageModelOf(this.version), [packageId], { name: `PACK${String(packageId).padStart(7, '0')}` });
    let toPack = lines;
    if (this.version === 16) {
      if (Number(lines[0]?.qty_done) <= EPS) for (const l of lines) this.store.write('stock.move.line', [l.id], { qty_done: l.reserved_uom_qty });
      toPack = lines.map((l) => {
        const done = Number(l.qty_done);
        const reserved = Number(l.reserved_uom_qty);
        if (done >= reserved - EPS) return l;
        const { id: _id, ...copy } = l;
        const splitId = this.store.create('stock.move.line', { ...copy, reserved_uom_qty: done, qty_done: done });
        this.store.write('stock.move.line', [l.id], { reserved_uom_qty: reserved - done, qty_done: 0 });
        return this.store.get('stock.move.line', splitId);
      });
    }
    this.store.write('stock.move.line', toPack.map((l) => l.id), { result_package_id: packageId });
    void pickingId;
    return packageId;
  }

  buttonValidate(ids: number[], context: Context): unknown {
    const ctx: Context = Array.isArray(context.button_validate_picking_ids) ? context : { ...context, button_validate_picking_ids: ids };
    const pickings = ids.map((id) => this.store.get('stock.picking', id));
    for (const p of pickings) {
      const lines = this.lines(p.id);
      const nothing =
        p.state === 'done' ||
        (this.version === 16
          ? lines.every((l) => Number(l.qty_done) <= EPS && Number(l.reserved_uom_qty) <= EPS)
          : lines.every((l) => Number(l.quantity) <= EPS));
      if (nothing) throw OdooFault.user(NOTHING_TO_VALIDATE);
    }
    if (this.version === 16 && !ctx.skip_immediate) {
      const immediate = pickings.filter((p) => this.lines(p.id).every((l) => Number(l.qty_done) <= EPS));
      if (immediate.length > 0) return this.wizardAction('Immediate Transfer?', 'stock.immediate.transfer', 1390, ctx, immediate);
    }
    if (this.version >= 17) {
      for (const p of pickings) {
        const lines = this.lines(p.id);
        if (lines.some((l) => Number(l.quantity) > EPS) && !lines.some((l) => l.picked)) this.store.write('stock.move.line', lines.map((l) => l.id), { picked: true });
      }
    }
    if (!ctx.skip_backorder) {
      const partial = pickings.filter((p) => this.pickingType(p).create_backorder === 'ask' && this.isPartial(p.id));
      if (partial.length > 0) return this.wizardAction('Create Backorder?', 'stock.backorder.confirmation', 1395, ctx, partial);
    }
    if (this.smsWizard && !ctx.skip_sms) {
      const warn = pickings.filter((p) => this.warnsSms(p));
      if (warn.length > 0) {
        const wizardId = this.store.create('confirm.stock.sms', { pick_ids: warn.map((p) => [4, p.id]) });
        return { ...windowAction('SMS', 'confirm.stock.sms', 1711, ctx), res_id: wizardId };
      }
    }
    const notToBackorder = new Set(Array.isArray(ctx.picking_ids_not_to_backorder) ? (ctx.picking_ids_not_to_backorder as number[]) : []);
    for (const p of pickings) this.actionDone(p, notToBackorder.has(p.id) || this.pickingType(p).create_backorder === 'never');
    return true;
  }

  /** `action_cancel`: moves and picking cancelled, reservations (move lines) released; done pickings stay done. */
  actionCancel(ids: number[]): boolean {
    for (const picking of ids.map((id) => this.store.get('stock.picking', id))) {
      if (picking.state === 'done') continue;
      this.quants.unlink(this.lines(picking.id).map((l) => l.id));
      this.store.write('stock.move', this.moves(picking.id).map((m) => m.id), { state: 'cancel' });
      this.store.write('stock.picking', [picking.id], { state: 'cancel' });
    }
    return true;
  }

  private pickingType(p: Row): Row {
    return this.store.get('stock.picking.type', p.picking_type_id as number);
  }

  private isPartial(pickingId: number): boolean {
    return this.moves(pickingId).some((m) => {
      const lines = this.lines(pickingId).filter((l) => l.move_id === m.id);
      if (this.version >= 17 && Number(m.product_uom_qty) > 0 && !lines.some((l) => l.picked)) return true;
      return lines.reduce((t, l) => t + this.done(l), 0) < Number(m.product_uom_qty) - EPS;
    });
  }

  private warnsSms(p: Row): boolean {
    const company = this.store.get('res.company', p.company_id as number);
    const partner = typeof p.partner_id === 'number' ? this.store.get('res.partner', p.partner_id) : null;
    return Boolean(company.stock_move_sms_validation) && !company.has_received_warning_stock_sms && this.pickingType(p).code === 'outgoing' && Boolean(partner?.mobile || partner?.phone);
  }

  private wizardAction(name: string, model: string, viewId: number, ctx: Context, pickings: Row[]): Record<string, unknown> {
    return windowAction(name, model, viewId, { ...ctx, default_show_transfers: false, default_pick_ids: pickings.map((p) => [4, p.id]) });
  }

  /**
   * `stock.move.line._action_done`'s lot rule: a done line of a tracked product needs a `lot_id`; only a type that
   * creates lots turns a `lot_name` into one (the existing lot of that name, else a new one). Deliveries do not.
   */
  private checkLots(picking: Row): void {
    const type = this.pickingType(picking);
    const missing: string[] = [];
    for (const line of this.lines(picking.id).filter((l) => this.done(l) > EPS && !l.lot_id)) {
      const product = this.store.get('product.product', line.product_id as number);
      if (product.tracking !== 'lot' && product.tracking !== 'serial') continue;
      if (type.use_create_lots && line.lot_name) {
        const existing = this.store.rowsWhere('stock.lot', 'name', line.lot_name).find((lot) => lot.product_id === product.id);
        const lotId = existing?.id ?? this.store.create('stock.lot', { name: line.lot_name, product_id: product.id, company_id: picking.company_id });
        this.store.write('stock.move.line', [line.id], { lot_id: lotId });
      } else if (type.use_create_lots || type.use_existing_lots) missing.push(this.store.displayName('product.product', product.id));
    }
    if (missing.length > 0) throw OdooFault.user(`You need to supply a Lot/Serial Number for product: \n - ${missing.join('\n - ')}`);
  }

  /**
   * `_action_done`: lines without a done quantity go first (freeing what they reserved), then each done line moves its
   * stock, moves shrink to what was done, the rest goes to a backorder.
   */
  private actionDone(picking: Row, cancelBackorder: boolean): void {
    this.checkLots(picking);
    const leftovers: { move: Row; qty: number }[] = [];
    const moves = this.moves(picking.id).filter((m) => m.state !== 'done');
    const open = this.lines(picking.id).filter((l) => moves.some((m) => m.id === l.move_id));
    this.quants.unlink(open.filter((l) => this.done(l) <= EPS).map((l) => l.id));
    const processed = new Set<number>(open.map((l) => l.id));
    for (const line of open.filter((l) => this.done(l) > EPS)) this.quants.moveDone(line, this.done(line), processed);
    for (const move of moves) {
      const kept = this.lines(picking.id).filter((l) => l.move_id === move.id);
      if (this.version === 16) this.store.write('stock.move.line', kept.map((l) => l.id), { reserved_uom_qty: 0 });
      const done = kept.reduce((t, l) => t + this.done(l), 0);
      const rest = Number(move.product_uom_qty) - done;
      if (rest > EPS) leftovers.push({ move, qty: rest });
      this.store.write('stock.move', [move.id], done > EPS ? { state: 'done', product_uom_qty: done } : { state: 'cancel' });
    }
    if (!cancelBackorder && leftovers.length > 0) this.createBackorder(picking, leftovers);
    this.doneLog.push(picking.id);
    this.store.write('stock.picking', [picking.id], { state: 'done', date_done: new Date().toISOString().slice(0, 19).replace('T', ' ') });
  }

  private createBackorder(picking: Row, leftovers: { move: Row; qty: number }[]): void {
    const { id: _id, move_ids: _m, move_line_ids: _l, ...copy } = picking;
    const backorderId = this.store.create('stock.picking', { ...copy, name: nextOutName(this.store), backorder_id: picking.id, state: 'assigned', carrier_tracking_ref: false, date_done: false });
    for (const { move, qty } of leftovers) {
      const { id: _mid, ...moveCopy } = move;
      const moveId = this.store.create('stock.move', { ...moveCopy, picking_id: backorderId, product_uom_qty: qty, state: 'assigned' });
      const qtyFields = this.version === 16 ? { reserved_uom_qty: qty, qty_done: 0 } : { quantity: qty, picked: false };
      const values = { picking_id: backorderId, move_id: moveId, product_id: move.product_id, product_uom_id: move.product_uom, location_dest_id: move.location_dest_id, company_id: move.company_id };
      // Tracked stock is reserved lot by lot, as `_action_assign` does for the backorder's moves.
      if (this.quants.tracks(move.product_id)) this.quants.assign(this.store.get('stock.move', moveId), qty, values);
      else this.store.create('stock.move.line', { ...values, location_id: move.location_id, ...qtyFields });
    }
  }
}

function ensureOne(ids: number[]): number {
  if (ids.length !== 1 || ids[0] === undefined) throw new OdooFault('builtins.ValueError', `Expected singleton: stock.picking(${ids.join(', ')},)`);
  return ids[0];
}

export function windowAction(name: string, model: string, viewId: number, context: Context): Record<string, unknown> {
  return { name, type: 'ir.actions.act_window', view_mode: 'form', res_model: model, views: [[viewId, 'form']], view_id: viewId, target: 'new', context };
}
