import { errorMessage, isStationError } from '../../app/domain/errors';
import { SyncTargetSchema } from '../../app/domain/outbox-event.schema';
import type { OutboxEvent, SyncTarget } from '../../app/domain/outbox-event.schema';
import type { Clock, Lifecycle, LogSink, OutboxStatusSource, Unsubscribe } from '../../app/ports';
import { silentLogSink } from '../../app/ports';
import type { OutboxStore } from '../outbox/outbox.store';
import { DoneMarks } from '../outbox/done-marks';
import { batchOf, deliverAll } from './deliverer';
import type { BatchDeliverer, BatchOutcome, Deliverer } from './deliverer';
import { decideFailure } from './retry-policy';
import type { RetryPolicy } from './retry-policy';
import { TargetReachability } from './target-reachability';
import type { SyncEngineOptions } from './sync-engine.options';
import { JobLoop } from '../jobs/job-loop';
import { ListenerSet } from '../../app/events/listener-set';

export type { BatchDeliverer, BatchOutcome, Deliverer, EventScope } from './deliverer';

export type SyncLog = LogSink;

export type { SyncEngineOptions } from './sync-engine.options';

const silent: SyncLog = silentLogSink;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Delivers outbox events to their remotes. Timer-driven: it sleeps until the earliest retry time (at most `idleMs`)
 * and wakes early on kick() or when a delivery finishes. Events of one order key go strictly one after another;
 * different keys run concurrently up to `concurrency`.
 *
 * Order per key under group commit (done-marks wait in memory for their group, see DoneMarks): the store only ever
 * offers a key's lowest open event (IS_HEAD), and an event stops being open only when its done-mark is COMMITTED; so
 * the next event of a picking cannot start before the previous one is durably done, whatever the engine does in
 * memory. What keeps an acknowledged event from being delivered a second time while its mark waits is that its key
 * stays in flight until the commit (dispatchDue skips keys in flight). A crash that loses uncommitted marks therefore
 * redelivers each affected key's last acknowledged event alone, exactly where the key stood.
 */
export class SyncEngine implements Lifecycle, OutboxStatusSource {
  private readonly store: OutboxStore;
  private readonly deliverers: Partial<Record<SyncTarget, Deliverer | BatchDeliverer>>;
  private readonly clock: Clock;
  private readonly policy: RetryPolicy;
  private readonly log: SyncLog;
  private readonly concurrency: number;
  private readonly idleMs: number;
  private readonly retentionMs: number;
  private readonly random: () => number;
  private readonly reach: TargetReachability;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Deliveries waiting for their remote's answer (in flight, and not yet waiting for a done-mark commit). */
  private running = 0;
  private readonly marks: DoneMarks;
  private readonly delivered = new ListenerSet<OutboxEvent>();
  private readonly loop: JobLoop;
  private lastPruneAt = Number.NEGATIVE_INFINITY;

  constructor(opts: SyncEngineOptions) {
    this.store = opts.store;
    this.deliverers = opts.deliverers;
    this.clock = opts.clock;
    this.policy = opts.policy;
    this.log = opts.log ?? silent;
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
    this.idleMs = opts.idleMs ?? 1_000;
    this.retentionMs = opts.retentionMs ?? 30 * 24 * 60 * 60 * 1000;
    this.random = opts.random ?? Math.random;
    this.reach = new TargetReachability({
      store: this.store,
      probes: opts.probes ?? {},
      now: () => this.clock.now(),
      log: this.log,
      random: this.random,
      probeBaseMs: opts.probeBaseMs ?? 1_000,
      probeMaxMs: opts.probeMaxMs ?? 10_000,
      onChange: () => this.kick(),
    });
    this.marks = new DoneMarks({
      clock: this.clock,
      windowMs: opts.groupCommitMs ?? 2,
      maxGroup: Math.max(1, opts.groupCommitMax ?? 64),
      othersRunning: () => this.running > 0,
      commit: (events) => this.store.markDoneMany(events.map((e) => e.id)),
      committed: (events, error) => this.committed(events, error),
    });
    this.loop = new JobLoop({
      name: 'sync engine',
      clock: this.clock,
      log: this.log,
      step: () => this.step(),
      errorDelayMs: this.idleMs,
      drainTimeoutMs: opts.drainTimeoutMs ?? 15_000,
    });
  }

