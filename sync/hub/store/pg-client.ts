import pg from 'pg';
import { joinedTransaction, type SqlClient } from './sql-client';

/** A PostgreSQL server through a `pg` pool; a transaction holds one pooled connection from BEGIN to COMMIT. */
export async function openPgClient(url: string, max = 5): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server drops (restart, failover) must not crash the hub: the pool replaces it.
  pool.on('error', () => {});
  // Fail at open, not at the first request, when the server is unreachable or refuses us.
  (await pool.connect()).release();
  let closed = false;
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await pool.query(sql, [...params])).rows as T[],
    transaction: async (fn) => {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await fn(joinedTransaction(async (sql, params) => (await conn.query(sql, [...params])).rows));
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        conn.release();
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
