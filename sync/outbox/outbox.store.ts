import type { Database } from 'better-sqlite3';
import { StationError } from '../../app/domain/errors';
import { OutboxPayloadSchema, SyncTargetSchema } from '../../app/domain/outbox-event.schema';
import type { OutboxEvent, OutboxPayload, SyncTarget } from '../../app/domain/outbox-event.schema';
import type { DeadLetter, TargetSyncStatus } from '../../app/domain/status.schema';
import type { Clock } from '../../app/ports';
import { statementCache } from '../db/prepared';
import type { StatementCache } from '../db/prepared';
import { NullableNumberRowSchema, OutboxRowSchema, eventOfRow } from './outbox-rows.schema';
import type { OutboxRow } from './outbox-rows.schema';
import { DeadLetterStore, type AuditBy } from './dead-letters.store';
import { OutboxBacklogStore, STATUS_DEAD_LETTER_LIMIT } from './outbox-backlog.store';
import { SyncStateStore } from './sync-state.store';
import { transactionRunner, type TransactionRunner } from './transaction-runner';
import { IS_HEAD, NEXT_ATTEMPT_AFTER } from './outbox-heads.sql';
import { ACKED_VALIDATION, DoneRowSchema, HubLedgerFacts } from './hub-ledger-facts';
import { HUB_LEDGER_ORDER_KEY } from '../../app/hub/ledger-facts';

export interface NewDeadLetter {
  eventId?: number | null;
  target: string;
  orderKey: string;
  reason: string;
  raw: string;
}

export interface OutboxOptions {
  /** The station reports to a hub: its ledger facts are queued for it (target `hub`). Off: nothing is queued for one. */
  hubLedger?: boolean;
}

/** Callers inside the station that replay or discard without a person (tests, tools) are audited as the station. */
const STATION: AuditBy = { who: 'station', via: 'station' };

/**
 * The durable outbox. Delivery state lives only here, so a killed agent resumes exactly where it stopped: a row is
 * marked done only after its deliverer resolved, i.e. after the remote acknowledged it.
 */
export class OutboxStore {
  private readonly sql: StatementCache;
  private readonly clock: Clock;
  private readonly letters: DeadLetterStore;
  private readonly syncState: SyncStateStore;
  private readonly backlog: OutboxBacklogStore;
  private readonly tx: TransactionRunner;
  /** The stores queue the hub's ledger facts through this, in their own transactions. */
  readonly hubFacts: HubLedgerFacts;

  constructor(db: Database, clock: Clock, options: OutboxOptions = {}) {
    this.sql = statementCache(db);
    this.clock = clock;
    this.letters = new DeadLetterStore(db, clock);
    this.syncState = new SyncStateStore(db);
    this.backlog = new OutboxBacklogStore(db, this.syncState, options.hubLedger === true);
    this.tx = transactionRunner(db);
    this.hubFacts = new HubLedgerFacts(db, options.hubLedger === true, (payload) => this.enqueue('hub', HUB_LEDGER_ORDER_KEY, payload));
  }

