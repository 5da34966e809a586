import { z } from 'zod';
import type { ShipmentAudit, ShipmentAuditEntry } from '../../../app/recon/recon.ports';
import type { SqlClient } from './sql-client';

const ms = z.coerce.number();
const EntrySchema = z.object({
  at: z.number(),
  shipmentId: z.string().nullable(),
  trackingCode: z.string().nullable(),
  pickingId: z.number().int().nullable(),
  system: z.enum(['station', 'hub', 'odoo', 'easypost', 'shippo']),
  actor: z.string().min(1),
  kind: z.enum(['request', 'response', 'status', 'override', 'finding']),
  summary: z.string(),
  data: z.unknown(),
}) satisfies z.ZodType<ShipmentAuditEntry>;
const RowSchema = z.object({
  id: ms,
  at: ms,
  shipment_id: z.string().nullable(),
  tracking_code: z.string().nullable(),
  picking_id: ms.nullable(),
  system: EntrySchema.shape.system,
  actor: z.string(),
  kind: EntrySchema.shape.kind,
  summary: z.string(),
  data: z.unknown(),
});

/** One trail per shipment. The table refuses UPDATE and DELETE itself (a trigger of hub migration 2). */
export function shipmentAuditStore(db: SqlClient): ShipmentAudit {
  return {
    append: async (entries) => {
      if (entries.length === 0) return;
      // `data` rides inside the batch as JSON: absent (undefined) is stored as SQL null.
      const batch = entries.map((entry) => {
        const parsed = EntrySchema.parse(entry);
        return { ...parsed, data: parsed.data ?? null };
      });
      await db.query(
        `INSERT INTO shipment_audit (at, shipment_id, tracking_code, picking_id, system, actor, kind, summary, data)
         SELECT round(e."at"), e."shipmentId", e."trackingCode", e."pickingId", e.system, e.actor, e.kind, e.summary, NULLIF(e.data, 'null'::jsonb)
         FROM jsonb_to_recordset($1::jsonb) AS e("at" double precision, "shipmentId" text, "trackingCode" text, "pickingId" bigint,
           system text, actor text, kind text, summary text, data jsonb)`,
        [JSON.stringify(batch)],
      );
    },
    trail: async (ref) => {
      const rows = await db.query(
        `SELECT id, at, shipment_id, tracking_code, picking_id, system, actor, kind, summary, data FROM shipment_audit
         WHERE shipment_id = $1 OR tracking_code = $1 ORDER BY at, id`,
        [ref],
      );
      return rows.map((raw) => {
        const row = RowSchema.parse(raw);
        return {
          id: row.id,
          at: row.at,
          shipmentId: row.shipment_id,
          trackingCode: row.tracking_code,
          pickingId: row.picking_id,
          system: row.system,
          actor: row.actor,
          kind: row.kind,
          summary: row.summary,
          data: row.data ?? null,
        };
      });
    },
  };
}
