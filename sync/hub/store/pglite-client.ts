import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-dir-lock';
import { PGlite } from '@electric-sql/pglite';
import { joinedTransaction, type SqlClient } from './sql-client';

/**
 * PostgreSQL in-process (WASM), its data in `dataDir`. PGlite is a single connection: it runs every query and every
 * transaction exclusively (its own mutex), so a transaction's statements never interleave with another caller's.
 */
export async function openPgliteClient(dataDir: string): Promise<SqlClient> {
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(`${dataDir}.lock`, `the hub database ${dataDir}`);
  const db = await PGlite.create(dataDir).catch((error: unknown) => {
    unlock();
    throw error;
  });
  let closed = false;
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await db.query<T>(sql, [...params])).rows,
    transaction: (fn) => db.transaction((tx) => fn(joinedTransaction(async (sql, params) => (await tx.query(sql, [...params])).rows))),
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}
