import { OdooFault } from './odoo-fault.sim';
import type { RecordStore, Row } from './record-store.sim';
import type { SandboxVersion } from './stock-models.sim';

const EPS = 1e-9;
const idOf = (value: unknown): number | false => (typeof value === 'number' ? value : Array.isArray(value) && typeof value[0] === 'number' ? value[0] : false);
const stamp = (): string => new Date().toISOString().slice(0, 19).replace('T', ' ');

/** Where a move line takes its units from: product, (sub)location, lot. */
interface Place {
  productId: number;
  locationId: number;
  lotId: number | false;
}

/**
 * Stock on hand in quants (`stock.quant`: product, location, lot, `quantity`, `reserved_quantity`) and its reservation
 * by move lines, as stock keeps them on 16–19, for lot- and serial-tracked products (untracked stock is not modelled:
 * the sandbox has enough of it). A line reserves its reserved quantity (16: `reserved_uom_qty`; 17+: `quantity`)
 * on the quant of its exact location and lot (`_gather(strict=True)`):
 * - creating a line reserves on 17+ (stock.move.line `create`); 16's `create` reserves nothing;
 * - writing `lot_id`, `location_id` or the reserved quantity unreserves the old place and reserves the new one
 *   (stock.move.line `write`): 16 reserves all or nothing (`_update_reserved_quantity` raises when not available and
 *   `write` catches it, leaving the line reserved 0); 17+ always reserves (`_update_available_quantity` does not check);
 * - unlinking a line unreserves it; validating moves the done quantity to the destination and, when the source
 *   quant is left with less than it has reserved, takes the excess from other lines (`_free_reservation`), which
 *   Odoo then reserves again elsewhere (`_action_assign`).
 */
export class StockQuants {
  constructor(
    private readonly store: RecordStore,
    private readonly version: SandboxVersion,
  ) {}

  tracks(productId: unknown): boolean {
    const id = idOf(productId);
    if (id === false) return false;
    const tracking = this.store.get('product.product', id).tracking;
    return tracking === 'lot' || tracking === 'serial';
  }

  /** Stock put in place (an inventory adjustment): `quantity` more of the product in that location and lot. */
  addStock(place: Place, quantity: number): void {
    const quant = this.quant(place);
    this.store.write('stock.quant', [quant.id], { quantity: Number(quant.quantity) + quantity });
  }

  /** What a line holds reserved: nothing once done (its state is its move's). */
  reservedOf(line: Row): number {
    if (!this.isOpen(line)) return 0;
    return Number(this.version === 16 ? line.reserved_uom_qty : line.quantity) || 0;
  }

  /** Free quantity at exactly this place (`_get_available_quantity(strict=True)`). */
  available(place: Place): number {
    const quants = this.gather(place);
    return quants.reduce((t, q) => t + Math.max(0, Number(q.quantity)), 0) - quants.reduce((t, q) => t + Number(q.reserved_quantity), 0);
  }

  /** `stock.quant._update_reserved_quantity` with `strict=True`, by version (see the class comment). */
  reserve(place: Place, quantity: number): void {
    if (!this.tracks(place.productId) || Math.abs(quantity) <= EPS) return;
    if (this.version >= 17) {
      const quant = this.quant(place);
      const reserved = Number(quant.reserved_quantity) + quantity;
      this.store.write('stock.quant', [quant.id], { reserved_quantity: this.version >= 18 ? Math.max(0, reserved) : reserved });
      return;
    }
    const quants = this.gather(place);
    const name = this.store.displayName('product.product', place.productId);
    if (quantity > 0 && quantity > this.available(place) + EPS) throw OdooFault.user(`It is not possible to reserve more products of ${name} than you have in stock.`);
    const reserved = quants.reduce((t, q) => t + Number(q.reserved_quantity), 0);
    if (quantity < 0 && -quantity > reserved + EPS) {
      throw OdooFault.user(`It is not possible to unreserve more products of ${name} than you have in stock.\nPlease contact your system administrator to rectify this issue.`);
    }
    let left = quantity;
    for (const quant of quants) {
      const room = left > 0 ? Number(quant.quantity) - Number(quant.reserved_quantity) : -Number(quant.reserved_quantity);
      const take = left > 0 ? Math.min(Math.max(0, room), left) : Math.max(room, left);
      if (Math.abs(take) <= EPS) continue;
      this.store.write('stock.quant', [quant.id], { reserved_quantity: Number(quant.reserved_quantity) + take });
      left -= take;
      if (Math.abs(left) <= EPS) break;
    }
  }

