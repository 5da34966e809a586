import type { Database } from 'better-sqlite3';
import { StationError } from '../../app/domain/errors';
import { PrintRequestSchema } from '../../app/domain/print-job.schema';
import type { PrintAuditEntry, PrintJob, PrintJobState, PrintRequest, PrintTarget } from '../../app/domain/print-job.schema';
import { silentLogSink } from '../../app/ports';
import type { Clock, Ids, LabelPrinter, Listener, LogSink, PrintSpooler, SlipPrinter, Unsubscribe } from '../../app/ports';
import { PrintQueueStore } from './print-queue.store';
import { ListenerSet } from '../../app/events/listener-set';
import { publicJob } from './print-rows.schema';
import type { StoredPrintJob } from './print-rows.schema';
import { PrintWorker } from './print-worker';
import type { PrintWorkerPolicy } from './print-worker';
import { labelChannel, slipChannel } from './printer-channel';

export interface StationPrintSpoolerOptions {
  db: Database;
  clock: Clock;
  ids: Ids;
  printers: { label: LabelPrinter; slip?: SlipPrinter };
  policy?: {
    statusPollMs?: number;
    maxAutoAttempts?: number;
    confirmTimeoutMs?: number;
    /** How long the printer must show "not printed" after a broken job before it is resent (see print-decisions). */
    proofSettleMs?: number;
    /** Upper bound for stop() waiting on the job in flight. */
    stopTimeoutMs?: number;
  };
  log?: LogSink;
  /**
   * Runs inside the transaction that confirms a job (printed, by the printer's proof or a person's answer): a ledger
   * write here commits together with the confirmation or not at all.
   */
  onConfirmed?: (job: PrintJob) => void;
}

// Jobs the worker still owns: an operator may not reprint them (that would be the automatic duplicate we forbid).
const IN_FLIGHT: ReadonlySet<PrintJobState> = new Set(['queued', 'sending', 'sent']);

/**
 * The station's durable print queue and its workers (one per printer). Jobs survive restarts; a job whose bytes may
 * have reached the printer is resent only on the printer's own proof; every human decision is audited.
 */
export class StationPrintSpooler implements PrintSpooler {
  private readonly store: PrintQueueStore;
  private readonly workers: Record<PrintTarget, PrintWorker>;
  private readonly listeners: ListenerSet<PrintJob>;
  private readonly clock: Clock;
  private readonly ids: Ids;
  private readonly log: LogSink;

  constructor(opts: StationPrintSpoolerOptions) {
    this.clock = opts.clock;
    this.ids = opts.ids;
    this.log = opts.log ?? silentLogSink;
    this.listeners = new ListenerSet<PrintJob>((e) => this.log.warn({ err: String(e) }, 'print job listener threw'));
    const statusPollMs = opts.policy?.statusPollMs ?? 1000;
    const policy: PrintWorkerPolicy = {
      statusPollMs,
      maxAutoAttempts: opts.policy?.maxAutoAttempts ?? 5,
      confirmTimeoutMs: opts.policy?.confirmTimeoutMs ?? 60_000,
      proofSettleMs: opts.policy?.proofSettleMs ?? Math.max(2000, statusPollMs),
      stopTimeoutMs: opts.policy?.stopTimeoutMs ?? 10_000,
    };
    const onConfirmed = opts.onConfirmed;
    this.store = new PrintQueueStore(
      opts.db,
      opts.clock,
      (row) => this.log.error({ jobId: row.id, reason: row.reason }, 'unreadable print job row left in place'),
      onConfirmed ? (job) => onConfirmed(publicJob(job)) : undefined,
    );
    const emit = (job: StoredPrintJob): void => this.emit(job);
    const worker = (target: PrintTarget, channel: ReturnType<typeof labelChannel> | null): PrintWorker =>
      new PrintWorker({ target, store: this.store, channel, clock: this.clock, policy, log: this.log, emit });
    this.workers = {
      label: worker('label', labelChannel(opts.printers.label)),
      slip: worker('slip', opts.printers.slip ? slipChannel(opts.printers.slip) : null),
    };
  }

  /** Picks up where the last run stopped: queued jobs print, jobs left mid-flight are checked, never blindly resent. */
  async start(): Promise<void> {
    this.workers.label.start();
    this.workers.slip.start();
    await Promise.resolve();
  }