  async start(): Promise<void> {
    if (this.loop.isRunning) return;
    this.reach.restore(this.targets());
    this.log.info({ pending: this.safePendingCount() }, 'sync engine started');
    this.marks.eager = false;
    this.loop.start();
  }

  /**
   * Deliveries in flight finish (bounded by drainTimeoutMs) and their done-marks are committed at once; what does not
   * finish is redelivered on the next start.
   */
  async stop(): Promise<void> {
    this.marks.eager = true;
    this.marks.flush();
    const drained = await this.loop.stop();
    this.marks.flush();
    if (drained) this.log.info({}, 'sync engine stopped');
  }

  /** Wakes the loop now, e.g. right after the ledger committed an event. */
  kick(): void {
    this.loop.kick();
  }

  onDelivered(listener: (e: OutboxEvent) => void): Unsubscribe {
    return this.delivered.add(listener);
  }

  /** Resolves once nothing is in flight, including deliveries started by the completion of earlier ones. */
  async idle(): Promise<void> {
    await this.loop.idle();
  }

  status(): ReturnType<OutboxStatusSource['status']> {
    const status = this.store.status(this.clock.now());
    return { ...status, sync: status.sync.map((t) => ({ ...t, throttledUntil: this.reach.throttledUntil(t.target) })) };
  }

  /** One look at the outbox: start what is due, prune now and then, and say when to look again. */
  private step(): number {
    this.dispatchDue();
    const probeAt = this.reach.runDue();
    this.pruneNowAndThen();
    return this.nextWakeMs(probeAt);
  }

  private targets(): SyncTarget[] {
    return SyncTargetSchema.options.filter((t) => this.deliverers[t] !== undefined);
  }

  private dispatchDue(): void {
    const now = this.clock.now();
    for (const target of this.targets()) {
      if (this.reach.holds(target)) continue;
      const free = this.concurrency - this.inFlight.size;
      if (free <= 0) return;
      // In-flight heads are still pending and come back from due(): ask for enough rows to see past them.
      const heads = this.store.due(target, now, free + this.inFlight.size).filter((e) => !this.inFlight.has(keyOf(e))).slice(0, free);
      const deliverer = this.deliverers[target];
      const perDelivery = typeof deliverer === 'object' && deliverer.deliverGroups ? Math.max(1, deliverer.maxKeys ?? 1) : 1;
      for (let i = 0; i < heads.length; i += perDelivery) this.dispatch(heads.slice(i, i + perDelivery));
    }
  }

  /** Delivers keys' heads in one delivery, each with the events after it when its deliverer takes batches. */
  private dispatch(heads: readonly OutboxEvent[]): void {
    const deliverer = heads[0] === undefined ? undefined : this.deliverers[heads[0].target];
    if (deliverer === undefined) return;
    const batches = heads.map((head) => this.batchFrom(head, deliverer));
    this.running += 1;
    const run = (async () => {
      let outcomes: BatchOutcome[];
      if (typeof deliverer === 'function') {
        // Awaited here, not through deliverAll: a single delivery's outcome lands in the same turn as before batches.
        try {
          await deliverer(batches[0]?.[0] as OutboxEvent);
          outcomes = [{ done: 1 }];
        } catch (error) {
          outcomes = [{ done: 0, error }];
        }
      } else outcomes = await deliverAll(deliverer, batches);
      this.running -= 1;
      await Promise.all(batches.map((batch, i) => this.settled(batch, outcomes[i] ?? { done: 0 })));
      // Once every key of the delivery is free: they go out again together, not one by one as each is freed.
      this.kick();
    })();
    for (const batch of batches) this.inFlight.set(keyOf(batch[0] as OutboxEvent), run);
    this.loop.track(run);
  }