  /** A line Odoo created: 17+ reserve its quantity where it takes it from; 16's `create` reserves nothing. */
  created(lineId: number): void {
    if (this.version === 16) return;
    const line = this.store.get('stock.move.line', lineId);
    if (this.reservedOf(line) > EPS) this.reserve(this.placeOf(line), this.reservedOf(line));
  }

  /** stock.move.line `write`: the reservation follows a new lot, location or reserved quantity. */
  write(ids: readonly number[], vals: Record<string, unknown>): void {
    const qtyField = this.version === 16 ? 'reserved_uom_qty' : 'quantity';
    const moves = 'lot_id' in vals || 'location_id' in vals || qtyField in vals;
    for (const id of ids) {
      const line = this.store.get('stock.move.line', id);
      const own = { ...vals };
      if (moves && this.tracks(line.product_id) && this.isOpen(line)) {
        const before = this.reservedOf(line);
        const wanted = qtyField in vals ? Number(vals[qtyField]) || 0 : before;
        const next: Place = { ...this.placeOf(line), ...('lot_id' in vals ? { lotId: idOf(vals.lot_id) } : {}), ...('location_id' in vals ? { locationId: idOf(vals.location_id) as number } : {}) };
        this.reserve(this.placeOf(line), -before);
        if (this.version >= 17) this.reserve(next, wanted);
        else if (wanted > EPS) {
          // 16: all of it, or nothing (the UserError is caught and the line keeps what could be reserved: 0).
          const fits = wanted <= this.available(next) + EPS;
          if (fits) this.reserve(next, wanted);
          else own.reserved_uom_qty = 0;
        }
      }
      this.store.write('stock.move.line', [id], own);
    }
  }

  /** stock.move.line `unlink`: each line gives back what it reserved. */
  unlink(ids: readonly number[]): void {
    for (const id of ids) {
      const line = this.store.get('stock.move.line', id);
      if (this.tracks(line.product_id)) this.reserve(this.placeOf(line), -this.reservedOf(line));
    }
    this.store.unlink('stock.move.line', ids);
  }

  /**
   * stock.move.line `_action_done` for one done line: its reservation is released, `done` units leave its place for
   * its destination, and a source quant left with more reserved than it holds takes the excess from other open lines
   * (`_free_reservation`: this picking first, then the latest scheduled; 17+ spares picked lines). `processed`: the
   * lines of the validation under way, never taken from (in Odoo only those already moved are; the rest of them
   * are done lines, which this sandbox does not let another done line unreserve).
   */
  moveDone(line: Row, done: number, processed: ReadonlySet<number>): void {
    if (!this.tracks(line.product_id)) return;
    const place = this.placeOf(line);
    this.reserve(place, -this.reservedOf(line));
    const source = this.quant(place);
    this.store.write('stock.quant', [source.id], { quantity: Number(source.quantity) - done });
    this.addStock({ ...place, locationId: idOf(line.location_dest_id) as number }, done);
    const excess = -this.available(place);
    if (excess > EPS) this.freeReservation(line, place, excess, processed);
  }

