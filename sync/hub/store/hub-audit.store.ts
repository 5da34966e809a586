import { z } from 'zod';
import type { AuditLog } from '../../../app/hub/hub.ports';
import { AuditEntrySchema } from '../../../app/hub/fleet.schema';
import type { SqlClient } from './sql-client';

const num = z.coerce.number();

/** What hub users did to stations, in order; the table refuses updates and deletes (see the migration). */
export function hubAuditStore(db: SqlClient): AuditLog {
  return {
    record: async (entry) => {
      const rows = await db.query<{ id: unknown }>(
        `INSERT INTO hub_audit (at, username, action, station_id, detail, outcome, error) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING id`,
        [entry.at, entry.username, entry.action, entry.stationId, JSON.stringify(entry.detail ?? null), entry.outcome, entry.error],
      );
      return num.parse(rows[0]?.id);
    },
    list: async (limit, stationId) => {
      const rows = await db.query(
        `SELECT id, at, username, action, station_id, detail, outcome, error FROM hub_audit
         WHERE ($1::text IS NULL OR station_id = $1) ORDER BY id DESC LIMIT $2`,
        [stationId ?? null, limit],
      );
      return rows.map((row) =>
        AuditEntrySchema.parse({ id: num.parse(row.id), at: num.parse(row.at), username: row.username, action: row.action, stationId: row.station_id, detail: row.detail, outcome: row.outcome, error: row.error }),
      );
    },
  };
}
