import { z } from 'zod';
import type { StationPresence } from '../../../app/hub/hub.ports';
import type { SqlClient } from './sql-client';

const ms = z.coerce.number();
const PresenceRowSchema = z.object({
  station_id: z.string(),
  online: z.boolean(),
  hub_id: z.string().nullable(),
  version: z.string().nullable(),
  since: ms.nullable(),
  last_seen_at: ms.nullable(),
  last_beat_at: ms.nullable(),
});

/**
 * Which hub holds which station's socket. A hub that crashed cannot say its stations left: its heartbeats stop, and
 * `list` reports what it held as offline since its last beat.
 */
export function stationPresenceStore(db: SqlClient): StationPresence {
  const beat = (q: SqlClient, hubId: string, now: number) =>
    q.query(
      `INSERT INTO hub_nodes (hub_id, last_beat_at) VALUES ($1, $2)
       ON CONFLICT (hub_id) DO UPDATE SET last_beat_at = GREATEST(hub_nodes.last_beat_at, EXCLUDED.last_beat_at)`,
      [hubId, now],
    );
  return {
    connected: async (stationId, hubId, socketId, version, now) => {
      await db.transaction(async (tx) => {
        // The hub that accepts a connection is alive right now, even before its first heartbeat.
        await beat(tx, hubId, now);
        await tx.query(
          `INSERT INTO station_presence (station_id, online, hub_id, socket_id, version, since, last_seen_at)
           VALUES ($1, true, $2, $3, $4, $5, $5)
           ON CONFLICT (station_id) DO UPDATE SET online = true, hub_id = EXCLUDED.hub_id, socket_id = EXCLUDED.socket_id,
             version = EXCLUDED.version, since = EXCLUDED.since, last_seen_at = EXCLUDED.last_seen_at`,
          [stationId, hubId, socketId, version, now],
        );
      });
    },
    disconnected: async (stationId, socketId, now) => {
      await db.query(
        `UPDATE station_presence SET online = false, since = $3, last_seen_at = $3
         WHERE station_id = $1 AND socket_id = $2 AND online`,
        [stationId, socketId, now],
      );
    },
    heartbeat: async (hubId, now) => {
      await beat(db, hubId, now);
    },
    releaseHub: async (hubId, now) => {
      const rows = await db.query(
        `UPDATE station_presence p SET online = false,
           since = COALESCE((SELECT h.last_beat_at FROM hub_nodes h WHERE h.hub_id = p.hub_id), $2),
           last_seen_at = COALESCE((SELECT h.last_beat_at FROM hub_nodes h WHERE h.hub_id = p.hub_id), $2)
         WHERE p.hub_id = $1 AND p.online RETURNING p.station_id`,
        [hubId, now],
      );
      return rows.length;
    },
    list: async (now, staleMs, stationId) => {
      const rows = await db.query(
        `SELECT p.station_id, p.online, p.hub_id, p.version, p.since, p.last_seen_at, h.last_beat_at
         FROM station_presence p LEFT JOIN hub_nodes h ON h.hub_id = p.hub_id
         WHERE ($1::text IS NULL OR p.station_id = $1) ORDER BY p.station_id`,
        [stationId ?? null],
      );
      return rows.map((raw) => {
        const row = PresenceRowSchema.parse(raw);
        const base = { stationId: row.station_id, hubId: row.hub_id, version: row.version };
        if (!row.online) return { ...base, online: false, since: row.since, lastSeenAt: row.last_seen_at };
        const lastBeat = row.last_beat_at ?? row.last_seen_at ?? 0;
        // Its hub vouched for the socket at every beat: that is the last time the station was known to be there.
        const lastSeenAt = Math.max(lastBeat, row.last_seen_at ?? 0);
        if (now - lastBeat > staleMs) return { ...base, online: false, since: lastSeenAt, lastSeenAt };
        return { ...base, online: true, since: row.since, lastSeenAt };
      });
    },
  };
}
