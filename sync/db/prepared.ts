import type { Database, Statement } from 'better-sqlite3';

export interface StatementCache {
  /** The compiled statement for `sql`, compiled on first use and then reused. */
  prepare(sql: string): Statement;
}

/**
 * better-sqlite3 compiles the SQL again on every `db.prepare()`. The stores run the same few statements on every sync
 * tick and print step, so each keeps one compiled statement per SQL text (the texts are fixed, so the cache stays
 * small). SQLite re-prepares a cached statement by itself if the schema changes under it.
 */
export function statementCache(db: Database): StatementCache {
  const cache = new Map<string, Statement>();
  return {
    prepare(sql: string): Statement {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
