import type { FieldDef, ModelDef, RecordStore, Row } from './record-store.sim';
import type { SandboxVersion } from './stock-models.sim';

const char = { type: 'char' } as const;
const computed = (compute: (row: Row, store: RecordStore) => unknown): FieldDef => ({ type: 'computed', compute });

/**
 * stock.picking's "Weight for Shipping" as delivery (16), stock_delivery (17) and stock (18, 19) compute it: each
 * package's `shipping_weight`, else the weight of what it holds, plus the products in no package (done quantities
 * on 16, `quantity` on 17+), in kg.
 */
function shippingWeight(version: SandboxVersion) {
  return (picking: Row, store: RecordStore): number => {
    const lines = store.rowsWhere('stock.move.line', 'picking_id', picking.id);
    const kg = (l: Row) => Number(version === 16 ? l.qty_done : l.quantity) * Number(store.get('product.product', l.product_id as number).weight);
    const byPackage = new Map<number, Row[]>();
    let total = 0;
    for (const line of lines) {
      if (typeof line.result_package_id !== 'number') total += kg(line);
      else byPackage.set(line.result_package_id, [...(byPackage.get(line.result_package_id) ?? []), line]);
    }
    const packageModel = version >= 19 ? 'stock.package' : 'stock.quant.package';
    for (const [id, packed] of byPackage) total += Number(store.get(packageModel, id).shipping_weight) || packed.reduce((t, l) => t + kg(l), 0);
    return total;
  };
}

/**
 * What the hub's reconciliation and tracking notices touch beyond the station's slice: stock.picking's Responsible
 * (`user_id`, 16–19), `shipping_weight` and `weight_uom_name` (kg, the default database's unit); a message's
 * `subject`; `ir.model.data`, where xmlids such as `mail.mail_activity_data_todo` resolve to record ids.
 */
export function withReconModels(models: readonly ModelDef[], version: SandboxVersion): ModelDef[] {
  const extra: Record<string, Record<string, FieldDef>> = {
    'stock.picking': { user_id: { type: 'm2o', relation: 'res.users' }, shipping_weight: computed(shippingWeight(version)), weight_uom_name: computed(() => 'kg') },
    'mail.message': { subject: char },
  };
  return [
    ...models.map((m) => (extra[m.name] ? { ...m, fields: { ...m.fields, ...extra[m.name] } } : m)),
    { name: 'ir.model.data', fields: { module: char, name: char, model: char, res_id: { type: 'int' } } },
  ];
}

/** The xmlids of the seeded records the API looks up (the To-Do activity type). */
export function seedXmlIds(store: RecordStore): void {
  const todo = store.rows('mail.activity.type').find((t) => t.name === 'To-Do');
  if (todo) store.create('ir.model.data', { module: 'mail', name: 'mail_activity_data_todo', model: 'mail.activity.type', res_id: todo.id });
}