  /** Lets the step in flight finish (bounded), then stops polling. Jobs left open continue on the next start(). */
  async stop(): Promise<void> {
    await Promise.all([this.workers.label.stop(), this.workers.slip.stop()]);
  }

  submit(request: PrintRequest): string {
    const parsed = PrintRequestSchema.safeParse(request);
    if (!parsed.success) throw new StationError('REJECTED', `print request: ${parsed.error.message}`);
    if (parsed.data.target === 'slip' && !isBase64(parsed.data.data)) {
      throw new StationError('REJECTED', 'print request: slip data must be base64 ESC/POS bytes');
    }
    const job = this.store.insert(this.ids.next(), parsed.data);
    this.emit(job);
    this.workers[job.target].kick();
    return job.id;
  }

  job(id: string): PrintJob | null {
    const job = this.store.get(id);
    return job === null ? null : publicJob(job);
  }

  jobs(filter: { states?: PrintJobState[]; pickingId?: number; limit?: number } = {}): PrintJob[] {
    return this.store.list(filter).map(publicJob);
  }

  onJob(listener: Listener<PrintJob>): Unsubscribe {
    return this.listeners.add(listener);
  }

  resolveUncertain(jobId: string, printed: boolean, who: string, reason: string): void {
    const patch = printed
      ? { state: 'confirmed' as const, detail: `Confirmed printed by ${who}`, confirmedAt: this.clock.now() }
      : // The person took over from the automatic attempts: their budget starts again.
        { state: 'queued' as const, attempts: 0, detail: `Printing again: ${who} saw it did not print` };
    const action = printed ? ('confirm-printed' as const) : ('confirm-not-printed' as const);
    const moved = this.store.transition(jobId, 'uncertain', patch, { action, who, reason });
    if (moved === null) throw this.notIn(jobId, 'uncertain');
    this.emit(moved);
    this.workers[moved.target].kick();
  }

  reprint(jobId: string, who: string, reason: string): string {
    const original = this.store.get(jobId);
    if (original === null) throw new StationError('NOT_FOUND', `print job ${jobId} not found`);
    if (IN_FLIGHT.has(original.state)) {
      throw new StationError('REJECTED', `print job ${jobId} is still ${original.state}: it prints without a reprint`);
    }
    const request: PrintRequest = {
      kind: original.kind,
      target: original.target,
      pickingId: original.pickingId,
      parcelIndex: original.parcelIndex,
      data: original.data,
    };
    const job = this.store.insert(this.ids.next(), request, { reprintOf: original.id, audit: { action: 'reprint', who, reason } });
    this.emit(job);
    this.workers[job.target].kick();
    return job.id;
  }

  retry(jobId: string, who: string): void {
    const job = this.store.get(jobId);
    if (job === null) throw new StationError('NOT_FOUND', `print job ${jobId} not found`);
    // Bytes of this job may already be on paper: sending them again is a reprint, and reprints are audited.
    const audit = job.bytesOut
      ? { action: 'reprint' as const, who, reason: 'retry of a failed job whose bytes may have reached the printer' }
      : undefined;
    const moved = this.store.transition(jobId, 'failed', { state: 'queued', attempts: 0, detail: `Retry requested by ${who}` }, audit);
    if (moved === null) throw this.notIn(jobId, 'failed');
    this.log.info({ jobId, who }, 'print job retried');
    this.emit(moved);
    this.workers[moved.target].kick();
  }

  audit(jobId?: string): PrintAuditEntry[] {
    return this.store.audit(jobId);
  }

  /** Rows the store could not read back (still in the table, reported once to the log). */
  unreadableJobs(): { id: string | null; reason: string }[] {
    return this.store.badRows();
  }

  private emit(job: StoredPrintJob): void {
    this.listeners.emit(publicJob(job));
  }

  private notIn(jobId: string, state: PrintJobState): StationError {
    const job = this.store.get(jobId);
    if (job === null) return new StationError('NOT_FOUND', `print job ${jobId} not found`);
    return new StationError('REJECTED', `print job ${jobId} is ${job.state}, not ${state}`);
  }
}

const isBase64 = (data: string): boolean => /^[A-Za-z0-9+/]+={0,2}$/.test(data) && data.length % 4 === 0;
