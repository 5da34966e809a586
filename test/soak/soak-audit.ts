/**
 * What the remotes say happened, read from the sandboxes' own records (not the station's): the soak's verdict.
 */
import type { StationStatus } from '../../app/domain';
import type { DemoWorld } from '../../main/demo/demo.world';
import type { DemoOrder } from '../../main/demo/simulated-packer';

export interface SoakAudit {
  parcels: number;
  events: number;
  /** Bought labels Odoo does not show, units not in a package, pickings not validated, labels never printed, events pending or dead. */
  lost: number;
  /** A second purchase, package, attachment, validation or printed label for the same parcel. */
  duplicated: number;
  problems: string[];
}

export function auditRecords(world: DemoWorld, orders: readonly DemoOrder[], status: StationStatus): SoakAudit {
  const problems: string[] = [];
  let lost = 0;
  let duplicated = 0;
  const note = (kind: 'lost' | 'duplicated', n: number, what: string) => {
    if (n <= 0) return;
    if (kind === 'lost') lost += n;
    else duplicated += n;
    problems.push(`${kind} ${n}: ${what}`);
  };
  const bought = world.carrier.shipments().filter((s) => s.bought && s.trackingCode !== null);
  const printed = world.printer.jobs();
  // What took effect, not what was asked: a `button_validate` that only opened Odoo's SMS or backorder dialog (and
  // is asked again after a kill) validated nothing.
  const validations = world.odoo.validations();
  let parcels = 0;

  for (const order of orders) {
    const odoo = world.odoo.picking(order.id);
    const mine = bought.filter((s) => s.reference?.startsWith(`${order.name}#`));
    const references = new Set(mine.map((s) => s.reference));
    parcels += references.size;
    note('duplicated', mine.length - references.size, `${order.name}: a parcel bought twice`);
    const refs = odoo.carrier_tracking_ref === false ? [] : odoo.carrier_tracking_ref.split(',').map((r) => r.trim()).filter(Boolean);
    for (const s of mine) if (!refs.includes(s.trackingCode!)) note('lost', 1, `${order.name}: bought ${s.trackingCode} is not on the picking`);
    note('duplicated', refs.length - new Set(refs).size, `${order.name}: a tracking reference written twice`);
    note('duplicated', odoo.packages.length - references.size, `${order.name}: ${odoo.packages.length} packages for ${references.size} parcels`);
    note('lost', references.size - odoo.packages.length, `${order.name}: ${odoo.packages.length} packages for ${references.size} parcels`);
    note('duplicated', odoo.attachments.length - references.size, `${order.name}: ${odoo.attachments.length} label attachments for ${references.size} parcels`);
    note('lost', references.size - odoo.attachments.length, `${order.name}: ${odoo.attachments.length} label attachments for ${references.size} parcels`);
    if (odoo.packages.some((p) => !(p.shipping_weight > 0))) note('lost', 1, `${order.name}: a package without its weight`);
    if (odoo.state !== 'done') note('lost', 1, `${order.name} is ${odoo.state}, not validated`);
    const validated = validations.filter((id) => id === order.id).length;
    note('duplicated', validated - 1, `${order.name} validated ${validated} times`);
    const packedUnits = odoo.moveLines.filter((l) => Array.isArray(l.result_package_id) || typeof l.result_package_id === 'number').reduce((s, l) => s + Number(l.quantity ?? l.qty_done ?? 0), 0);
    const units = order.lines.reduce((s, l) => s + l.quantity, 0);
    note('lost', units - packedUnits, `${order.name}: ${packedUnits} of ${units} units in packages`);
    for (const s of mine) {
      const times = printed.filter((zpl) => zpl.includes(s.trackingCode!)).length;
      note('lost', times === 0 ? 1 : 0, `${order.name}: label ${s.trackingCode} never printed`);
      note('duplicated', times - 1, `${order.name}: label ${s.trackingCode} printed ${times} times`);
    }
  }
  const orphan = bought.filter((s) => !orders.some((o) => s.reference?.startsWith(`${o.name}#`)));
  note('duplicated', orphan.length, 'labels bought that no parcel owns');
  const pending = status.sync.reduce((n, t) => n + t.depth, 0);
  note('lost', pending, 'events still pending');
  note('lost', status.deadLetters.length, `dead letters: ${status.deadLetters.map((d) => d.reason).join('; ')}`);
  const events = world.odoo.operations().length;
  return { parcels, events, lost, duplicated, problems };
}