  /** Adds an event at the tail of its order key. Runs inside the caller's transaction when there is one. */
  enqueue(target: SyncTarget, orderKey: string, payload: OutboxPayload, priority = 0): number {
    const parsed = OutboxPayloadSchema.safeParse(payload);
    if (!parsed.success) throw new StationError('REJECTED', `outbox: invalid ${String(payload?.type)} payload: ${parsed.error.message}`);
    const now = this.now();
    const info = this.sql
      .prepare(
        `INSERT INTO outbox (target, order_key, type, payload, state, attempts, next_attempt_at, created_at, priority)
         VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
      )
      .run(SyncTargetSchema.parse(target), orderKey, parsed.data.type, JSON.stringify(parsed.data), now, now, Math.trunc(priority));
    return Number(info.lastInsertRowid);
  }

  /**
   * The head event of each order key of `target` that is due at `now`: urgent pickings first, then the oldest due. A
   * head that cannot be parsed is moved to the dead letters (and so blocks its key) instead of being returned.
   */
  due(target: SyncTarget, now: number, limit: number): OutboxEvent[] {
    const rows: unknown[] = this.sql
      .prepare(
        `SELECT o.* FROM outbox o INDEXED BY outbox_due_by_priority
         WHERE o.target = @target AND o.state = 'pending' AND o.next_attempt_at <= @now AND ${IS_HEAD}
         ORDER BY o.priority DESC, o.next_attempt_at, o.id LIMIT @limit`,
      )
      .all({ target, now: Math.floor(now), limit: Math.max(0, Math.floor(limit)) });
    const events: OutboxEvent[] = [];
    for (const raw of rows) {
      const event = this.toEvent(raw);
      if (event !== null) events.push(event);
    }
    return events;
  }

  /**
   * The pending events that follow `head` in its order key, in order, at most `limit`: what a deliverer may take along
   * with the head (SyncEngine batches). Stops at the first row that is not pending or cannot be read.
   */
  following(head: OutboxEvent, limit: number): OutboxEvent[] {
    const rows: unknown[] = this.sql
      .prepare(
        `SELECT o.* FROM outbox o INDEXED BY outbox_open_by_key
         WHERE o.target = ? AND o.order_key = ? AND o.state IN ('pending', 'dead') AND o.id > ? ORDER BY o.id LIMIT ?`,
      )
      .all(head.target, head.orderKey, head.id, Math.max(0, Math.floor(limit)));
    const events: OutboxEvent[] = [];
    for (const raw of rows) {
      // A dead row here is a replayed key's block: nothing after it may go first.
      const event = (raw as { state?: unknown }).state === 'pending' ? this.toEvent(raw) : null;
      if (event === null) break;
      events.push(event);
    }
    return events;
  }

  /** The earliest time after `now` at which a head of `target` becomes due, or null when none is waiting. */
  nextAttemptAfter(target: SyncTarget, now: number): number | null {
    const row = this.sql.prepare(NEXT_ATTEMPT_AFTER).get({ target, now: Math.floor(now) });
    return row === undefined ? null : NullableNumberRowSchema.parse(row).at;
  }

  /** Call only after the remote acknowledged the event. False when the row was no longer pending. */
  markDone(id: number): boolean {
    return this.markDoneMany([id]).length === 1;
  }

  /**
   * Marks acknowledged events done in ONE transaction, with their targets' success bookkeeping: a group costs one
   * commit (one fsync) instead of one each — the sync engine's group commit. Returns the ids that were still pending
   * and are now done; the others are left as they were.
   */
  markDoneMany(ids: readonly number[]): number[] {
    if (ids.length === 0) return [];
    const now = this.now();
    return this.tx.immediate(() => {
      const done: number[] = [];
      const targets = new Set<string>();
      // The write comes first, so the write lock (and the busy timeout) is taken before anything is read.
      const mark = this.sql.prepare(
        `UPDATE outbox SET state = 'done', done_at = ?, last_error = NULL WHERE id = ? AND state = 'pending' RETURNING target, ${ACKED_VALIDATION} AS validated`,
      );
      for (const id of ids) {
        const raw: unknown = mark.get(now, id);
        if (raw === undefined) continue;
        done.push(id);
        const row = DoneRowSchema.parse(raw);
        targets.add(row.target);
        // The hub learns that Odoo validated the picking in the transaction that records Odoo's acknowledgement.
        if (row.validated !== null) this.hubFacts.validated(row.validated);
      }
      for (const target of targets) this.recordSuccess(target, now);
      return done;
    });
  }

  /** Records a failed attempt and when to try again; `answered`: the remote answered (counts towards a dead letter). */
  markRetry(id: number, error: string, nextAttemptAt: number, answered = true): boolean {
    const now = this.now();
    return this.tx.deferred(() => {
      const row = this.row(id);
      if (row === null || row.state !== 'pending') return false;
      this.sql
        .prepare(`UPDATE outbox SET attempts = attempts + 1, answered_failures = answered_failures + ?, last_error = ?, next_attempt_at = ? WHERE id = ?`)
        .run(answered ? 1 : 0, error, Math.max(now, Math.floor(nextAttemptAt)), id);
      this.syncState.recordError(row.target, error, now);
      return true;
    });
  }

  /**
   * Records a failed last attempt and moves the event to the dead letters. Its order key then waits (see IS_HEAD) until
   * the dead letter is replayed or discarded. Returns the dead letter id, or null when the row was not pending.
   */
  markDead(id: number, reason: string): number | null {
    const now = this.now();
    return this.tx.deferred(() => {
      const row = this.row(id);
      if (row === null || row.state !== 'pending') return null;
      this.sql.prepare(`UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = ? WHERE id = ?`).run(reason, id);
      this.syncState.recordError(row.target, reason, now);
      return this.insertDeadLetter({ eventId: id, target: row.target, orderKey: row.order_key, reason, raw: row.payload }, now);
    });
  }

  /** Puts a dead event back at the head of its key, with a fresh attempt budget (audited: see DeadLetterStore). */
  replay(deadLetterId: number, by: AuditBy = STATION): void {
    this.letters.replay(deadLetterId, by);
  }

  /** A human gave up on the event: unblocks its key. The row is kept (state 'discarded') for the audit trail. */
  discard(deadLetterId: number, by: AuditBy = { ...STATION, reason: 'discarded' }): void {
    this.letters.discard(deadLetterId, by);
  }

  /** For producers that meet a record they cannot parse (a cache row, an inbound message): keep it, visibly. */
  addDeadLetter(letter: NewDeadLetter): number {
    return this.insertDeadLetter(letter, this.now());
  }

  /** Open (unresolved) dead letters, oldest first. */
  deadLetters(limit = STATUS_DEAD_LETTER_LIMIT): DeadLetter[] {
    return this.backlog.deadLetters(limit);
  }

  status(now: number): { sync: TargetSyncStatus[]; deadLetters: DeadLetter[] } {
    return this.backlog.status(now);
  }

  /** Remembers since when `target` is out of reach; an earlier start of the same outage is kept. */
  markUnreachable(target: SyncTarget, since: number): void {
    this.syncState.markUnreachable(target, since);
  }

  unreachableSince(target: SyncTarget): number | null {
    return this.syncState.unreachableSince(target);
  }

  /**
   * `target` answers again: the outage ends and every event waiting out its backoff is due now, so the backlog
   * drains at once instead of sleeping through the longest delay. Returns how many events were brought forward.
   */
  markReachable(target: SyncTarget): number {
    const now = this.now();
    return this.tx.deferred(() => {
      this.syncState.clearUnreachable(target);
      return this.sql
        .prepare(`UPDATE outbox SET next_attempt_at = @now WHERE target = @target AND state = 'pending' AND next_attempt_at > @now`)
        .run({ target, now }).changes;
    });
  }

  /** Pending events over all targets. */
  pendingCount(): number {
    return this.backlog.pendingCount();
  }

  /** Deletes acknowledged (or discarded) rows finished before `before` (see OutboxBacklogStore). */
  pruneFinished(before: number): number {
    return this.backlog.pruneFinished(before);
  }

  private now(): number {
    return Math.floor(this.clock.now());
  }

  private row(id: number): OutboxRow | null {
    const raw: unknown = this.sql.prepare(`SELECT * FROM outbox WHERE id = ?`).get(id);
    return raw === undefined ? null : OutboxRowSchema.parse(raw);
  }

  private insertDeadLetter(letter: NewDeadLetter, now: number): number {
    const info = this.sql
      .prepare(`INSERT INTO dead_letters (event_id, target, order_key, reason, raw, at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(letter.eventId ?? null, letter.target, letter.orderKey, letter.reason, letter.raw, now);
    return Number(info.lastInsertRowid);
  }

  private recordSuccess(target: string, now: number): void {
    // The target's error clears only when nothing pending still carries one: a stuck key keeps it visible. Unnamed,
    // the index SQLite picked walked every pending row of the target.
    const failing = `SELECT 1 AS one FROM outbox INDEXED BY outbox_failing WHERE target = ? AND state = 'pending' AND last_error IS NOT NULL LIMIT 1`;
    const stillFailing = this.sql.prepare(failing).get(target) !== undefined;
    this.syncState.recordSuccess(target, now, !stillFailing);
  }

  /** Parses a row read back from SQLite; an unparseable one goes to the dead letters and yields null. */
  private toEvent(raw: unknown): OutboxEvent | null {
    const parsedRow = OutboxRowSchema.safeParse(raw);
    if (!parsedRow.success) {
      this.quarantine(raw, `unreadable outbox row: ${parsedRow.error.message}`);
      return null;
    }
    const event = eventOfRow(parsedRow.data);
    if (event === null) this.quarantine(raw, `unparseable outbox payload (type ${parsedRow.data.type})`);
    return event;
  }

  private quarantine(raw: unknown, reason: string): void {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const id = typeof r.id === 'number' ? r.id : null;
    const now = this.now();
    this.tx.deferred(() => {
      if (id !== null) this.sql.prepare(`UPDATE outbox SET state = 'dead', last_error = ? WHERE id = ? AND state = 'pending'`).run(reason, id);
      this.syncState.recordError(String(r.target ?? 'unknown'), reason, now);
      this.insertDeadLetter(
        {
          eventId: id,
          target: String(r.target ?? 'unknown'),
          orderKey: String(r.order_key ?? 'unknown'),
          reason,
          raw: typeof r.payload === 'string' ? r.payload : JSON.stringify(raw),
        },
        now,
      );
    });
  }
}
