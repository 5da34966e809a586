import { z } from 'zod';
import type { OdooExec } from './odoo-exec';
import { parseReply } from './odoo-picking.reader';
import { idList } from './odoo-records.schema';

/** The labels' copies in Odoo: each bought label's ZPL as an `ir.attachment` of its picking, named after the label. */

export const uniqueByName = <T extends { name: string }>(labels: readonly T[]): T[] => labels.filter((l, i) => labels.findIndex((o) => o.name === l.name) === i);

/** The label copies of these names on these pickings, oldest first: one search. */
export async function findLabelCopies(odoo: OdooExec, pickingIds: readonly number[], names: readonly string[]): Promise<{ id: number; name: string; res_id: number }[]> {
  const domain = [['res_model', '=', 'stock.picking'], ['res_id', 'in', [...pickingIds]], ['name', 'in', [...new Set(names)]]];
  return parseReply(
    z.array(z.object({ id: z.number().int(), name: z.string(), res_id: z.number().int() })),
    await odoo.call('ir.attachment', 'search_read', [domain], { fields: ['name', 'res_id'], order: 'id asc' }),
    'attachment search',
  );
}

/** Label copies as `ir.attachment`s of their pickings: one create; the ids in the same order. */
export async function createLabelCopies(odoo: OdooExec, copies: readonly { pickingId: number; name: string; zpl: string }[]): Promise<number[]> {
  const values = copies.map((c) => ({
    name: c.name,
    type: 'binary',
    res_model: 'stock.picking',
    res_id: c.pickingId,
    datas: Buffer.from(c.zpl, 'utf8').toString('base64'),
    // text/plain keeps the raw ZPL readable from Odoo's chatter and re-printable as is.
    mimetype: 'text/plain',
  }));
  return parseReply(idList, await odoo.call('ir.attachment', 'create', [values]), 'attachment create');
}
