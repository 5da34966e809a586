/**
 * The one way the hub store talks to PostgreSQL, whichever engine is behind it: PGlite in-process or a server through
 * `pg`. Both speak the same dialect, so every statement and migration is written once ($1 parameters, one statement
 * per call). Rows come back untyped: each store parses them with zod.
 */
export interface SqlClient {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction (committed when it resolves, rolled back when it throws). Nested calls join it. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The client handed to a transaction's body: nested `transaction` calls run inside the open one. */
export function joinedTransaction(run: (sql: string, params: readonly unknown[]) => Promise<unknown[]>): SqlClient {
  const tx: SqlClient = {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await run(sql, params)) as T[],
    transaction: (fn) => fn(tx),
    close: async () => {
      throw new Error('a transaction does not close the database');
    },
  };
  return tx;
}
