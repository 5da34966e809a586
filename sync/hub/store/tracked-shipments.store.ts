import { z } from 'zod';
import { instant, mergeTracking } from '../../../app/carrier/tracking.merge';
import { TrackingReportSchema, TrackingStatusSchema, type TrackingReport } from '../../../app/domain/tracking.schema';
import { TrackedShipmentSchema, type TrackedShipment } from '../../../app/recon/recon-input.schema';
import type { TrackingStore } from '../../../app/recon/recon.ports';
import type { SqlClient } from './sql-client';

const ms = z.coerce.number();
const ShipmentRowSchema = z.object({
  tracking_code: z.string(),
  carrier: z.string().nullable(),
  platform: TrackedShipmentSchema.shape.platform,
  shipment_id: z.string().nullable(),
  station_id: z.string().nullable(),
  picking_id: ms.nullable(),
  picking_name: z.string().nullable(),
  label_at: ms.nullable(),
  status: TrackingStatusSchema,
  last_event_at: ms.nullable(),
  last_change_at: ms.nullable(),
  last_heard_at: ms.nullable(),
  report: TrackingReportSchema,
});
const RawRowSchema = z.object({
  received_at: ms,
  source: z.enum(['webhook', 'poll']),
  platform: z.string(),
  status_before: z.string().nullable(),
  status_after: z.string(),
  raw: z.unknown(),
});
const RegistrationSchema = TrackedShipmentSchema.pick({
  trackingCode: true,
  carrier: true,
  platform: true,
  shipmentId: true,
  stationId: true,
  pickingId: true,
  pickingName: true,
  labelAt: true,
});

const COLUMNS = `tracking_code, carrier, platform, shipment_id, station_id, picking_id, picking_name, label_at, status,
  last_event_at, last_change_at, last_heard_at, report`;
/** The statuses tracked_shipments_quiet leaves out: `quiet` repeats its predicate word for word so the index applies. */
const NOT_FINAL = `status NOT IN ('delivered', 'returned_to_sender', 'cancelled')`;

const toShipment = (raw: unknown): TrackedShipment => {
  const row = ShipmentRowSchema.parse(raw);
  return {
    trackingCode: row.tracking_code,
    carrier: row.carrier,
    platform: row.platform,
    shipmentId: row.shipment_id,
    stationId: row.station_id,
    pickingId: row.picking_id,
    pickingName: row.picking_name,
    labelAt: row.label_at,
    status: row.status,
    lastEventAt: row.last_event_at,
    lastChangeAt: row.last_change_at,
    lastHeardAt: row.last_heard_at,
    report: row.report,
  };
};

const emptyReport = (trackingCode: string, carrier: string | null): TrackingReport => ({
  carrier: carrier ?? '',
  trackingCode,
  status: 'unknown',
  events: [],
  estimatedDelivery: null,
  unmapped: [],
});

type Registration = z.infer<typeof RegistrationSchema>;

/** Inserts the shipment, or fills in what the row does not know yet: a known value is never replaced by a null. */
const upsertRegistration = (q: SqlClient, s: Registration) =>
  q.query(
    `INSERT INTO tracked_shipments (tracking_code, carrier, platform, shipment_id, station_id, picking_id, picking_name, label_at, status, report)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'unknown', $9::jsonb)
     ON CONFLICT (tracking_code) DO UPDATE SET carrier = COALESCE(EXCLUDED.carrier, tracked_shipments.carrier),
       platform = EXCLUDED.platform,
       shipment_id = COALESCE(EXCLUDED.shipment_id, tracked_shipments.shipment_id),
       station_id = COALESCE(EXCLUDED.station_id, tracked_shipments.station_id),
       picking_id = COALESCE(EXCLUDED.picking_id, tracked_shipments.picking_id),
       picking_name = COALESCE(EXCLUDED.picking_name, tracked_shipments.picking_name),
       label_at = COALESCE(EXCLUDED.label_at, tracked_shipments.label_at)`,
    [s.trackingCode, s.carrier, s.platform, s.shipmentId, s.stationId, s.pickingId, s.pickingName, s.labelAt, JSON.stringify(emptyReport(s.trackingCode, s.carrier))],
  );

