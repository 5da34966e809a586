import type { Database } from 'better-sqlite3';
import { SyncTargetSchema } from '../../app/domain/outbox-event.schema';
import { DeadLetterSchema } from '../../app/domain/status.schema';
import type { DeadLetter, TargetSyncStatus } from '../../app/domain/status.schema';
import { statementCache } from '../db/prepared';
import type { StatementCache } from '../db/prepared';
import { CountRowSchema, DeadLetterRowSchema, PendingStatsRowSchema } from './outbox-rows.schema';
import type { SyncStateStore } from './sync-state.store';

export const STATUS_DEAD_LETTER_LIMIT = 100;

const StatusDeadLetterRowSchema = DeadLetterRowSchema.pick({ id: true, event_id: true, target: true, order_key: true, reason: true, at: true });

/**
 * The outbox as a whole, where OutboxStore follows single events: depth and age of the pending backlog per target with
 * each target's delivery bookkeeping and the open dead letters (for the supervisor panel and the metrics), and the
 * prune of finished rows. OutboxStore delegates to it; callers keep using OutboxStore.
 */
export class OutboxBacklogStore {
  private readonly sql: StatementCache;

  constructor(
    db: Database,
    private readonly syncState: SyncStateStore,
    /** Whether the station reports to a hub: without one the `hub` target is listed only while it holds anything. */
    private readonly hasHub = false,
  ) {
    this.sql = statementCache(db);
  }

  /** Open (unresolved) dead letters, oldest first. */
  deadLetters(limit = STATUS_DEAD_LETTER_LIMIT): DeadLetter[] {
    const rows: unknown[] = this.sql
      .prepare(`SELECT id, event_id, target, order_key, reason, at FROM dead_letters WHERE resolved_at IS NULL ORDER BY id LIMIT ?`)
      .all(limit);
    return rows.map((r) => {
      const row = StatusDeadLetterRowSchema.parse(r);
      return DeadLetterSchema.parse({ id: row.id, eventId: row.event_id, target: row.target, orderKey: row.order_key, reason: row.reason, at: row.at });
    });
  }

  status(now: number): { sync: TargetSyncStatus[]; deadLetters: DeadLetter[] } {
    // created_at is the last column of outbox_due_by_priority, so depth and oldest age are read from that index alone.
    const pending = this.sql.prepare(
      `SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM outbox INDEXED BY outbox_due_by_priority WHERE target = ? AND state = 'pending'`,
    );
    const sync = SyncTargetSchema.options.flatMap((target): TargetSyncStatus[] => {
      const stats = PendingStatsRowSchema.parse(pending.get(target));
      const state = this.syncState.get(target);
      if (target === 'hub' && !this.hasHub && stats.depth === 0 && state === null) return [];
      return [{
        target,
        depth: stats.depth,
        oldestPendingAgeMs: stats.oldest === null ? null : Math.max(0, now - stats.oldest),
        lastSuccessAt: state?.last_success_at ?? null,
        lastError: state?.last_error ?? null,
        unreachableSince: state?.unreachable_since ?? null,
      }];
    });
    return { sync, deadLetters: this.deadLetters() };
  }

  /** Pending events over all targets. */
  pendingCount(): number {
    return CountRowSchema.parse(this.sql.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'`).get()).n;
  }

  /**
   * Deletes acknowledged (or discarded) rows finished before `before`; label payloads are large. The highest row stays:
   * SQLite numbers a new row max(id) + 1, so keeping it keeps every id ever handed out from coming back (migration 10).
   */
  pruneFinished(before: number): number {
    return this.sql
      .prepare(`DELETE FROM outbox WHERE state IN ('done', 'discarded') AND done_at < ? AND id < (SELECT MAX(id) FROM outbox)`)
      .run(Math.floor(before)).changes;
  }
}
