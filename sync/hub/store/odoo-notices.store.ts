import { z } from 'zod';
import { TrackingStatusSchema } from '../../../app/domain/tracking.schema';
import type { OdooNotice, OdooNoticeQueue, TrackingChange } from '../../../app/recon/recon.ports';
import type { SqlClient } from './sql-client';

const ms = z.coerce.number();
const TrackingChangeSchema = z.object({
  pickingId: z.number().int(),
  pickingName: z.string().nullable(),
  trackingCode: z.string(),
  carrier: z.string().nullable(),
  before: TrackingStatusSchema.nullable(),
  after: TrackingStatusSchema,
  description: z.string(),
  location: z.string().nullable(),
  at: z.number().nullable(),
}) satisfies z.ZodType<TrackingChange>;
const NoticeRowSchema = z.object({ id: ms, change: TrackingChangeSchema, attempts: ms, next_at: ms });

const toNotice = (raw: unknown): OdooNotice => {
  const row = NoticeRowSchema.parse(raw);
  return { ...row.change, id: row.id, attempts: row.attempts, nextAt: row.next_at };
};

/**
 * Changes Odoo must be told, once per tracking code and status (the unique pair makes a webhook delivered to two
 * hubs one notice). `due` claims by pushing `next_at` past the claim, under SKIP LOCKED so hubs never wait on each
 * other; a hub that dies holding a claim simply lets it fall due again.
 */
export function odooNoticesStore(db: SqlClient): OdooNoticeQueue {
  return {
    enqueue: async (change, now) => {
      const parsed = TrackingChangeSchema.parse(change);
      const rows = await db.query(
        `INSERT INTO odoo_notices (tracking_code, status, change, state, next_at, queued_at) VALUES ($1, $2, $3::jsonb, 'pending', $4, $4)
         ON CONFLICT (tracking_code, status) DO NOTHING RETURNING id`,
        [parsed.trackingCode, parsed.after, JSON.stringify(parsed), now],
      );
      return rows.length > 0;
    },
    due: async (now, limit, claimMs) => {
      const rows = await db.query(
        `UPDATE odoo_notices SET next_at = $1::bigint + $3::bigint
         WHERE id IN (SELECT id FROM odoo_notices WHERE state = 'pending' AND next_at <= $1 ORDER BY next_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING id, change, attempts, next_at`,
        [now, limit, claimMs],
      );
      return rows.map(toNotice).sort((a, b) => a.id - b.id);
    },
    done: async (id, now) => {
      await db.query(`UPDATE odoo_notices SET state = 'done', done_at = $2, error = NULL WHERE id = $1`, [id, now]);
    },
    failed: async (id, error, retryAt) => {
      await db.query(`UPDATE odoo_notices SET attempts = attempts + 1, error = $2, next_at = $3 WHERE id = $1 AND state = 'pending'`, [id, error, retryAt]);
    },
    pending: async () => {
      const rows = await db.query<{ n: unknown }>(`SELECT count(*) AS n FROM odoo_notices WHERE state = 'pending'`);
      return ms.parse(rows[0]?.n ?? 0);
    },
  };
}
