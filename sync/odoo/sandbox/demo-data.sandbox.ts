import type { RecordStore } from './record-store.sandbox';
import { nextOutName } from './stock-methods.sandbox';
import type { SandboxVersion } from './stock-models.sandbox';

/** EAN-13 check digit (GS1 mod 10, weights 1/3 from the left). */
export function ean13(first12: string): string {
  const sum = [...first12].reduce((t, d, i) => t + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}

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
  store.create('uom.uom', { name: 'Units' });
  PRODUCTS.forEach(([name, code, kg], i) => {
    store.create('product.product', {
      name, default_code: code, weight: kg, uom_id: 1, barcode: ean13(`0601647${String(855 + i * 7).padStart(5, '0')}`),
      ...(version === 18 ? { type: 'consu', is_storable: true } : { type: 'product' }),
    });
  });
  const stock = store.create('stock.location', { name: 'Stock', complete_name: 'WH/Stock', usage: 'internal' });
  const customers = store.create('stock.location', { name: 'Customers', complete_name: 'Partners/Customers', usage: 'customer' });
  void stock;
  void customers;
  const warehouse = store.create('stock.warehouse', { name: 'YourCompany', code: 'WH', partner_id: companyPartner, company_id: company });
  store.create('stock.picking.type', { name: 'Delivery Orders', code: 'outgoing', sequence_code: 'OUT', warehouse_id: warehouse, create_backorder: 'ask', company_id: company });
  store.create('delivery.carrier', { name: 'Standard delivery', delivery_type: 'fixed', company_id: company });
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
  lines: { barcode: string; quantity: number; unitWeightG: number }[];
}

/** Ready-to-pack deliveries (state assigned, everything reserved), deterministic so tests can reason about them. */
export function createPickings(store: RecordStore, version: SandboxVersion, count: number, linesPerPicking = 2): SeededPicking[] {
  const products = store.rows('product.product');
  const customers = store.rows('res.partner').filter((p) => p.id > 1 && p.is_company);
  const out: SeededPicking[] = [];
  for (let i = 0; i < count; i++) {
    const seq = store.rows('stock.picking').length;
    const name = nextOutName(store);
    const partner = customers[seq % customers.length];
    const pickingId = store.create('stock.picking', {
      name, state: 'assigned', origin: `S${String(seq + 1).padStart(5, '0')}`, partner_id: partner?.id ?? false, picking_type_id: 1,
      location_id: 1, location_dest_id: 2, company_id: 1, carrier_id: 1, carrier_tracking_ref: false, scheduled_date: '2025-01-06 09:00:00',
    });
    const lines: SeededPicking['lines'] = [];
    for (let j = 0; j < Math.max(1, linesPerPicking); j++) {
      const product = products[(seq * linesPerPicking + j) % products.length];
      if (!product) continue;
      const quantity = 1 + ((seq + j) % 3);
      const moveId = store.create('stock.move', {
        name: store.displayName('product.product', product.id), state: 'assigned', picking_id: pickingId, product_id: product.id, product_uom_qty: quantity,
        product_uom: 1, location_id: 1, location_dest_id: 2, company_id: 1,
      });
      store.create('stock.move.line', {
        picking_id: pickingId, move_id: moveId, product_id: product.id, product_uom_id: 1, location_id: 1, location_dest_id: 2, company_id: 1,
        ...(version === 16 ? { reserved_uom_qty: quantity, qty_done: 0 } : { quantity, picked: false }),
      });
      lines.push({ barcode: String(product.barcode), quantity, unitWeightG: Math.round(Number(product.weight) * 1000) });
    }
    out.push({ id: pickingId, name, lines });
  }
  return out;
}
