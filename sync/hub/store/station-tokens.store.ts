import { z } from 'zod';
import type { StationTokens } from '../../../app/hub/hub.ports';
import type { SqlClient } from './sql-client';
import { hashSecret, newSecret, sameHash } from './secret-hash';

const ms = z.coerce.number();
const TokenRowSchema = z.object({
  station_id: z.string(),
  current_hash: z.string(),
  next_hash: z.string().nullable(),
  issued_at: ms,
  revoked_at: ms.nullable(),
});

export class StationTokenError extends Error {
  constructor(readonly code: 'UNKNOWN_STATION' | 'TOKEN_REVOKED', stationId: string) {
    super(`${code}: station ${stationId}`);
    this.name = 'StationTokenError';
  }
}

/** Station tokens as SHA-256 hashes; a rotation keeps the current and the next token valid until `promote`. */
export function stationTokensStore(db: SqlClient): StationTokens {
  const row = async (stationId: string) => {
    const rows = await db.query('SELECT * FROM station_tokens WHERE station_id = $1', [stationId]);
    return rows[0] === undefined ? null : TokenRowSchema.parse(rows[0]);
  };
  return {
    issue: async (stationId, now) => {
      const token = newSecret();
      await db.query(
        `INSERT INTO station_tokens (station_id, current_hash, next_hash, issued_at, rotated_at, revoked_at)
         VALUES ($1, $2, NULL, $3, NULL, NULL)
         ON CONFLICT (station_id) DO UPDATE SET current_hash = EXCLUDED.current_hash, next_hash = NULL,
           issued_at = EXCLUDED.issued_at, rotated_at = NULL, revoked_at = NULL`,
        [stationId, hashSecret(token), now],
      );
      return token;
    },
    rotate: async (stationId, now) => {
      const token = newSecret();
      const rows = await db.query<{ revoked_at: unknown }>(
        'UPDATE station_tokens SET next_hash = $2, rotated_at = $3 WHERE station_id = $1 AND revoked_at IS NULL RETURNING revoked_at',
        [stationId, hashSecret(token), now],
      );
      if (rows.length === 0) throw new StationTokenError((await row(stationId)) === null ? 'UNKNOWN_STATION' : 'TOKEN_REVOKED', stationId);
      return token;
    },
    promote: async (stationId) => {
      await db.query(
        'UPDATE station_tokens SET current_hash = next_hash, next_hash = NULL WHERE station_id = $1 AND next_hash IS NOT NULL AND revoked_at IS NULL',
        [stationId],
      );
    },
    revoke: async (stationId, now) => {
      // Both the current and a rotated token stop at once: the row keeps both hashes, `revoked_at` refuses them.
      const rows = await db.query('UPDATE station_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE station_id = $1 RETURNING station_id', [stationId, now]);
      if (rows.length === 0) throw new StationTokenError('UNKNOWN_STATION', stationId);
    },
    verify: async (stationId, token) => {
      const found = await row(stationId);
      // Hash and compare even for an unknown station, so timing tells nothing about which stations exist.
      const hash = hashSecret(token);
      const current = sameHash(hash, found?.current_hash ?? hashSecret(''));
      const next = found?.next_hash != null && sameHash(hash, found.next_hash);
      if (found === null || !(current || next)) return 'TOKEN_INVALID';
      return found.revoked_at === null ? 'ok' : 'TOKEN_REVOKED';
    },
    list: async () => {
      const rows = (await db.query('SELECT * FROM station_tokens ORDER BY station_id')).map((r) => TokenRowSchema.parse(r));
      return rows.map((r) => ({ stationId: r.station_id, issuedAt: r.issued_at, revokedAt: r.revoked_at, rotating: r.next_hash !== null }));
    },
  };
}
