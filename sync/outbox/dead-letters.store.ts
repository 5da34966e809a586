import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import { DeadLetterAuditEntrySchema } from '../../app/domain/dead-letter.schema';
import type { DeadLetterAction, DeadLetterAuditEntry, DeadLetterVia } from '../../app/domain/dead-letter.schema';
import { OutboxPayloadSchema } from '../../app/domain/outbox-event.schema';
import type { SyncTarget } from '../../app/domain/outbox-event.schema';
import type { DeadLetterFacts } from '../../app/outbox/dead-letter.describe';
import type { Clock } from '../../app/ports';
import { statementCache } from '../db/prepared';
import type { StatementCache } from '../db/prepared';
import { withStorageErrors } from '../db/sqlite-errors';
import { DeadLetterRowSchema, OutboxRowSchema, countsByKey, parseJsonColumn, payloadOfRow } from './outbox-rows.schema';
import type { DeadLetterRow, OutboxRow } from './outbox-rows.schema';

/** Who decided, why, and from where. A discard needs a reason; a replay may go without one. */
export interface AuditBy {
  who: string;
  reason?: string;
  via: DeadLetterVia;
}

const FactsRowSchema = DeadLetterRowSchema.extend({
  picking_id: z.number().int().nullable(),
  picking_name: z.string().nullable(),
  event_type: z.string().nullable(),
  attempts: z.number().int().nullable(),
  event_state: z.string().nullable(),
  event_payload: z.string().nullable(),
});

const AuditRowSchema = z.object({
  id: z.number().int(),
  dead_letter_id: z.number().int(),
  action: z.string(),
  who: z.string(),
  reason: z.string(),
  via: z.string(),
  at: z.number(),
  target: z.string(),
  order_key: z.string(),
  picking_name: z.string().nullable(),
});

// The picking of an order key `picking:<id>` (orderKeyFor), or of a hub ledger fact (one key for all: the fact names
// it), and its name: the cache's copy, else the packed record.
const PICKING_ID = `CASE WHEN d.order_key LIKE 'picking:%' THEN CAST(substr(d.order_key, 9) AS INTEGER)
  WHEN d.order_key = 'hub:ledger' AND json_valid(d.raw) THEN json_extract(d.raw, '$.fact.pickingId') END`;
const PICKING_NAME = `COALESCE((SELECT c.name FROM picking_cache c WHERE c.picking_id = ${PICKING_ID}),
  (SELECT k.name FROM pickings_packed k WHERE k.picking_id = ${PICKING_ID}))`;
const FACTS = `SELECT d.*, ${PICKING_ID} AS picking_id, ${PICKING_NAME} AS picking_name,
  o.type AS event_type, o.attempts AS attempts, o.state AS event_state, o.payload AS event_payload
  FROM dead_letters d LEFT JOIN outbox o ON o.id = d.event_id`;

/**
 * The human side of the dead-letter queue: read what is stuck, replay it, discard it, each decision audited. Safe to
 * use from a second process (`station outbox`) while the station runs on the same WAL file: every write is one
 * IMMEDIATE transaction (the write lock is taken before reading, so two writers never race on a stale read and the
 * busy timeout applies), and a replayed event is a pending row the running sync engine finds on its next look.
 */
