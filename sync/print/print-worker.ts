import type { PrinterFault } from '../../app/domain/device.schema';
import type { PrintTarget } from '../../app/domain/print-job.schema';
import type { Clock, LogSink } from '../../app/ports';
import { decideBeforeSend, decideNext, refusedBackoffMs } from '../../app/printing/print-decisions';
import type { DecisionPolicy, PrintDecision } from '../../app/printing/print-decisions';
import { classifyPrintFailure, failureText } from '../../app/printing/print-failure';
import type { PrintFailure } from '../../app/printing/print-failure';
import type { PrintQueueStore } from './print-queue.store';
import type { StoredPrintJob } from './print-rows.schema';
import type { PrinterChannel } from './printer-channel';
import { JobLoop, type NextWake } from '../jobs/job-loop';

export interface PrintWorkerPolicy extends DecisionPolicy {
  statusPollMs: number;
  /** Upper bound for stop() waiting on the step in flight. */
  stopTimeoutMs: number;
}

export interface PrintWorkerDeps {
  target: PrintTarget;
  store: PrintQueueStore;
  /** null: no such printer is configured; its jobs wait, visibly, for a configuration that has one. */
  channel: PrinterChannel | null;
  clock: Clock;
  policy: PrintWorkerPolicy;
  log: LogSink;
  emit: (job: StoredPrintJob) => void;
}

const sameFaults = (a: readonly PrinterFault[] | null, b: readonly PrinterFault[] | null): boolean =>
  a === null || b === null ? a === b : a.length === b.length && a.every((fault, i) => fault === b[i]);

/** What the loop does next: look again after `ms`, go on at once (0), or idle until kicked (null). */
type Next = NextWake;

/**
 * Drives the jobs of ONE printer, one at a time, in creation order. Every step is: read the head job from the store,
 * ask the printer, let the pure decisions choose, write the outcome durably, emit it. Nothing lives only in memory
 * that a restart would need: the extra state here (backoff, how long a check has run) only ever delays a job.
 */
export class PrintWorker {
  private readonly loop: JobLoop;
  private readonly notBefore = new Map<string, number>();
  private readonly checkingSince = new Map<string, number>();
  private readonly proofSince = new Map<string, number>();
  private readonly faultSeen = new Set<string>();

  constructor(private readonly deps: PrintWorkerDeps) {
    this.loop = new JobLoop({
      name: `${deps.target} print queue`,
      clock: deps.clock,
      log: deps.log,
      step: () => this.step(),
      errorDelayMs: deps.policy.statusPollMs,
      drainTimeoutMs: deps.policy.stopTimeoutMs,
    });
  }

  start(): void {
    // A 'sent' job that was waiting on a fault before the restart must still prove it printed.
    for (const job of this.deps.store.openJobs(this.deps.target)) {
      if (job.state === 'sent' && job.detail !== null) this.faultSeen.add(job.id);
    }
    this.loop.start();
  }

