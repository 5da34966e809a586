import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import type { FactNeeds, PickingFacts } from '../../app/domain/picking-basis.schema';
import type { OdooExec } from './odoo-exec';
import { parseReply } from './odoo-picking.reader';
import { charOrFalse, m2oId, many2one } from './odoo-records.schema';

export const PickingRow = z.object({
  id: z.number(),
  name: z.string(),
  state: z.string(),
  carrier_id: many2one,
  partner_id: many2one,
  carrier_tracking_ref: charOrFalse,
  /** "Shipping Cost": compared before the labels' writes set it. */
  carrier_price: z.number().optional(),
});
export const MoveRow = z.object({ id: z.number(), product_id: many2one, product_uom_qty: z.number() });
export const PartnerRow = z.object({ id: z.number(), street: charOrFalse, street2: charOrFalse, city: charOrFalse, zip: charOrFalse });
export const PICKING_FACT_FIELDS = ['name', 'state', 'carrier_id', 'partner_id', 'carrier_tracking_ref', 'carrier_price'] as const;
export const PARTNER_FACT_FIELDS = ['street', 'street2', 'city', 'zip'] as const;

const text = (v: string | false): string => (v === false ? '' : v);

/** `carrier_tracking_ref` holds the references comma separated (one per parcel). */
export const trackingRefsOf = (value: string | false): string[] => (value === false ? [] : value.split(',').map((r) => r.trim()).filter((r) => r !== ''));

/**
 * What Odoo says now about the facts a write depends on: one read of the picking, plus its moves (the lines, as the
 * picking reader takes them: not cancelled, quantity > 0) and its partner's address only when `needs` asks.
 */
export async function readPickingFacts(odoo: OdooExec, pickingId: number, needs: FactNeeds): Promise<PickingFacts> {
  const [picking] = parseReply(z.array(PickingRow), await odoo.call('stock.picking', 'read', [[pickingId]], { fields: [...PICKING_FACT_FIELDS] }), 'picking read');
  if (!picking) throw new StationError('NOT_FOUND', `odoo stock.picking ${pickingId} does not exist`);
  const moves = needs.lines
    ? parseReply(
        z.array(MoveRow.extend({ state: z.string() })),
        await odoo.call('stock.move', 'search_read', [[['picking_id', '=', pickingId]]], { fields: ['product_id', 'product_uom_qty', 'state'], order: 'id asc' }),
        'move read',
      )
    : undefined;
  const partnerId = m2oId(picking.partner_id);
  const partner =
    !needs.address || partnerId === null
      ? null
      : (parseReply(z.array(PartnerRow), await odoo.call('res.partner', 'read', [[partnerId]], { fields: [...PARTNER_FACT_FIELDS] }), 'partner read')[0] ?? null);
  return factsOf(picking, moves, needs.address ? partner : undefined);
}

/**
 * The facts of a picking from its rows: the lines as the picking reader takes them (moves not cancelled, quantity
 * > 0, in id order) when `moves` are given, the partner's address when `partner` is given (null: no partner).
 */
export function factsOf(
  picking: z.infer<typeof PickingRow>,
  moves: readonly (z.infer<typeof MoveRow> & { state: string })[] | undefined,
  partner: z.infer<typeof PartnerRow> | null | undefined,
): PickingFacts {
  const facts: PickingFacts = {
    pickingId: picking.id,
    name: picking.name,
    state: picking.state,
    carrier: picking.carrier_id === false ? null : { id: picking.carrier_id[0], name: picking.carrier_id[1] },
    trackingRefs: trackingRefsOf(picking.carrier_tracking_ref),
  };
  if (moves !== undefined) {
    facts.lines = [...moves]
      .sort((a, b) => a.id - b.id)
      .filter((m) => m.state !== 'cancel' && m.product_uom_qty > 0 && m.product_id !== false)
      .map((m) => ({ moveId: m.id, productId: m2oId(m.product_id) ?? 0, productName: m.product_id === false ? '' : m.product_id[1], quantity: m.product_uom_qty }));
  }
  if (partner !== undefined) {
    facts.address = {
      partnerId: m2oId(picking.partner_id),
      street1: partner ? text(partner.street) : '',
      street2: partner ? text(partner.street2) : '',
      city: partner ? text(partner.city) : '',
      zip: partner ? text(partner.zip) : '',
    };
  }
  return facts;
}
