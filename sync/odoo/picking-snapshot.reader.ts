import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import type { OdooExec } from './odoo-exec';
import { parseReply } from './odoo-picking.reader';
import { MoveLineRecordSchema, many2one } from './odoo-records.schema';
import type { MoveLineRecord } from './odoo-records.schema';
import { MoveRow, PARTNER_FACT_FIELDS, PICKING_FACT_FIELDS, PartnerRow, PickingRow } from './picking-facts.reader';

/** A move as the writes need it: the facts' fields, its state, and what a new move line of it takes. */
export const WorkMoveRow = MoveRow.extend({ state: z.string(), product_uom: many2one, location_id: many2one, location_dest_id: many2one });
export type WorkMove = z.infer<typeof WorkMoveRow>;
export const MOVE_FIELDS = ['product_id', 'product_uom_qty', 'state', 'product_uom', 'location_id', 'location_dest_id'] as const;

/** What one delivery reads of a picking before writing: the picking, its partner's address, its moves, its move lines. */
export interface PickingSnapshot {
  picking: z.infer<typeof PickingRow>;
  /** mail.thread's `message_attachment_count`: 0 means no label copy can be there yet (no search needed). */
  attachments: number;
  partner: z.infer<typeof PartnerRow> | null;
  moves: WorkMove[];
  lines: MoveLineRecord[];
}

/** Many2one fields as `read` gives them ([id, name]); web_read gives `{id, display_name}` when asked for the name. */
const NAMED = { fields: { display_name: {} } };
const specOf = (names: readonly string[], many2ones: readonly string[]) => Object.fromEntries(names.map((n) => [n, many2ones.includes(n) ? NAMED : {}]));

function asReadRow(row: unknown): unknown {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return row;
  return Object.fromEntries(
    Object.entries(row).map(([name, value]) => {
      const named = typeof value === 'object' && value !== null && !Array.isArray(value) && 'display_name' in value;
      return [name, named ? [(value as { id: unknown }).id, (value as { display_name: unknown }).display_name] : value];
    }),
  );
}

const M2O_LINE_FIELDS = ['move_id', 'product_id', 'product_uom_id', 'location_id', 'location_dest_id', 'result_package_id', 'lot_id'];

/**
 * The snapshots of these pickings in ONE request: `web_read` with a specification (Odoo 17+; tried on real 18 and 19,
 * where it answers each picking with its partner, `move_ids` and `move_line_ids` nested). Move lines in id order.
 * A picking Odoo no longer has is missing from the map.
 */
export async function readPickingSnapshots(odoo: OdooExec, pickingIds: readonly number[], lineFields: readonly string[]): Promise<Map<number, PickingSnapshot>> {
  const spec = {
    ...specOf([...PICKING_FACT_FIELDS, 'message_attachment_count'], ['carrier_id']),
    partner_id: { fields: { display_name: {}, ...specOf(PARTNER_FACT_FIELDS, []) } },
    move_ids: { fields: specOf(MOVE_FIELDS, ['product_id', 'product_uom', 'location_id', 'location_dest_id']) },
    move_line_ids: { fields: specOf(lineFields, M2O_LINE_FIELDS) },
  };
  const reply = await odoo.call('stock.picking', 'web_read', [[...pickingIds]], { specification: spec });
  const Row = z.object({ id: z.number(), message_attachment_count: z.number().int(), partner_id: z.unknown(), move_ids: z.array(z.unknown()), move_line_ids: z.array(z.unknown()) }).passthrough();
  const out = new Map<number, PickingSnapshot>();
  for (const row of parseReply(z.array(Row), reply, 'picking web_read')) {
    const partner = row.partner_id === false ? null : parseReply(PartnerRow.passthrough(), row.partner_id, 'picking partner');
    out.set(row.id, {
      picking: parseReply(PickingRow, asReadRow({ ...row, partner_id: partner === null ? false : [partner.id, (partner as { display_name?: unknown }).display_name ?? ''] }), 'picking web_read'),
      attachments: row.message_attachment_count,
      partner,
      moves: parseReply(z.array(WorkMoveRow), row.move_ids.map(asReadRow), 'picking moves').sort((a, b) => a.id - b.id),
      lines: parseReply(z.array(MoveLineRecordSchema), row.move_line_ids.map(asReadRow), 'picking move lines').sort((a, b) => a.id - b.id),
    });
  }
  return out;
}

/** One picking's snapshot (readPickingSnapshots); NOT_FOUND when Odoo has no such picking. */
export async function readPickingSnapshot(odoo: OdooExec, pickingId: number, lineFields: readonly string[]): Promise<PickingSnapshot> {
  const snapshot = (await readPickingSnapshots(odoo, [pickingId], lineFields)).get(pickingId);
  if (!snapshot) throw new StationError('NOT_FOUND', `odoo stock.picking ${pickingId} does not exist`);
  return snapshot;
}