  /** Stops scheduling; waits (bounded) for the step in flight. A job left open continues on the next start. */
  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Something changed (new job, an operator's answer): look at the queue now instead of at the next poll. */
  kick(): void {
    this.loop.kick();
  }

  private async step(): Promise<Next> {
    const { store, channel, clock } = this.deps;
    const job = store.head(this.deps.target);
    if (job === null) return null;
    if (channel === null) {
      this.stay(job, { next: 'stay', detail: `No ${this.deps.target} printer is configured at this station`, held: null, faultSeen: false });
      return null;
    }
    if (job.state === 'queued') {
      const due = this.notBefore.get(job.id);
      if (due !== undefined && due > clock.now()) return due - clock.now();
      return this.send(job, channel);
    }
    // 'sending' here means a restart found it mid-job: no failure is known, only the counter can tell.
    return this.check(job, channel);
  }

  private async send(job: StoredPrintJob, channel: PrinterChannel): Promise<Next> {
    const ready = decideBeforeSend(await channel.status());
    if (ready.next !== 'send') return this.apply(job, ready);
    const countBefore = await channel.labelCount();
    // Durable BEFORE the first byte: a crash from here on leaves a row that says the label may be out.
    const sending = this.move(job, 'queued', { state: 'sending', detail: null, labelCountBefore: countBefore });
    if (sending === null) return 0;
    this.notBefore.delete(job.id);
    try {
      await channel.print(sending.data);
    } catch (e) {
      return this.afterFailure(sending, channel, e);
    }
    const sent = this.move(sending, 'sending', { state: 'sent', bytesOut: true, sentAt: this.deps.clock.now(), detail: null });
    if (sent !== null) this.checkingSince.set(sent.id, this.deps.clock.now());
    return 0;
  }

  private async afterFailure(job: StoredPrintJob, channel: PrinterChannel, error: unknown): Promise<Next> {
    const failure = classifyPrintFailure(error);
    const text = failureText(error);
    this.deps.log.warn({ jobId: job.id, failure, err: text }, 'print failed');
    if (failure === 'broken') {
      // Remember durably that bytes may be out, before asking anything that could take long.
      const marked = this.move(job, 'sending', { state: 'sending', bytesOut: true, detail: 'Connection broke while sending: checking the printer' });
      if (marked === null) return 0;
      this.checkingSince.set(job.id, this.deps.clock.now());
      return this.check(marked, channel, failure, text);
    }
    return this.apply(job, decideNext(this.observation(job, 'unknown', null, failure, text)));
  }

  private async check(job: StoredPrintJob, channel: PrinterChannel, failure?: PrintFailure, text?: string): Promise<Next> {
    if (!this.checkingSince.has(job.id)) this.checkingSince.set(job.id, this.deps.clock.now());
    // Status first, counter second: a label that comes out between the two shows up in the counter, never as "nothing
    // waiting, counter unchanged".
    const status = await channel.status();
    const countAfter = await channel.labelCount();
    return this.apply(job, decideNext(this.observation(job, status, countAfter, failure, text)));
  }

  private observation(
    job: StoredPrintJob,
    status: Parameters<typeof decideBeforeSend>[0],
    countAfter: number | null,
    failure?: PrintFailure,
    failureText?: string,
  ): Parameters<typeof decideNext>[0] {
    const now = this.deps.clock.now();
    const since = this.checkingSince.get(job.id) ?? now;
    const proofSince = this.proofSince.get(job.id);
    return {
      state: job.state === 'sending' || job.state === 'sent' ? job.state : 'queued',
      status,
      countBefore: job.labelCountBefore,
      countAfter,
      ...(failure === undefined ? {} : { failure }),
      ...(failureText === undefined ? {} : { failureText }),
      attempts: job.attempts,
      faultSeen: this.faultSeen.has(job.id),
      waitedMs: now - since,
      proofHeldMs: proofSince === undefined ? 0 : now - proofSince,
      policy: this.deps.policy,
    };
  }

  private apply(job: StoredPrintJob, d: PrintDecision): Next {
    const now = this.deps.clock.now();
    if (d.next === 'send') return 0;
    if (d.next === 'stay') {
      if (d.proof === true) {
        if (!this.proofSince.has(job.id)) this.proofSince.set(job.id, now);
      } else {
        this.proofSince.delete(job.id);
      }
      this.stay(job, d);
      return this.deps.policy.statusPollMs;
    }
    this.forget(job.id);
    const from = job.state;
    switch (d.next) {
      case 'queued': {
        const moved = this.move(job, from, { state: 'queued', attempts: d.attempts, detail: d.detail });
        if (moved === null || !d.backoff) return 0;
        const wait = refusedBackoffMs(d.attempts, this.deps.policy.statusPollMs);
        this.notBefore.set(job.id, now + wait);
        return wait;
      }
      case 'confirmed':
        this.move(job, from, { state: 'confirmed', detail: d.detail, confirmedAt: now });
        return 0;
      case 'uncertain':
        this.move(job, from, { state: 'uncertain', detail: d.detail });
        return 0;
      case 'failed':
        this.move(job, from, { state: 'failed', attempts: d.attempts, detail: d.detail });
        return 0;
    }
  }

  /** Same state, new words: written (and emitted) only when the operator would see something different. */
  private stay(job: StoredPrintJob, d: Extract<PrintDecision, { next: 'stay' }>): void {
    if (d.faultSeen) this.faultSeen.add(job.id);
    if (job.detail === d.detail && sameFaults(job.heldBy, d.held)) return;
    this.move(job, job.state, { state: job.state, detail: d.detail, heldBy: d.held });
  }

  private move(job: StoredPrintJob, from: StoredPrintJob['state'], patch: Parameters<PrintQueueStore['transition']>[2]): StoredPrintJob | null {
    const moved = this.deps.store.transition(job.id, from, patch);
    if (moved === null) {
      this.deps.log.warn({ jobId: job.id, from, to: patch.state }, 'print job moved by someone else; skipping');
      return null;
    }
    if (moved.state !== job.state) this.deps.log.info({ jobId: job.id, from, to: moved.state, detail: moved.detail }, 'print job');
    this.deps.emit(moved);
    return moved;
  }

  private forget(id: string): void {
    this.checkingSince.delete(id);
    this.proofSince.delete(id);
    this.faultSeen.delete(id);
  }
}