const locked = async (q: SqlClient, trackingCode: string): Promise<TrackedShipment | null> => {
  const rows = await q.query(`SELECT ${COLUMNS} FROM tracked_shipments WHERE tracking_code = $1 FOR UPDATE`, [trackingCode]);
  return rows[0] === undefined ? null : toShipment(rows[0]);
};

/**
 * Each shipment's canonical tracking. A report is folded under the shipment's row lock, so the same webhook taken by
 * two hubs at once is merged twice in turn: the second finds its events known and counts none as new.
 */
export function trackedShipmentsStore(db: SqlClient): TrackingStore {
  return {
    register: async (shipment) => {
      await upsertRegistration(db, RegistrationSchema.parse(shipment));
    },
    ingest: async (input) =>
      db.transaction(async (tx) => {
        const report = TrackingReportSchema.parse(input.report);
        const code = report.trackingCode;
        let current = await locked(tx, code);
        const known = current !== null;
        if (current === null) {
          const registration = { trackingCode: code, carrier: report.carrier || null, platform: input.platform, shipmentId: input.shipmentId };
          await upsertRegistration(tx, { ...registration, stationId: null, pickingId: null, pickingName: null, labelAt: null });
          current = await locked(tx, code);
          if (current === null) throw new Error(`tracked shipment ${code} vanished while it was registered`);
        }
        const merged = mergeTracking(current.report, report);
        const newest = merged.events.at(-1);
        const newestAt = newest === undefined ? -Infinity : instant(newest.at);
        const changed = merged.status !== current.status;
        const rows = await tx.query(
          `UPDATE tracked_shipments SET carrier = COALESCE(NULLIF($2, ''), carrier), shipment_id = COALESCE(shipment_id, $3),
             status = $4, report = $5::jsonb, last_event_at = COALESCE($6::bigint, last_event_at),
             last_change_at = CASE WHEN $7::boolean THEN $8::bigint ELSE last_change_at END, last_heard_at = GREATEST(last_heard_at, $8::bigint)
           WHERE tracking_code = $1 RETURNING ${COLUMNS}`,
          [code, merged.carrier, input.shipmentId, merged.status, JSON.stringify(merged), Number.isFinite(newestAt) ? newestAt : null, changed, input.receivedAt],
        );
        const before = known ? current.status : null;
        await tx.query(
          `INSERT INTO tracking_events_raw (tracking_code, received_at, source, platform, status_before, status_after, raw) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
          [code, input.receivedAt, input.source, input.platform, before, merged.status, JSON.stringify(input.rawMasked ?? null)],
        );
        // The fold deduplicates events by identity, so what it added is what the hub had not seen.
        return { before, after: merged.status, newEvents: merged.events.length - current.report.events.length, shipment: toShipment(rows[0]) };
      }),
    get: async (trackingCode) => {
      const rows = await db.query(`SELECT ${COLUMNS} FROM tracked_shipments WHERE tracking_code = $1`, [trackingCode]);
      return rows[0] === undefined ? null : toShipment(rows[0]);
    },
    many: async (trackingCodes) => {
      if (trackingCodes.length === 0) return [];
      const rows = await db.query(
        `SELECT ${COLUMNS} FROM tracked_shipments WHERE tracking_code IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY tracking_code`,
        [JSON.stringify(trackingCodes)],
      );
      return rows.map(toShipment);
    },
    quiet: async (heardBefore, limit) => {
      // Never heard of since its label: quiet once the label itself is older than `heardBefore`.
      const rows = await db.query(
        `SELECT ${COLUMNS} FROM tracked_shipments
         WHERE ${NOT_FINAL} AND (last_heard_at < $1 OR (last_heard_at IS NULL AND COALESCE(label_at, 0) < $1))
         ORDER BY last_heard_at NULLS FIRST, label_at, tracking_code LIMIT $2`,
        [heardBefore, limit],
      );
      return rows.map(toShipment);
    },
    rawEvents: async (trackingCode) => {
      const rows = await db.query(
        `SELECT received_at, source, platform, status_before, status_after, raw FROM tracking_events_raw WHERE tracking_code = $1 ORDER BY id`,
        [trackingCode],
      );
      return rows.map((raw) => {
        const row = RawRowSchema.parse(raw);
        return { receivedAt: row.received_at, source: row.source, platform: row.platform, before: row.status_before, after: row.status_after, raw: row.raw };
      });
    },
  };
}
