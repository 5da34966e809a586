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
      let broken: Error | undefined;
      try {
        await conn.query('BEGIN');
        const result = await fn(joinedTransaction(async (sql, params) => (await conn.query(sql, [...params])).rows));
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is not given back to the pool.
        await conn.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        conn.release(broken);
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