export class DeadLetterStore {
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.sql = statementCache(db);
  }

  /** Open dead letters, oldest first, with what a person needs to decide. */
  list(limit = 200): DeadLetterFacts[] {
    const rows: unknown[] = this.sql.prepare(`${FACTS} WHERE d.resolved_at IS NULL ORDER BY d.id LIMIT ?`).all(Math.max(0, Math.floor(limit)));
    return rows.map((row) => factsOf(FactsRowSchema.parse(row)));
  }

  /** One dead letter, open or resolved; null when there is none with this id. */
  get(id: number): DeadLetterFacts | null {
    const row: unknown = this.sql.prepare(`${FACTS} WHERE d.id = ?`).get(id);
    return row === undefined ? null : factsOf(FactsRowSchema.parse(row));
  }

  /**
   * Open dead letters per target, for the metrics scrape: one GROUP BY over the `dead_letters_open` index, where list()
   * would read and parse every letter.
   */
  openCountsByTarget(): Record<string, number> {
    return countsByKey(this.sql.prepare(`SELECT target AS key, COUNT(*) AS n FROM dead_letters WHERE resolved_at IS NULL GROUP BY target`).all());
  }

  /** Puts the dead event back at the head of its key with a fresh attempt budget. */
  replay(deadLetterId: number, by: AuditBy): void {
    this.write('replay dead letter', () => this.replayOne(deadLetterId, by, 'replay'));
  }

  /**
   * Replays every open dead letter of `target` that can be replayed, in id order (so each key keeps its order), in
   * one transaction. Letters that cannot be replayed (damaged records) stay for a discard. Returns the replayed ids.
   */
  replayAll(target: SyncTarget, by: AuditBy): number[] {
    return this.write('replay all dead letters', () => {
      const open = this.list(Number.MAX_SAFE_INTEGER).filter((f) => f.target === target && f.eventReplayable);
      return open.map((f) => (this.replayOne(f.id, by, 'replay-all'), f.id));
    });
  }

  /** A person gave up on the event: its key is unblocked. The row is kept (state 'discarded') for the trail. */
  discard(deadLetterId: number, by: AuditBy): void {
    const reason = by.reason?.trim() ?? '';
    if (reason.length === 0) throw new StationError('REJECTED', `discarding dead letter ${deadLetterId} needs a reason`);
    this.write('discard dead letter', () => {
      const now = this.now();
      const dl = this.openLetter(deadLetterId);
      if (dl.event_id !== null) {
        this.sql.prepare(`UPDATE outbox SET state = 'discarded', done_at = ? WHERE id = ? AND state = 'dead'`).run(now, dl.event_id);
      }
      this.resolve(deadLetterId, 'discarded', now);
      this.audit(deadLetterId, 'discard', { ...by, reason }, now);
    });
  }

  /** The decisions, newest first; of one dead letter when `deadLetterId` is given. */
  auditTrail(limit = 100, deadLetterId?: number): DeadLetterAuditEntry[] {
    const rows: unknown[] = this.sql
      .prepare(
        `SELECT a.*, d.target, d.order_key, ${PICKING_NAME} AS picking_name
         FROM dead_letter_audit a JOIN dead_letters d ON d.id = a.dead_letter_id
         WHERE @letter IS NULL OR a.dead_letter_id = @letter ORDER BY a.id DESC LIMIT @limit`,
      )
      .all({ letter: deadLetterId ?? null, limit: Math.max(0, Math.floor(limit)) });
    return rows.map((raw) => {
      const row = AuditRowSchema.parse(raw);
      return DeadLetterAuditEntrySchema.parse({
        id: row.id,
        deadLetterId: row.dead_letter_id,
        action: row.action,
        who: row.who,
        reason: row.reason,
        via: row.via,
        at: row.at,
        target: row.target,
        orderKey: row.order_key,
        pickingName: row.picking_name,
      });
    });
  }

  private replayOne(deadLetterId: number, by: AuditBy, action: DeadLetterAction): void {
    const now = this.now();
    const dl = this.openLetter(deadLetterId);
    if (dl.event_id === null) throw new StationError('REJECTED', `dead letter ${deadLetterId} is not an outbox event; it cannot be replayed, discard it`);
    const row = this.event(dl.event_id);
    if (row === null || row.state !== 'dead') {
      throw new StationError('REJECTED', `dead letter ${deadLetterId}: outbox event ${dl.event_id} is not dead (${row?.state ?? 'missing'})`);
    }
    if (payloadOfRow(row) === null) {
      throw new StationError('REJECTED', `dead letter ${deadLetterId}: the stored payload cannot be parsed; discard it instead`);
    }
    this.sql.prepare(`UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL WHERE id = ?`).run(now, row.id);
    this.resolve(deadLetterId, 'replayed', now);
    this.audit(deadLetterId, action, by, now);
  }

  private openLetter(id: number): DeadLetterRow {
    const raw: unknown = this.sql.prepare(`SELECT * FROM dead_letters WHERE id = ?`).get(id);
    const dl = raw === undefined ? null : DeadLetterRowSchema.parse(raw);
    if (dl === null || dl.resolved_at !== null) throw new StationError('NOT_FOUND', `no open dead letter ${id}`);
    return dl;
  }

  private event(id: number): OutboxRow | null {
    const raw: unknown = this.sql.prepare(`SELECT * FROM outbox WHERE id = ?`).get(id);
    return raw === undefined ? null : OutboxRowSchema.parse(raw);
  }

  private resolve(id: number, resolution: 'replayed' | 'discarded', now: number): void {
    this.sql.prepare(`UPDATE dead_letters SET resolved_at = ?, resolution = ? WHERE id = ?`).run(now, resolution, id);
  }

  private audit(deadLetterId: number, action: DeadLetterAction, by: AuditBy, now: number): void {
    const who = by.who.trim();
    if (who.length === 0) throw new StationError('REJECTED', 'a dead-letter decision needs the name of who made it');
    this.sql
      .prepare(`INSERT INTO dead_letter_audit (dead_letter_id, action, who, reason, via, at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(deadLetterId, action, who, by.reason?.trim() ?? '', by.via, now);
  }

  private write<T>(what: string, fn: () => T): T {
    return withStorageErrors(what, () => this.db.transaction(fn).immediate());
  }

  private now(): number {
    return Math.floor(this.clock.now());
  }
}

function factsOf(row: z.infer<typeof FactsRowSchema>): DeadLetterFacts {
  const eventPayload = row.event_payload;
  return {
    id: row.id,
    eventId: row.event_id,
    target: row.target,
    orderKey: row.order_key,
    reason: row.reason,
    at: row.at,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
    pickingId: row.picking_id,
    pickingName: row.picking_name,
    eventType: row.event_type,
    attempts: row.attempts,
    rawPayload: eventPayload ?? row.raw,
    eventReplayable: row.resolved_at === null && row.event_state === 'dead' && isReplayablePayload(row),
  };
}

const isReplayablePayload = (row: z.infer<typeof FactsRowSchema>): boolean => {
  const payload = row.event_payload === null ? null : parseJsonColumn(row.event_payload, OutboxPayloadSchema);
  return payload !== null && payload.type === row.event_type;
};
