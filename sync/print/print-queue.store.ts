import type { Database } from 'better-sqlite3';
import { StationError } from '../../app/domain/errors';
import { PrintAuditActionSchema, PrintRequestSchema } from '../../app/domain/print-job.schema';
import type { PrinterFault } from '../../app/domain/device.schema';
import type { PrintAuditAction, PrintAuditEntry, PrintJobState, PrintRequest, PrintTarget } from '../../app/domain/print-job.schema';
import type { Clock } from '../../app/ports';
import { statementCache } from '../db/prepared';
import type { StatementCache } from '../db/prepared';
import { StateCountRowSchema, StateRowSchema, heldByColumn, parseAuditRow, parseJobRow } from './print-rows.schema';
import type { StoredPrintJob } from './print-rows.schema';

export interface PrintJobPatch {
  state: PrintJobState;
  attempts?: number;
  detail?: string | null;
  /** The faults holding the job after this change; omitted means none (a fault hold is only ever about "now"). */
  heldBy?: PrinterFault[] | null;
  labelCountBefore?: number | null;
  bytesOut?: boolean;
  sentAt?: number | null;
  confirmedAt?: number | null;
}

export interface AuditInput {
  action: PrintAuditAction;
  who: string;
  reason: string;
}

/** A row that could not be read back. It stays in the table for a person to look at; the worker skips it. */
export interface BadPrintRow {
  id: string | null;
  reason: string;
}

const OPEN_STATES: readonly PrintJobState[] = ['queued', 'sending', 'sent'];

/**
 * The durable print queue. Every state change is guarded: it happens only from the state the caller saw, inside one
 * transaction, so two writers (the worker and an operator's answer) can never both move a job.
 */
