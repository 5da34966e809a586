import type { Database } from 'better-sqlite3';
import { statementCache } from '../db/prepared';
import type { StatementCache } from '../db/prepared';
import { NullableNumberRowSchema, SyncStateRowSchema } from './outbox-rows.schema';
import type { z } from 'zod';

export type SyncStateRow = z.infer<typeof SyncStateRowSchema>;

/**
 * Each target's delivery bookkeeping (`sync_state`): last success, last error, since when it is out of reach. Written
 * by the outbox store inside its own transactions, never on its own.
 */
export class SyncStateStore {
  private readonly sql: StatementCache;

  constructor(db: Database) {
    this.sql = statementCache(db);
  }

  get(target: string): SyncStateRow | null {
    const row: unknown = this.sql.prepare(`SELECT * FROM sync_state WHERE target = ?`).get(target);
    return row === undefined ? null : SyncStateRowSchema.parse(row);
  }

  /** `clearError`: nothing pending of the target still carries an error, so its last error is over. */
  recordSuccess(target: string, now: number, clearError: boolean): void {
    this.sql
      .prepare(
        `INSERT INTO sync_state (target, last_success_at) VALUES (@target, @now)
         ON CONFLICT(target) DO UPDATE SET last_success_at = @now,
           last_error = CASE WHEN @clear THEN NULL ELSE last_error END`,
      )
      .run({ target, now, clear: clearError ? 1 : 0 });
  }

  recordError(target: string, error: string, now: number): void {
    this.sql
      .prepare(
        `INSERT INTO sync_state (target, last_error, last_error_at) VALUES (@target, @error, @now)
         ON CONFLICT(target) DO UPDATE SET last_error = @error, last_error_at = @now`,
      )
      .run({ target, error, now });
  }

  /** An earlier start of the same outage is kept. */
  markUnreachable(target: string, since: number): void {
    this.sql
      .prepare(
        `INSERT INTO sync_state (target, unreachable_since) VALUES (@target, @since)
         ON CONFLICT(target) DO UPDATE SET unreachable_since = COALESCE(unreachable_since, @since)`,
      )
      .run({ target, since: Math.floor(since) });
  }

  clearUnreachable(target: string): void {
    this.sql.prepare(`UPDATE sync_state SET unreachable_since = NULL WHERE target = ?`).run(target);
  }

  unreachableSince(target: string): number | null {
    const row: unknown = this.sql.prepare(`SELECT unreachable_since AS at FROM sync_state WHERE target = ?`).get(target);
    return row === undefined ? null : NullableNumberRowSchema.parse(row).at;
  }
}
