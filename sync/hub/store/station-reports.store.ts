import { z } from 'zod';
import type { StationReports } from '../../../app/hub/hub.ports';
import { StationReportSchema } from '../../../app/hub/hub-protocol.schema';
import { LagSampleSchema } from '../../../app/hub/fleet.schema';
import type { SqlClient } from './sql-client';

const ms = z.coerce.number();
const ReportRowSchema = z.object({ station_id: z.string(), report: StationReportSchema, received_at: ms, printer_fault_since: ms.nullable() });
const LagRowSchema = z.object({ station_id: z.string(), at: ms, target: z.string(), oldest_pending_age_ms: z.coerce.number().nullable(), depth: z.coerce.number() });
const MINUTE = 60_000;

/** The latest report per station, and sync-lag samples taken from reports at most once a minute per target. */
export function stationReportsStore(db: SqlClient): StationReports {
  return {
    save: async (stationId, report, receivedAt, printerFaultSince) => {
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO station_reports (station_id, report, received_at, printer_fault_since) VALUES ($1, $2::jsonb, $3, $4)
           ON CONFLICT (station_id) DO UPDATE SET report = EXCLUDED.report, received_at = EXCLUDED.received_at,
             printer_fault_since = EXCLUDED.printer_fault_since`,
          [stationId, JSON.stringify(report), receivedAt, printerFaultSince],
        );
        for (const target of report.status.sync) {
          await tx.query(
            `INSERT INTO lag_samples (station_id, target, minute, at, oldest_pending_age_ms, depth) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (station_id, target, minute) DO NOTHING`,
            [stationId, target.target, Math.floor(receivedAt / MINUTE), receivedAt, target.oldestPendingAgeMs, target.depth],
          );
        }
      });
    },
    latest: async (stationId) => {
      const rows = await db.query(
        'SELECT station_id, report, received_at, printer_fault_since FROM station_reports WHERE ($1::text IS NULL OR station_id = $1) ORDER BY station_id',
        [stationId ?? null],
      );
      return rows.map((raw) => {
        const row = ReportRowSchema.parse(raw);
        return { stationId: row.station_id, report: row.report, receivedAt: row.received_at, printerFaultSince: row.printer_fault_since };
      });
    },
    lag: async (sinceMs, stationId) => {
      const rows = await db.query(
        `SELECT station_id, at, target, oldest_pending_age_ms, depth FROM lag_samples
         WHERE at >= $1 AND ($2::text IS NULL OR station_id = $2) ORDER BY at, station_id, target`,
        [sinceMs, stationId ?? null],
      );
      return rows.map((raw) => {
        const row = LagRowSchema.parse(raw);
        return LagSampleSchema.parse({ stationId: row.station_id, at: row.at, target: row.target, oldestPendingAgeMs: row.oldest_pending_age_ms, depth: row.depth });
      });
    },
  };
}
