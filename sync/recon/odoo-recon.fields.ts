import { StationError } from '../../app/domain/errors';
import { ODOO_VERSIONS } from '../../app/recon/canonical-fields';
import type { CanonicalField, OdooVersion, SystemFieldMap } from '../../app/recon/canonical-fields';

/**
 * Where reconciliation reads each canonical field on stock.picking, per Odoo version, checked in each version's
 * source: `carrier_id` and `carrier_tracking_ref` come from delivery (16) / stock_delivery (17+); `shipping_weight`
 * ("Weight for Shipping": packages' shipping weight, else their content, plus the products not in a package) from
 * delivery (16), stock_delivery (17) and stock itself (18, 19 — stored on 19); `date_done`, `state`, `name` and
 * `picking_type_code` from stock; `message_attachment_count` from mail.thread, which stock gives the picking (Odoo's
 * ir.model.fields `modules` names the module that put each field on stock.picking). The reader asks for exactly these
 * names (`odooPickingFields`), and the mapping table is generated from `ODOO_FIELD_MAPS`: one declaration for both.
 */
export interface FieldSource {
  /** The stock.picking field read. */
  field: string;
  /** The module that defines it on that version. */
  module: string;
  /** How the value is turned into the canonical one. */
  how?: string;
}

/** The canonical fields the reader fills, by the key it uses for each. */
const READ = {
  id: 'picking.id',
  name: 'picking.name',
  state: 'picking.state',
  doneAt: 'picking.doneAt',
  trackingRefs: 'picking.trackingRefs',
  weight: 'picking.weight',
  attachments: 'picking.labelAttachment',
  carrier: 'shipment.carrier',
} as const satisfies Record<string, CanonicalField>;

type ReadKey = keyof typeof READ;

/** Fields the reader needs beside the canonical ones: the weight's unit, and the domain's picking type. */
interface Support {
  weightUnit: FieldSource;
  typeCode: FieldSource;
}

type VersionSources = Record<ReadKey, FieldSource> & Support;

const deliveryModule = (v: OdooVersion): string => (v === '16' ? 'delivery' : 'stock_delivery');

function sources(v: OdooVersion): VersionSources {
  const delivery = deliveryModule(v);
  return {
    id: { field: 'id', module: 'base' },
    name: { field: 'name', module: 'stock' },
    state: { field: 'state', module: 'stock' },
    doneAt: { field: 'date_done', module: 'stock', how: "UTC 'YYYY-MM-DD HH:MM:SS' → ms" },
    trackingRefs: { field: 'carrier_tracking_ref', module: delivery, how: 'comma-separated, one per parcel; split and trimmed' },
    weight: { field: 'shipping_weight', module: v === '16' || v === '17' ? delivery : 'stock', how: 'in weight_uom_name (kg by default) → g; 0 = none' },
    attachments: { field: 'message_attachment_count', module: 'stock', how: "mail.thread's count of the picking's ir.attachment rows" },
    carrier: { field: 'carrier_id', module: delivery, how: 'delivery.carrier display name (the delivery method)' },
    weightUnit: { field: 'weight_uom_name', module: delivery },
    typeCode: { field: 'picking_type_code', module: 'stock' },
  };
}

const SOURCES: Readonly<Record<OdooVersion, VersionSources>> = Object.fromEntries(ODOO_VERSIONS.map((v) => [v, sources(v)])) as Record<OdooVersion, VersionSources>;

/** The generated table's column for each Odoo version. */
export const ODOO_FIELD_MAPS: Readonly<Record<OdooVersion, SystemFieldMap>> = Object.fromEntries(
  ODOO_VERSIONS.map((v) => {
    const map: SystemFieldMap = {};
    for (const key of Object.keys(READ) as ReadKey[]) {
      const { field, module, how } = SOURCES[v][key];
      map[READ[key]] = `stock.picking.${field} (${module})${how ? `: ${how}` : ''}`;
    }
    return [v, map];
  }),
) as Record<OdooVersion, SystemFieldMap>;

/** The Odoo version whose declarations apply to a server's major version (a newer server reads as the newest known). */
export function odooVersionOf(major: number): OdooVersion {
  const newest = ODOO_VERSIONS[ODOO_VERSIONS.length - 1] as OdooVersion;
  if (major > Number(newest)) return newest;
  const known = ODOO_VERSIONS.find((v) => Number(v) === major);
  if (!known) throw new StationError('CONFIG', `Odoo ${major} is not supported (${ODOO_VERSIONS.join(', ')})`);
  return known;
}

/** Every stock.picking field the reader reads on one version, with the module that defines it (checked by the contract test). */
export function odooPickingSources(version: OdooVersion): readonly Readonly<FieldSource>[] {
  return Object.values(SOURCES[version]);
}

/** The stock.picking field names the reader asks for and reads back, on one version. */
export function odooPickingFields(version: OdooVersion): Readonly<Record<ReadKey | keyof Support, string>> {
  const s = SOURCES[version];
  return Object.fromEntries(Object.entries(s).map(([key, source]) => [key, source.field])) as Record<ReadKey | keyof Support, string>;
}