  /** One key's part of a delivery came back: its acknowledged prefix is marked done, the event it stopped at failed. */
  private async settled(batch: readonly OutboxEvent[], outcome: BatchOutcome): Promise<void> {
    const head = batch[0] as OutboxEvent;
    const key = keyOf(head);
    const done = batch.slice(0, outcome.done);
    const failed = outcome.error === undefined ? undefined : batch[outcome.done];
    try {
      // Answered first: a failure after an acknowledged part may still mark the remote unreachable.
      if (done.length > 0) this.reach.reachable(head.target);
    } catch (e) {
      this.log.error({ target: head.target, err: errorMessage(e) }, 'could not record that the remote answers again');
    }
    if (failed !== undefined) this.failed(failed, outcome.error);
    if (done.length === 0) {
      this.inFlight.delete(key);
      this.marks.settle();
      return;
    }
    // The key stays in flight until the groups holding all its done-marks are committed (see DoneMarks).
    await Promise.all(done.map((event) => this.marks.add(event)));
    this.inFlight.delete(key);
  }

  private batchFrom(head: OutboxEvent, deliverer: Deliverer | BatchDeliverer): OutboxEvent[] {
    return batchOf(head, deliverer, (h, n) => this.store.following(h, n), (e) => this.log.warn({ eventId: head.id, err: errorMessage(e) }, 'could not read the events after a head: delivering it alone'));
  }

  /** A group of done-marks was committed (error null) or could not be: their deliveries free their keys either way. */
  private committed(events: readonly OutboxEvent[], error: unknown): void {
    for (const event of events) {
      if (error !== null) {
        // The remote has it but we could not record that: it is delivered again later, which idempotent gateways absorb.
        this.log.error({ eventId: event.id, err: errorMessage(error) }, 'delivered but could not mark done');
        continue;
      }
      this.log.info({ eventId: event.id, orderKey: event.orderKey, type: event.payload.type, target: event.target }, 'event delivered');
      this.delivered.emit(event, (e) => this.log.warn({ err: errorMessage(e) }, 'onDelivered listener threw'));
    }
    this.kick();
  }

  private failed(event: OutboxEvent, error: unknown): void {
    const attempt = event.attempts + 1;
    const decision = decideFailure(error, attempt, this.policy, this.random, event.answeredFailures + 1);
    const ctx = { eventId: event.id, orderKey: event.orderKey, type: event.payload.type, target: event.target, attempt };
    try {
      if (decision.kind === 'dead') {
        const deadLetterId = this.store.markDead(event.id, decision.reason);
        this.log.error({ ...ctx, deadLetterId, reason: decision.reason }, 'event dead-lettered; its picking waits for replay or discard');
      } else if (decision.kind === 'wait') {
        this.store.markRetry(event.id, decision.reason, this.clock.now() + decision.delayMs, false);
        this.reach.unreachable(event.target, decision.reason, isStationError(error) && error.code === 'RATE_LIMITED' ? (error.retryAfterMs ?? 0) : 0);
      } else {
        this.store.markRetry(event.id, decision.reason, this.clock.now() + decision.delayMs);
        this.log.warn({ ...ctx, delayMs: decision.delayMs, reason: decision.reason }, 'delivery failed, will retry');
      }
    } catch (e) {
      // Not recorded: the row stays pending as it was and is tried again on the next wake.
      this.log.error({ ...ctx, err: errorMessage(e) }, 'could not record a failed delivery');
    }
  }

  /** The earliest due retry or probe, at most `idleMs` away (events enqueued without a kick are found that fast). */
  private nextWakeMs(probeAt: number | null): number {
    let delay = this.idleMs;
    const now = this.clock.now();
    if (probeAt !== null) delay = Math.min(delay, Math.max(1, probeAt - now));
    if (this.inFlight.size >= this.concurrency) return delay;
    try {
      for (const target of this.targets()) {
        if (this.reach.holds(target)) continue;
        const at = this.store.nextAttemptAfter(target, now);
        if (at !== null) delay = Math.min(delay, Math.max(1, at - now));
      }
    } catch (e) {
      this.log.error({ err: errorMessage(e) }, 'sync could not read the next retry time');
    }
    return delay;
  }

  private pruneNowAndThen(): void {
    const now = this.clock.now();
    if (now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now;
    const pruned = this.store.pruneFinished(now - this.retentionMs);
    if (pruned > 0) this.log.info({ pruned }, 'pruned finished outbox rows');
  }

  private safePendingCount(): number | null {
    try { return this.store.pendingCount(); } catch { return null; } // prettier-ignore
  }
}

const keyOf = (event: OutboxEvent): string => `${event.target}\u0000${event.orderKey}`;

