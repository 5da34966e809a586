import type { RecordStore } from './record-store.sim';
import { packageModelOf } from './stock-models.sim';
import type { SandboxVersion } from './stock-models.sim';

/** What a test asserts Odoo ended up with for a picking, read straight from the sandbox's store. */
export interface SandboxPickingView {
  state: string;
  carrier_tracking_ref: string | false;
  /** "Shipping Cost". */
  carrier_price: number;
  packages: { id: number; name: string; shipping_weight: number; package_type_id: number | false }[];
  attachments: { name: string; size: number }[];
  moveLines: Record<string, unknown>[];
  /** The chatter's message bodies, oldest first. */
  messages: string[];
}

export function pickingView(store: RecordStore, version: SandboxVersion, id: number): SandboxPickingView {
  const p = store.get('stock.picking', id);
  const lineIds = store.search('stock.move.line', [['picking_id', '=', id]]);
  const moveLines = store.read('stock.move.line', lineIds);
  const packageIds = [...new Set(store.rows('stock.move.line').filter((l) => l.picking_id === id).map((l) => l.result_package_id))]
    .filter((v): v is number => typeof v === 'number')
    .sort((a, b) => a - b);
  return {
    state: String(p.state),
    carrier_tracking_ref: typeof p.carrier_tracking_ref === 'string' ? p.carrier_tracking_ref : false,
    carrier_price: Number(p.carrier_price),
    packages: packageIds.map((pid) => {
      const pkg = store.get(packageModelOf(version), pid);
      return { id: pid, name: String(pkg.name), shipping_weight: Number(pkg.shipping_weight), package_type_id: typeof pkg.package_type_id === 'number' ? pkg.package_type_id : false };
    }),
    attachments: store
      .rows('ir.attachment')
      .filter((a) => a.res_model === 'stock.picking' && a.res_id === id)
      .map((a) => ({ name: String(a.name), size: typeof a.datas === 'string' ? Buffer.from(a.datas, 'base64').length : 0 })),
    moveLines,
    messages: store.rows('mail.message').filter((m) => m.model === 'stock.picking' && m.res_id === id).map((m) => String(m.body)),
  };
}
