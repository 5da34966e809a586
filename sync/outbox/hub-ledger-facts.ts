import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { pickingValidatedFact } from '../../app/hub/ledger-facts';
import type { HubLedgerFact } from '../../app/hub/ledger-event.schema';
import type { OutboxPayload } from '../../app/domain/outbox-event.schema';
import { statementCache, type StatementCache } from '../db/prepared';

const NameRowSchema = z.object({ name: z.string().nullable() });

/** What markDoneMany reads back of each event it marks done: the picking of an acknowledged `picking.validate`. */
export const ACKED_VALIDATION = `CASE WHEN type = 'picking.validate' THEN json_extract(payload, '$.pickingId') END`;
export const DoneRowSchema = z.object({ target: z.string(), validated: z.number().int().nullable() });

/** Whether this station database has queued facts for a hub (for tools that open it without the station's config). */
export function hasHubLedger(db: Database): boolean {
  const hub = `SELECT 1 FROM outbox WHERE target = 'hub' UNION ALL SELECT 1 FROM sync_state WHERE target = 'hub' LIMIT 1`;
  return db.prepare(hub).get() !== undefined;
}

/**
 * The station's ledger facts for its hub (target `hub`), queued by the stores in the transaction that writes the
 * record each fact describes, so the hub learns of every record exactly once and of none that rolled back. A station
 * without a hub queues nothing: `enabled` is off and the facts are not even built.
 */
export class HubLedgerFacts {
  private readonly sql: StatementCache;

  constructor(
    db: Database,
    readonly enabled: boolean,
    private readonly enqueue: (payload: OutboxPayload) => number,
  ) {
    this.sql = statementCache(db);
  }

  /** In the caller's transaction: queues the fact `build` makes from the picking's name. Whether one was queued. */
  record(pickingId: number, build: (pickingName: string | null) => HubLedgerFact): boolean {
    if (!this.enabled) return false;
    this.enqueue({ type: 'hub.fact', fact: build(this.pickingName(pickingId)) });
    return true;
  }

  /** Odoo acknowledged the picking's validation: called inside the transaction that marks that event done. */
  validated(pickingId: number): boolean {
    return this.record(pickingId, (pickingName) => pickingValidatedFact({ pickingId, pickingName }));
  }

  /** The name Odoo gave the picking: the station's copy, else its packed record; null once both are gone. */
  private pickingName(pickingId: number): string | null {
    const raw: unknown = this.sql
      .prepare(
        `SELECT coalesce((SELECT name FROM picking_cache WHERE picking_id = @id), (SELECT name FROM pickings_packed WHERE picking_id = @id)) AS name`,
      )
      .get({ id: pickingId });
    return NameRowSchema.parse(raw).name;
  }
}
