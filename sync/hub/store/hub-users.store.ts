import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { HubUser, HubUsers } from '../../../app/hub/hub.ports';
import { HubRoleSchema } from '../../../app/hub/fleet.schema';
import type { SqlClient } from './sql-client';
import { hashSecret, newSecret } from './secret-hash';

const KEY_LENGTH = 64;
// scrypt's default cost (N=16384, r=8, p=1): about 50 ms and 16 MB per attempt.
const SCRYPT = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const UserRowSchema = z.object({ username: z.string(), role: HubRoleSchema, salt: z.string(), hash: z.string() });
const PublicUserSchema = z.object({ username: z.string(), role: HubRoleSchema });

function derive(password: string, saltHex: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), Buffer.from(saltHex, 'hex'), KEY_LENGTH, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** A salt and hash no password matches: an unknown user costs the same scrypt run as a known one. */
const decoy = { salt: randomBytes(16).toString('hex'), hash: randomBytes(KEY_LENGTH).toString('hex') };

/** Hub users (scrypt, a salt per user) and their sessions (only the tokens' hashes are stored). */
export function hubUsersStore(db: SqlClient): HubUsers {
  return {
    put: async (username, password, role, now) => {
      const salt = randomBytes(16).toString('hex');
      const hash = (await derive(password, salt)).toString('hex');
      await db.query(
        `INSERT INTO hub_users (username, role, salt, hash, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (username) DO UPDATE SET role = EXCLUDED.role, salt = EXCLUDED.salt, hash = EXCLUDED.hash, updated_at = EXCLUDED.updated_at`,
        [username, HubRoleSchema.parse(role), salt, hash, now],
      );
    },
    authenticate: async (username, password) => {
      const rows = await db.query('SELECT username, role, salt, hash FROM hub_users WHERE username = $1', [username]);
      const user = rows[0] === undefined ? null : UserRowSchema.parse(rows[0]);
      const stored = user ?? decoy;
      const key = await derive(password, stored.salt);
      const matches = timingSafeEqual(key, Buffer.from(stored.hash, 'hex'));
      return user !== null && matches ? { username: user.username, role: user.role } : null;
    },
    count: async () => {
      const rows = await db.query<{ n: unknown }>('SELECT count(*) AS n FROM hub_users');
      return z.coerce.number().parse(rows[0]?.n ?? 0);
    },
    list: async () => (await db.query('SELECT username, role FROM hub_users ORDER BY username')).map((row): HubUser => PublicUserSchema.parse(row)),
    openSession: async (username, now, ttlMs) => {
      const token = newSecret();
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM hub_sessions WHERE expires_at <= $1', [now]);
        await tx.query('INSERT INTO hub_sessions (token_hash, username, opened_at, expires_at) VALUES ($1, $2, $3, $4)', [hashSecret(token), username, now, now + ttlMs]);
      });
      return token;
    },
    session: async (token, now) => {
      const rows = await db.query(
        `SELECT u.username, u.role FROM hub_sessions s JOIN hub_users u ON u.username = s.username
         WHERE s.token_hash = $1 AND s.expires_at > $2`,
        [hashSecret(token), now],
      );
      return rows[0] === undefined ? null : PublicUserSchema.parse(rows[0]);
    },
    closeSession: async (token) => {
      await db.query('DELETE FROM hub_sessions WHERE token_hash = $1', [hashSecret(token)]);
    },
  };
}
