import type { RecordStore, Row } from './record-store.sim';
import { nextOutName } from './stock-methods.sim';
import type { SandboxVersion } from './stock-models.sim';
import { StockQuants } from './stock-quants.sim';

/** EAN-13 check digit (GS1 mod 10, weights 1/3 from the left). */
export function ean13(first12: string): string {
  const sum = [...first12].reduce((t, d, i) => t + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}

/**
 * Lot- and serial-tracked products with their `stock.lot` names and stock: each lot's units, on WH/Stock unless the
 * shelf is named (demo pickings reserve them only when asked, the first two lots of the lot product).
 */
const TRACKED: [name: string, code: string, kg: number, tracking: 'lot' | 'serial', lots: [name: string, units: number, shelf?: 'Shelf 1'][]][] = [
  ['Espresso Beans 1 kg', 'FOOD_0101', 1.02, 'lot', [['LOT-2024-A', 10_000], ['LOT-2024-B', 10_000], ['LOT-2024-C', 500, 'Shelf 1']]],
  ['Barcode Scanner X1', 'E-COM11', 0.35, 'serial', Array.from({ length: 60 }, (_, i) => [`SN-X1-${String(i + 1).padStart(4, '0')}`, 1] as [string, number])],
];

const PRODUCTS: [name: string, code: string, kg: number][] = [
  ['Cable Management Box', 'FURN_5555', 0.85],
  ['Desk Pad Black', 'FURN_0096', 0.42],
  ['Monitor Stand', 'FURN_6741', 2.3],
  ['LED Desk Lamp', 'FURN_8220', 1.15],
  ['Acoustic Bloc Screens', 'FURN_6666', 3.6],
  ['Drawer Black', 'FURN_8900', 4.2],
  ['Whiteboard Pen (12)', 'CONS_0001', 0.18],
  ['Wireless Mouse', 'E-COM07', 0.11],
];

// Odoo's demo companies, with their demo-data US addresses.
const CUSTOMERS: [name: string, street: string, city: string, state: string, zip: string, phone: string | false][] = [
  ['Deco Addict', '77 Santa Barbara Rd', 'Pleasant Hill', 'CA', '94523', '(603)-996-3829'],
  ['Gemini Furniture', '317 Fairchild Dr', 'Fairfield', 'CA', '94535', false],
  ['Azure Interior', '4557 De Silva St', 'Fremont', 'CA', '94538', '(870)-931-0505'],
  ['Ready Mat', '7500 W Linne Road', 'Tracy', 'CA', '95304', false],
  ['Lumber Inc', '1337 N San Joaquin St', 'Stockton', 'CA', '95202', '(828)-316-0593'],
  ['Wood Corner', '1839 Arbor Way', 'Turlock', 'CA', '95380', false],
];

const STATES: [name: string, code: string][] = [['California', 'CA'], ['New York', 'NY'], ['Texas', 'TX'], ['Washington', 'WA']];

/** Ids are fixed by creation order: company 1, warehouse 1, delivery type 1, stock location 1, carrier 1, uom 1. */
export function seedDemo(store: RecordStore, version: SandboxVersion): void {
  const quants = new StockQuants(store, version);
  const us = store.create('res.country', { name: 'United States', code: 'US' });
  const states = new Map(STATES.map(([name, code]) => [code, store.create('res.country.state', { name, code, country_id: us })]));
  const companyPartner = store.create('res.partner', {
    name: 'YourCompany', is_company: true, type: 'contact', street: '250 Executive Park Blvd, Suite 3400', city: 'San Francisco', zip: '94134',
    state_id: states.get('CA'), country_id: us, phone: '+1 (650) 555-0111', email: 'info@yourcompany.com',
  });
  const company = store.create('res.company', { name: 'YourCompany', partner_id: companyPartner, stock_move_sms_validation: true, has_received_warning_stock_sms: false });
  store.write('res.partner', [companyPartner], { company_id: company });
  for (const [name, street, city, state, zip, phone] of CUSTOMERS) {
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '.');
    const parent = store.create('res.partner', { name, is_company: true, type: 'contact', street, city, zip, state_id: states.get(state), country_id: us, phone, email: `info@${slug}example.com` });
    void parent;
  }
  // As on a real database: user 1 is the superuser (OdooBot), 2 the administrator the station logs in as.
  for (const [name, login] of [['OdooBot', '__system__'], ['Mitchell Admin', 'admin']]) store.create('res.users', { name, login, partner_id: companyPartner, company_id: company });
  for (const [name, model] of [['Transfer', 'stock.picking'], ['Contact', 'res.partner'], ['Product Variant', 'product.product']]) store.create('ir.model', { name, model });
  store.create('mail.activity.type', { name: 'To-Do', category: 'default' });
  store.create('uom.uom', { name: 'Units' });
  const storable = version >= 18 ? { type: 'consu', is_storable: true } : { type: 'product' };
  PRODUCTS.forEach(([name, code, kg], i) => {
    store.create('product.product', { name, default_code: code, weight: kg, uom_id: 1, barcode: ean13(`0601647${String(855 + i * 7).padStart(5, '0')}`), ...storable });
  });
  const stock = store.create('stock.location', { name: 'Stock', complete_name: 'WH/Stock', usage: 'internal' });
  const customers = store.create('stock.location', { name: 'Customers', complete_name: 'Partners/Customers', usage: 'customer' });
  const shelf = store.create('stock.location', { name: 'Shelf 1', complete_name: 'WH/Stock/Shelf 1', usage: 'internal', location_id: stock });
  void customers;
  TRACKED.forEach(([name, code, kg, tracking, lots], i) => {
    const productId = store.create('product.product', {
      name, default_code: code, weight: kg, uom_id: 1, barcode: ean13(`0601648${String(100 + i * 7).padStart(5, '0')}`), tracking, ...storable,
    });
    for (const [lot, units, where] of lots) {
      const lotId = store.create('stock.lot', { name: lot, product_id: productId, company_id: 1 });
      quants.addStock({ productId, locationId: where ? shelf : stock, lotId }, units);
    }
  });
  const warehouse = store.create('stock.warehouse', { name: 'YourCompany', code: 'WH', partner_id: companyPartner, company_id: company });
  store.create('stock.picking.type', {
    name: 'Delivery Orders', code: 'outgoing', sequence_code: 'OUT', warehouse_id: warehouse, create_backorder: 'ask', company_id: company,
    // Odoo's delivery type: "Use Existing Lots/Serial Numbers" on, "Create New" off.
    use_create_lots: false, use_existing_lots: true,
  });
  store.create('delivery.carrier', { name: 'Standard delivery', delivery_type: 'fixed', company_id: company });
  store.create('delivery.carrier', { name: 'Express delivery', delivery_type: 'fixed', company_id: company });
  const boxes: [string, string, number, number, number, number, number][] = [
    ['Small Box', 'PT-SMALL', 300, 200, 150, 0.25, 10],
    ['Medium Box', 'PT-MEDIUM', 400, 300, 300, 0.45, 20],
    ['Large Box', 'PT-LARGE', 600, 400, 400, 0.9, 30],
  ];
  boxes.forEach(([name, barcode, l, w, h, base, max], i) => {
    store.create('stock.package.type', {
      name, barcode, sequence: i + 1, packaging_length: l, width: w, height: h, base_weight: base, max_weight: max, package_carrier_type: 'none', company_id: company,
    });
  });
}

