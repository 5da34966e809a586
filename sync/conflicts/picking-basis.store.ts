import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { PickingFactsSchema, type PickingFacts } from '../../app/domain/picking-basis.schema';
import type { Clock } from '../../app/ports';
import { statementCache, type StatementCache } from '../db/prepared';
import { withStorageErrors } from '../db/sqlite-errors';
import { orderKeyFor } from '../outbox/order-key';
import { parseJsonColumn } from '../outbox/outbox-rows.schema';

const BasisRowSchema = z.object({ facts: z.string(), recorded_at: z.number() });

/**
 * What each picking was packed against (`picking_basis`). The first load records it; a later load replaces it only
 * while nothing of the picking is packed yet (the packer started over on a fresher copy). After a conflict, a
 * supervisor's Replay of that conflict accepts what Odoo has now as the new basis.
 */
export class PickingBasisStore {
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.sql = statementCache(db);
  }

  record(facts: PickingFacts): void {
    const valid = PickingFactsSchema.parse(facts);
    // One transaction (one fsync on the packer's load): the basis, and the finished ones dropped on the way.
    this.write('record picking basis', () => {
      this.sql
        .prepare(
          `INSERT INTO picking_basis (picking_id, facts, recorded_at) VALUES (@id, @facts, @now)
           ON CONFLICT(picking_id) DO UPDATE SET facts = excluded.facts, recorded_at = excluded.recorded_at
           WHERE NOT EXISTS (SELECT 1 FROM parcels WHERE picking_id = @id)`,
        )
        .run({ id: valid.pickingId, facts: JSON.stringify(valid), now: this.now() });
      this.prune();
    });
  }

  /**
   * Drops the basis of pickings the station is done with although their validation never went out (a discarded
   * event): packed here, nothing of theirs pending or dead. It holds part of the delivery address.
   */
  pruneFinished(): number {
    let dropped = 0;
    this.write('prune picking basis', () => {
      dropped = this.prune();
    });
    return dropped;
  }

  private prune(): number {
    return this.sql
      .prepare(
        `DELETE FROM picking_basis WHERE picking_id IN (SELECT k.picking_id FROM pickings_packed k)
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.target = 'odoo' AND o.order_key = 'picking:' || picking_basis.picking_id AND o.state IN ('pending', 'dead'))`,
      )
      .run().changes;
  }

  /** The basis of a picking; null when none was recorded (events queued before conflicts were checked) or unreadable. */
  basis(pickingId: number): { facts: PickingFacts; recordedAt: number } | null {
    const raw: unknown = this.sql.prepare(`SELECT facts, recorded_at FROM picking_basis WHERE picking_id = ?`).get(pickingId);
    if (raw === undefined) return null;
    const row = BasisRowSchema.parse(raw);
    const facts = parseJsonColumn(row.facts, PickingFactsSchema);
    return facts === null ? null : { facts, recordedAt: row.recorded_at };
  }

  /** Whether someone replayed a conflict of this picking after its basis was recorded: they accepted Odoo's version. */
  conflictReplayedSince(pickingId: number, since: number): boolean {
    return (
      this.sql
        .prepare(
          `SELECT 1 AS one FROM dead_letter_audit a JOIN dead_letters d ON d.id = a.dead_letter_id
           WHERE d.order_key = ? AND d.reason LIKE 'CONFLICT:%' AND a.action IN ('replay', 'replay-all') AND a.at >= ? LIMIT 1`,
        )
        .get(orderKeyFor(pickingId), since) !== undefined
    );
  }

  /** Makes `facts` the basis from now on (a supervisor accepted Odoo's version). */
  accept(facts: PickingFacts): void {
    const valid = PickingFactsSchema.parse(facts);
    this.write('accept picking basis', () =>
      this.sql
        .prepare(
          `INSERT INTO picking_basis (picking_id, facts, recorded_at) VALUES (?, ?, ?)
           ON CONFLICT(picking_id) DO UPDATE SET facts = excluded.facts, recorded_at = excluded.recorded_at`,
        )
        .run(valid.pickingId, JSON.stringify(valid), this.now()),
    );
  }

  forget(pickingId: number): void {
    this.write('forget picking basis', () => this.sql.prepare(`DELETE FROM picking_basis WHERE picking_id = ?`).run(pickingId));
  }

  private now(): number {
    return Math.floor(this.clock.now());
  }

  private write(what: string, fn: () => unknown): void {
    withStorageErrors(`picking basis: ${what}`, () => this.db.transaction(fn).immediate());
  }
}
