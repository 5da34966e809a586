import { z } from 'zod';
import type { FreightTotal } from '../../app/domain/freight.schema';
import type { LabelVoid } from '../../app/ports';
import type { OdooExec } from './odoo-exec';
import { parseReply } from './odoo-picking.reader';
import { postNoteOnce } from './picking-chatter';

/**
 * What the station's labels write on their picking: `carrier_tracking_ref` (the codes comma separated, one per
 * parcel, as Odoo's own send_to_shipper appends them) and `carrier_price`, "Shipping Cost" (delivery on 16,
 * stock_delivery on 17+): a plain float in the company's currency, which only send_to_shipper puts on the sale order,
 * so writing it bills nobody. The station writes there the sum of its live labels' rates; labels bought in several
 * currencies have no one number, so then it writes none and says so in the chatter.
 */
export interface LabelFields {
  carrier_tracking_ref: string | false;
  carrier_price?: number | undefined;
}

const PRICE_EPS = 1e-6;

/** The values that make the picking show `codes` and `freight` (null: it shows them already). */
export function labelFieldValues(picking: LabelFields, codes: readonly string[], freight: FreightTotal | undefined): Partial<LabelFields> | null {
  const values: Partial<LabelFields> = {};
  const refs = codes.length === 0 ? false : codes.join(',');
  if (refs !== picking.carrier_tracking_ref) values.carrier_tracking_ref = refs;
  if (freight?.kind === 'total') {
    const price = Number(freight.amount);
    if (picking.carrier_price === undefined || Math.abs(picking.carrier_price - price) > PRICE_EPS) values.carrier_price = price;
  }
  return Object.keys(values).length === 0 ? null : values;
}

/** Said once in the chatter when the labels' currencies differ (marker: the first sentence). */
export async function noteMixedFreight(odoo: OdooExec, pickingId: number, freight: FreightTotal | undefined): Promise<void> {
  if (freight?.kind !== 'mixed') return;
  const marker = 'Shipping Cost not set by the packing station';
  await postNoteOnce(odoo, pickingId, marker, `${marker}: its labels were bought in several currencies (${freight.currencies.join(', ')}); each label's rate is kept at the station.`);
}

export const voidNoteMarker = (trackingCode: string): string => `Label ${trackingCode} voided`;

/**
 * The voided label's copies are renamed `VOID-<name>` (ir.attachment has no `active` field in 16–19 to archive
 * them): nobody prints them from the chatter by mistake, and the label copy of the parcel's next label has another
 * name. Found by name, or by parcel and tracking code when the name is not known. A copy already renamed is not found.
 */
export async function renameVoidedCopies(odoo: OdooExec, pickingId: number, label: Pick<LabelVoid, 'labelName' | 'parcelIndex' | 'trackingCode'>): Promise<void> {
  const byName = label.labelName !== null ? ['name', '=', label.labelName] : ['name', '=like', `Label-%-${label.parcelIndex}-${label.trackingCode}.%`];
  const rows = parseReply(
    z.array(z.object({ id: z.number().int(), name: z.string() })),
    await odoo.call('ir.attachment', 'search_read', [[['res_model', '=', 'stock.picking'], ['res_id', '=', pickingId], byName]], { fields: ['name'], order: 'id asc' }),
    'attachment search',
  );
  for (const name of new Set(rows.map((r) => r.name))) {
    await odoo.call('ir.attachment', 'write', [rows.filter((r) => r.name === name).map((r) => r.id), { name: `VOID-${name}` }]);
  }
}

/** The chatter note of a void, once per label. */
export async function noteVoid(odoo: OdooExec, pickingId: number, label: Pick<LabelVoid, 'trackingCode' | 'stationId' | 'reason'>): Promise<void> {
  await postNoteOnce(odoo, pickingId, voidNoteMarker(label.trackingCode), `${voidNoteMarker(label.trackingCode)} at station ${label.stationId}: ${label.reason}`);
}
