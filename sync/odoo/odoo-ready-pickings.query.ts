import { z } from 'zod';
import type { PickingRef, ReadyPickingsQuery } from '../../app/ports';
import type { OdooExec } from './odoo-exec';
import { OdooDatetimeSchema } from './odoo-datetime';
import { parseReply } from './odoo-picking.reader';
import { idList } from './odoo-records.schema';

/** "Ready" in Odoo: everything reserved (`assigned`). Waiting or draft pickings are not work for the bench yet. */
export const READY_STATES: readonly string[] = ['assigned'];

const PickingRefRecordSchema = z.object({ id: z.number().int(), state: z.string(), write_date: OdooDatetimeSchema });
const REF_FIELDS = ['state', 'write_date'];

const toRef = (r: z.infer<typeof PickingRefRecordSchema>): PickingRef => ({ id: r.id, state: r.state, writeDate: r.write_date });

/** The outgoing picking types in scope: the configured ones, narrowed to the warehouse's when one is set. */
async function typeLeaf(odoo: OdooExec, q: ReadyPickingsQuery): Promise<unknown[]> {
  if (q.warehouseId === undefined) return q.pickingTypeIds ? ['picking_type_id', 'in', q.pickingTypeIds] : ['picking_type_code', '=', 'outgoing'];
  const domain = [['warehouse_id', '=', q.warehouseId], ['code', '=', 'outgoing'], ...(q.pickingTypeIds ? [['id', 'in', q.pickingTypeIds]] : [])];
  const ids = parseReply(idList, await odoo.call('stock.picking.type', 'search', [domain]), 'picking type search');
  return ['picking_type_id', 'in', ids];
}

/**
 * The ready pickings in scope, newest writes last: `id`, `state`, `write_date` only, so the caller loads in full only
 * what it does not hold yet. A full pass (no `since`) takes the most urgent first (scheduled soonest); an incremental
 * pass goes by `write_date` so that a pass cut by `limit` continues where it stopped.
 */
export async function readyPickingRefs(odoo: OdooExec, q: ReadyPickingsQuery): Promise<PickingRef[]> {
  const domain: unknown[] = [
    ['state', 'in', READY_STATES],
    await typeLeaf(odoo, q),
    // Scheduled or created within the age bound: a picking created long ago but due now still counts.
    '|',
    ['scheduled_date', '>=', q.notBefore],
    ['create_date', '>=', q.notBefore],
    ...(q.since === null ? [] : [['write_date', '>', q.since]]),
  ];
  const order = q.since === null ? 'scheduled_date asc, id asc' : 'write_date asc, id asc';
  const rows = parseReply(
    z.array(PickingRefRecordSchema),
    await odoo.call('stock.picking', 'search_read', [domain], { fields: REF_FIELDS, limit: q.limit, order }),
    'ready picking search',
  );
  return rows.map(toRef);
}

/** State and write_date of pickings the station holds (written after `since` when given); deleted ones are absent. */
export async function pickingRefs(odoo: OdooExec, ids: readonly number[], since: string | null): Promise<PickingRef[]> {
  if (ids.length === 0) return [];
  const domain: unknown[] = [['id', 'in', [...ids]], ...(since === null ? [] : [['write_date', '>', since]])];
  const rows = parseReply(
    z.array(PickingRefRecordSchema),
    await odoo.call('stock.picking', 'search_read', [domain], { fields: REF_FIELDS, order: 'id asc' }),
    'picking state search',
  );
  return rows.map(toRef);
}