export class PrintQueueStore {
  private readonly bad = new Map<string, BadPrintRow>();
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly onBadRow: (row: BadPrintRow) => void = () => undefined,
    /** Runs inside the transaction that confirms a job, so what follows from a printed label commits with it. */
    private readonly onConfirmed: (job: StoredPrintJob) => void = () => undefined,
  ) {
    this.sql = statementCache(db);
  }

  /** Stores a new queued job (and its audit row, in the same transaction). */
  insert(id: string, request: PrintRequest, opts: { reprintOf?: string | null; audit?: AuditInput } = {}): StoredPrintJob {
    const parsed = PrintRequestSchema.safeParse(request);
    if (!parsed.success) throw new StationError('REJECTED', `print queue: invalid request: ${parsed.error.message}`);
    const r = parsed.data;
    const now = this.now();
    return this.db.transaction(() => {
      this.sql
        .prepare(
          `INSERT INTO print_jobs (id, kind, target, picking_id, parcel_index, data, state, attempts, reprint_of, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)`,
        )
        .run(id, r.kind, r.target, r.pickingId, r.parcelIndex, r.data, opts.reprintOf ?? null, now, now);
      if (opts.audit) this.insertAudit(id, opts.audit, now);
      return this.mustGet(id);
    })();
  }

  /**
   * Moves a job from one of `from` to `patch.state`. Returns the updated job, or null when the job is not in an
   * expected state (someone else moved it first) or cannot be read.
   */
  transition(id: string, from: PrintJobState | readonly PrintJobState[], patch: PrintJobPatch, audit?: AuditInput): StoredPrintJob | null {
    const expected: readonly PrintJobState[] = typeof from === 'string' ? [from] : from;
    const now = this.now();
    return this.db.transaction(() => {
      const current = StateRowSchema.safeParse(this.sql.prepare(`SELECT state FROM print_jobs WHERE id = ?`).get(id));
      if (!current.success || !expected.some((s) => s === current.data.state)) return null;
      const sets = ['state = @state', 'updated_at = @now', 'held_by = @held_by'];
      const params: Record<string, unknown> = { id, state: patch.state, now, held_by: heldByColumn(patch.heldBy ?? null) };
      const column = (key: keyof PrintJobPatch, name: string, value: unknown): void => {
        if (patch[key] === undefined) return;
        sets.push(`${name} = @${name}`);
        params[name] = value;
      };
      column('attempts', 'attempts', patch.attempts);
      column('detail', 'detail', patch.detail);
      column('labelCountBefore', 'label_count_before', patch.labelCountBefore);
      column('bytesOut', 'bytes_out', patch.bytesOut ? 1 : 0);
      column('sentAt', 'sent_at', patch.sentAt);
      column('confirmedAt', 'confirmed_at', patch.confirmedAt);
      this.sql.prepare(`UPDATE print_jobs SET ${sets.join(', ')} WHERE id = @id`).run(params);
      if (audit) this.insertAudit(id, audit, now);
      const moved = this.get(id);
      if (moved !== null && patch.state === 'confirmed') this.onConfirmed(moved);
      return moved;
    })();
  }

  get(id: string): StoredPrintJob | null {
    const raw: unknown = this.sql.prepare(`SELECT * FROM print_jobs WHERE id = ?`).get(id);
    return raw === undefined ? null : this.parse(raw);
  }

  /**
   * The job the worker of `target` must deal with: a job whose bytes may be out ('sending'/'sent') comes before any
   * new one, then the oldest queued. Unreadable rows are reported and skipped.
   */
  head(target: PrintTarget): StoredPrintJob | null {
    const rows: unknown[] = this.sql
      .prepare(
        `SELECT * FROM print_jobs WHERE target = ? AND state IN ('queued', 'sending', 'sent')
         ORDER BY CASE state WHEN 'queued' THEN 1 ELSE 0 END, created_at, rowid`,
      )
      .all(target);
    for (const raw of rows) {
      const job = this.parse(raw);
      if (job !== null) return job;
    }
    return null;
  }

  /** Jobs in creation order; with a limit, the most recent ones. */
  list(filter: { states?: readonly PrintJobState[]; target?: PrintTarget; pickingId?: number; limit?: number } = {}): StoredPrintJob[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.pickingId !== undefined) {
      where.push('picking_id = ?');
      params.push(filter.pickingId);
    }
    if (filter.states !== undefined) {
      if (filter.states.length === 0) return [];
      where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
      params.push(...filter.states);
    }
    if (filter.target !== undefined) {
      where.push('target = ?');
      params.push(filter.target);
    }
    const limit = filter.limit === undefined ? -1 : Math.max(0, Math.floor(filter.limit));
    const rows: unknown[] = this.db
      .prepare(
        `SELECT * FROM (SELECT rowid AS r, * FROM print_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY created_at DESC, rowid DESC LIMIT ?) ORDER BY created_at, r`,
      )
      .all(...params, limit);
    const jobs: StoredPrintJob[] = [];
    for (const raw of rows) {
      const job = this.parse(raw);
      if (job !== null) jobs.push(job);
    }
    return jobs;
  }

  openJobs(target?: PrintTarget): StoredPrintJob[] {
    return this.list(target === undefined ? { states: OPEN_STATES } : { states: OPEN_STATES, target });
  }

  audit(jobId?: string): PrintAuditEntry[] {
    const rows: unknown[] =
      jobId === undefined
        ? this.sql.prepare(`SELECT * FROM print_audit ORDER BY id`).all()
        : this.sql.prepare(`SELECT * FROM print_audit WHERE job_id = ? ORDER BY id`).all(jobId);
    const entries: PrintAuditEntry[] = [];
    for (const raw of rows) {
      const entry = parseAuditRow(raw);
      if (entry !== null) entries.push(entry);
      else this.report({ id: null, reason: `unreadable print_audit row: ${JSON.stringify(raw)}` });
    }
    return entries;
  }

  /**
   * Jobs per state over the whole print history the database keeps, for the metrics scrape: one GROUP BY over the
   * `print_jobs_by_state` index, where list() would read and parse one row per job ever printed.
   */
  countsByState(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const raw of this.sql.prepare(`SELECT state, COUNT(*) AS n FROM print_jobs GROUP BY state`).all()) {
      const row = StateCountRowSchema.parse(raw);
      counts[row.state] = row.n;
    }
    return counts;
  }

  /** Rows that could not be read back so far (they are still in the table). */
  badRows(): BadPrintRow[] {
    return [...this.bad.values()];
  }

  private insertAudit(jobId: string, audit: AuditInput, at: number): void {
    const action = PrintAuditActionSchema.parse(audit.action);
    if (audit.who.trim() === '' || audit.reason.trim() === '') {
      throw new StationError('REJECTED', 'print audit: who and reason are required');
    }
    this.sql
      .prepare(`INSERT INTO print_audit (job_id, action, who, reason, at) VALUES (?, ?, ?, ?, ?)`)
      .run(jobId, action, audit.who, audit.reason, at);
  }

  private parse(raw: unknown): StoredPrintJob | null {
    const parsed = parseJobRow(raw);
    if (parsed.ok) return parsed.job;
    this.report({ id: parsed.id, reason: parsed.reason });
    return null;
  }

  private report(row: BadPrintRow): void {
    const key = row.id ?? row.reason;
    if (this.bad.has(key)) return;
    this.bad.set(key, row);
    this.onBadRow(row);
  }

  private mustGet(id: string): StoredPrintJob {
    const job = this.get(id);
    if (job === null) throw new StationError('DEVICE', `print queue: job ${id} cannot be read back after insert`);
    return job;
  }

  private now(): number {
    return Math.floor(this.clock.now());
  }
}
