import { z } from 'zod';
import type { LedgerStore } from '../../../app/hub/hub.ports';
import { HubLedgerEntrySchema, HubLedgerFactSchema } from '../../../app/hub/ledger-event.schema';
import { HourlyCountSchema } from '../../../app/hub/fleet.schema';
import type { SqlClient } from './sql-client';

const num = z.coerce.number();
const AppendedRowSchema = z.object({ seq: num, type: z.string(), at: num });
const EntryRowSchema = z.object({ seq: num, at: num, fact: HubLedgerFactSchema });
const RecentRowSchema = z.object({ station_id: z.string(), last_label_at: num.nullable(), labels: num, parcels: num });
const FactRowSchema = EntryRowSchema.extend({ station_id: z.string() });
const PickingRowSchema = z.object({ station_id: z.string(), picking_id: num });
const HOUR = 3_600_000;

/**
 * The stations' ledgers: each fact once per (station, seq), whatever order and however often it arrives. The whole
 * batch travels as one jsonb parameter, so a batch is one statement on either engine whatever its size.
 */
export function hubLedgerStore(db: SqlClient): LedgerStore {
  const highestSeq = async (q: SqlClient, stationId: string) => {
    const rows = await q.query<{ highest_seq: unknown }>('SELECT highest_seq FROM ledger_stations WHERE station_id = $1', [stationId]);
    return rows[0] === undefined ? 0 : num.parse(rows[0].highest_seq);
  };
  return {
    append: async (stationId, entries, receivedAt) => {
      const batch = entries.map((entry) => HubLedgerEntrySchema.parse(entry));
      return db.transaction(async (tx) => {
        const inserted = (
          await tx.query(
            `INSERT INTO ledger_entries (station_id, seq, at, type, picking_id, fact, received_at)
             SELECT $1, (e->>'seq')::bigint, (e->>'at')::double precision, e->'fact'->>'type', (e->'fact'->>'pickingId')::bigint, e->'fact', $2
             FROM jsonb_array_elements($3::jsonb) AS e
             ON CONFLICT (station_id, seq) DO NOTHING
             RETURNING seq, type, at`,
            [stationId, receivedAt, JSON.stringify(batch)],
          )
        ).map((row) => AppendedRowSchema.parse(row));
        if (inserted.length > 0) {
          const labels = inserted.filter((row) => row.type === 'label.bought').map((row) => row.at);
          await tx.query(
            `INSERT INTO ledger_stations (station_id, highest_seq, last_label_at) VALUES ($1, $2, $3)
             ON CONFLICT (station_id) DO UPDATE SET highest_seq = GREATEST(ledger_stations.highest_seq, EXCLUDED.highest_seq),
               last_label_at = GREATEST(ledger_stations.last_label_at, EXCLUDED.last_label_at)`,
            [stationId, Math.max(...inserted.map((row) => row.seq)), labels.length > 0 ? Math.max(...labels) : null],
          );
        }
        return { stored: inserted.length, highestSeq: await highestSeq(tx, stationId) };
      });
    },
    highestSeq: (stationId) => highestSeq(db, stationId),
    hourly: async (sinceMs) => {
      const rows = await db.query(
        `SELECT station_id, floor(at / $2) * $2 AS hour,
           count(*) FILTER (WHERE type = 'parcel.packed') AS parcels, count(*) FILTER (WHERE type = 'label.bought') AS labels
         FROM ledger_entries WHERE type IN ('parcel.packed', 'label.bought') AND at >= $1
         GROUP BY 1, 2 ORDER BY 2, 1`,
        [sinceMs, HOUR],
      );
      return rows.map((row) => HourlyCountSchema.parse({ stationId: row.station_id, hour: num.parse(row.hour), parcels: num.parse(row.parcels), labels: num.parse(row.labels) }));
    },
    recent: async (sinceMs, stationId) => {
      const rows = await db.query(
        `SELECT s.station_id, s.last_label_at, coalesce(c.labels, 0) AS labels, coalesce(c.parcels, 0) AS parcels
         FROM ledger_stations s LEFT JOIN (
           SELECT station_id, count(*) FILTER (WHERE type = 'label.bought') AS labels, count(*) FILTER (WHERE type = 'parcel.packed') AS parcels
           FROM ledger_entries WHERE type IN ('parcel.packed', 'label.bought') AND at >= $1 AND ($2::text IS NULL OR station_id = $2)
           GROUP BY station_id
         ) c ON c.station_id = s.station_id WHERE ($2::text IS NULL OR s.station_id = $2) ORDER BY s.station_id`,
        [sinceMs, stationId ?? null],
      );
      return rows.map((raw) => {
        const row = RecentRowSchema.parse(raw);
        return { stationId: row.station_id, lastLabelAt: row.last_label_at, labels: row.labels, parcels: row.parcels };
      });
    },
    pickingFacts: async (sinceMs, untilMs) => {
      const rows = await db.query(
        `SELECT e.station_id, e.seq, e.at, e.fact FROM ledger_entries e
         JOIN (SELECT DISTINCT station_id, picking_id FROM ledger_entries WHERE at >= $1 AND at < $2) w
           ON w.station_id = e.station_id AND w.picking_id = e.picking_id
         ORDER BY e.station_id, e.seq`,
        [sinceMs, untilMs],
      );
      return rows.map((raw) => {
        const row = FactRowSchema.parse(raw);
        return { stationId: row.station_id, entry: { seq: row.seq, at: row.at, fact: row.fact } };
      });
    },
    shipmentFacts: async (ref) => {
      const rows = await db.query(
        `WITH hit AS (
           SELECT DISTINCT station_id, picking_id, fact->>'parcelIndex' AS parcel FROM ledger_entries
           WHERE type IN ('label.bought', 'label.voided') AND (fact->>'shipmentId' = $1 OR fact->>'trackingCode' = $1))
         SELECT e.station_id, e.seq, e.at, e.fact FROM ledger_entries e
         JOIN hit h ON h.station_id = e.station_id AND h.picking_id = e.picking_id
         WHERE e.fact->>'parcelIndex' IS NULL OR e.fact->>'parcelIndex' = h.parcel
         ORDER BY e.at, e.station_id, e.seq`,
        [ref],
      );
      return rows.map((raw) => {
        const row = FactRowSchema.parse(raw);
        return { stationId: row.station_id, entry: { seq: row.seq, at: row.at, fact: row.fact } };
      });
    },
    validatedPickings: async (stationId) => {
      const rows = await db.query(
        `SELECT DISTINCT station_id, picking_id FROM ledger_entries
         WHERE type = 'picking.validated' AND ($1::text IS NULL OR station_id = $1) ORDER BY station_id, picking_id`,
        [stationId ?? null],
      );
      return rows.map((raw) => {
        const row = PickingRowSchema.parse(raw);
        return { stationId: row.station_id, pickingId: row.picking_id };
      });
    },
    entries: async (stationId, afterSeq, limit) => {
      const rows = await db.query('SELECT seq, at, fact FROM ledger_entries WHERE station_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [stationId, afterSeq, limit]);
      return rows.map((raw) => HubLedgerEntrySchema.parse(EntryRowSchema.parse(raw)));
    },
  };
}