  /** `_action_assign` for a tracked move: lines per lot from its source location's free quants, oldest first. */
  assign(move: Row, quantity: number, lineValues: Record<string, unknown>): void {
    let left = quantity;
    const quants = this.store
      .read('stock.quant', this.store.search('stock.quant', [['product_id', '=', move.product_id], ['location_id', 'child_of', move.location_id], ['lot_id', '!=', false]], { order: 'in_date, id' }))
      .map((q) => ({ lotId: idOf(q.lot_id), locationId: idOf(q.location_id) as number }));
    for (const { lotId, locationId } of quants) {
      const place = { productId: move.product_id as number, locationId, lotId };
      const take = Math.min(left, this.available(place));
      if (take <= EPS) continue;
      const qty = this.version === 16 ? { reserved_uom_qty: take, qty_done: 0 } : { quantity: take, picked: false };
      this.store.create('stock.move.line', { ...lineValues, location_id: locationId, lot_id: lotId, ...qty });
      this.reserve(place, take);
      left -= take;
      if (left <= EPS) return;
    }
  }

  private freeReservation(line: Row, place: Place, excess: number, processed: ReadonlySet<number>): void {
    const domain = [['product_id', '=', place.productId], ['location_id', '=', place.locationId], ['lot_id', '=', place.lotId], ['id', '!=', line.id]];
    const candidates = this.store
      .search('stock.move.line', domain)
      .map((id) => this.store.get('stock.move.line', id))
      .filter((c) => !processed.has(c.id) && this.reservedOf(c) > EPS && (this.version === 16 || c.picked !== true))
      .sort((a, b) => this.freeingOrder(a, b, line));
    let left = excess;
    for (const candidate of candidates) {
      if (left <= EPS) break;
      const reserved = this.reservedOf(candidate);
      const move = typeof candidate.move_id === 'number' ? this.store.get('stock.move', candidate.move_id) : null;
      const values = { picking_id: candidate.picking_id, move_id: candidate.move_id, product_id: candidate.product_id, product_uom_id: candidate.product_uom_id, location_dest_id: candidate.location_dest_id, company_id: candidate.company_id };
      const take = Math.min(reserved, left);
      if (take >= reserved - EPS) this.unlink([candidate.id]);
      else this.write([candidate.id], { [this.version === 16 ? 'reserved_uom_qty' : 'quantity']: reserved - take });
      left -= take;
      if (move) this.assign(move, take, values);
    }
  }

  /** `current_picking_first`: the line's own picking, then the latest scheduled picking, then the newest line. */
  private freeingOrder(a: Row, b: Row, line: Row): number {
    const own = (c: Row) => (c.picking_id === line.picking_id ? 0 : 1);
    const scheduled = (c: Row) => (typeof c.picking_id === 'number' ? Date.parse(String(this.store.get('stock.picking', c.picking_id).scheduled_date || 0).replace(' ', 'T')) || 0 : 0);
    return own(a) - own(b) || scheduled(b) - scheduled(a) || b.id - a.id;
  }

  private isOpen(line: Row): boolean {
    const state = this.store.value('stock.move.line', line, 'state');
    return state !== 'done' && state !== 'cancel';
  }

  private placeOf(line: Row): Place {
    return { productId: idOf(line.product_id) as number, locationId: idOf(line.location_id) as number, lotId: idOf(line.lot_id) };
  }

  /** `_gather(strict=True)`: this product's quants at exactly this location and lot, oldest first. */
  private gather(place: Place): Row[] {
    const domain = [['product_id', '=', place.productId], ['location_id', '=', place.locationId], ['lot_id', '=', place.lotId]];
    return this.store.search('stock.quant', domain, { order: 'in_date, id' }).map((id) => this.store.get('stock.quant', id));
  }

  private quant(place: Place): Row {
    const [first] = this.gather(place);
    if (first) return first;
    const id = this.store.create('stock.quant', { product_id: place.productId, location_id: place.locationId, lot_id: place.lotId, quantity: 0, reserved_quantity: 0, in_date: stamp(), company_id: 1 });
    return this.store.get('stock.quant', id);
  }
}