export interface SeededPicking {
  id: number;
  name: string;
  /** `scans`: for tracked lines, one code per unit (the reserved lot/serial names) a packer scans instead of the barcode. */
  lines: { barcode: string; quantity: number; unitWeightG: number; tracking: 'none' | 'lot' | 'serial'; lots: { name: string; quantity: number }[]; scans?: string[] }[];
}

type Reservation = { quantity: number; lotId?: number };

/** One move with its reserved move lines (one per lot/serial when tracked), in the version's quantity fields. */
function addMove(store: RecordStore, version: SandboxVersion, quants: StockQuants, pickingId: number, product: Row, reservations: Reservation[]): void {
  const quantity = reservations.reduce((sum, r) => sum + r.quantity, 0);
  const moveId = store.create('stock.move', {
    name: store.displayName('product.product', product.id), state: 'assigned', picking_id: pickingId, product_id: product.id, product_uom_qty: quantity,
    product_uom: 1, location_id: 1, location_dest_id: 2, company_id: 1,
  });
  for (const r of reservations) {
    store.create('stock.move.line', {
      picking_id: pickingId, move_id: moveId, product_id: product.id, product_uom_id: 1, location_id: 1, location_dest_id: 2, company_id: 1,
      ...(r.lotId !== undefined ? { lot_id: r.lotId } : {}),
      ...(version === 16 ? { reserved_uom_qty: r.quantity, qty_done: 0 } : { quantity: r.quantity, picked: false }),
    });
    if (r.lotId !== undefined) quants.reserve({ productId: product.id, locationId: 1, lotId: r.lotId }, r.quantity);
  }
}

/** Serials of a product still free on WH/Stock, so every tracked picking reserves its own units. */
function freeLots(store: RecordStore, quants: StockQuants, productId: number): Row[] {
  return store.rows('stock.lot').filter((lot) => lot.product_id === productId && quants.available({ productId, locationId: 1, lotId: lot.id }) > 0);
}

/** A tracked picking's lines: 3 units of the lot product reserved from two lots (2 + 1), 2 serials of the serial one. */
function trackedReservations(store: RecordStore, quants: StockQuants): { product: Row; reservations: Reservation[] }[] {
  return store.rows('product.product').flatMap((product) => {
    const lots = store.rows('stock.lot').filter((lot) => lot.product_id === product.id);
    if (product.tracking === 'lot') return [{ product, reservations: lots.slice(0, 2).map((lot, i) => ({ quantity: i === 0 ? 2 : 1, lotId: lot.id })) }];
    if (product.tracking === 'serial') return [{ product, reservations: freeLots(store, quants, product.id).slice(0, 2).map((lot) => ({ quantity: 1, lotId: lot.id })) }];
    return [];
  });
}

/**
 * Ready-to-pack deliveries (state assigned, everything reserved), deterministic so tests can reason about them.
 * Untracked products only, unless `tracked`: then each picking holds the lot- and the serial-tracked product.
 */
export function createPickings(store: RecordStore, version: SandboxVersion, count: number, opts: { linesPerPicking?: number; tracked?: boolean } = {}): SeededPicking[] {
  const quants = new StockQuants(store, version);
  const linesPerPicking = opts.linesPerPicking ?? 2;
  const products = store.rows('product.product').filter((p) => p.tracking === 'none');
  const customers = store.rows('res.partner').filter((p) => p.id > 1 && p.is_company);
  const out: SeededPicking[] = [];
  for (let i = 0; i < count; i++) {
    const seq = store.rows('stock.picking').length;
    const name = nextOutName(store);
    const partner = customers[seq % customers.length];
    const pickingId = store.create('stock.picking', {
      name, state: 'assigned', origin: `S${String(seq + 1).padStart(5, '0')}`, partner_id: partner?.id ?? false, picking_type_id: 1,
      location_id: 1, location_dest_id: 2, company_id: 1, carrier_id: 1, carrier_tracking_ref: false, scheduled_date: '2025-01-06 09:00:00',
      // Promised one to three days after it is scheduled, as a sale order's commitment date sets it.
      date_deadline: `2025-01-0${7 + (seq % 3)} 17:00:00`,
    });
    const moves: { product: Row; reservations: Reservation[] }[] = opts.tracked
      ? trackedReservations(store, quants)
      : Array.from({ length: Math.max(1, linesPerPicking) }, (_, j) => ({
          product: products[(seq * linesPerPicking + j) % products.length] as Row,
          reservations: [{ quantity: 1 + ((seq + j) % 3) }],
        }));
    const lines: SeededPicking['lines'] = moves.map(({ product, reservations }) => {
      addMove(store, version, quants, pickingId, product, reservations);
      const lots = reservations.flatMap((r) => (r.lotId === undefined ? [] : [{ name: String(store.get('stock.lot', r.lotId).name), quantity: r.quantity }]));
      const tracking = product.tracking === 'lot' || product.tracking === 'serial' ? product.tracking : 'none';
      return {
        barcode: String(product.barcode), quantity: reservations.reduce((sum, r) => sum + r.quantity, 0), unitWeightG: Math.round(Number(product.weight) * 1000), tracking, lots,
        ...(lots.length > 0 ? { scans: lots.flatMap((lot) => Array.from({ length: lot.quantity }, () => lot.name)) } : {}),
      };
    });
    out.push({ id: pickingId, name, lines });
  }
  return out;
}
