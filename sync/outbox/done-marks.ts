import type { OutboxEvent } from '../../app/domain/outbox-event.schema';
import type { Clock } from '../../app/ports';

export interface DoneMarksOptions {
  /** Writes the group in ONE transaction (OutboxStore.markDoneMany); throws when it could not. */
  commit(events: readonly OutboxEvent[]): void;
  /** After each commit, whether it succeeded (error null) or not: the events stop being in flight. */
  committed(events: readonly OutboxEvent[], error: unknown): void;
  /** Deliveries still running that may finish soon and join the group. */
  othersRunning(): boolean;
  clock: Clock;
  /** Longest wait for running deliveries to join a group (a few ms). */
  windowMs: number;
  /** Largest group: a full group commits at once. */
  maxGroup: number;
}

interface Waiting {
  event: OutboxEvent;
  resolve: () => void;
}

/**
 * Group commit of done-marks. Each acknowledged event would otherwise be its own fsync'd transaction, which costs more
 * than the engine's own work when a backlog drains; here the events acknowledged together are marked done in one.
 *
 * A group commits as soon as no other delivery is running (nothing else could join it: the deliveries acknowledged in
 * the same turn are all in it), or `windowMs` after its first mark while others still run (so the wait is bounded
 * even when they hang), or at once when it holds `maxGroup` events, or on every mark when `eager` (stopping).
 *
 * Until its group is committed an event stays in flight, so the engine does not deliver it again, and it is still
 * the open head of its order key, so the next event of that key cannot start (see SyncEngine). A crash before the
 * commit loses only done-marks, never events: those rows are still pending on the next start and are delivered
 * again, which the remotes' idempotent writes absorb (a redelivered event changes nothing the second time). As the
 * next event of the key never started, a redelivery only ever repeats a key's LAST acknowledged event, never one that
 * a later event of its key already followed.
 */
export class DoneMarks {
  private group: Waiting[] = [];
  private timer: unknown = null;
  /** Commit every mark at once (set while stopping). */
  eager = false;

  constructor(private readonly opts: DoneMarksOptions) {}

  /** Events waiting for their group's commit. */
  get size(): number {
    return this.group.length;
  }

  /** Queues the done-mark of an acknowledged event; resolves once its group was committed (or failed to be). */
  add(event: OutboxEvent): Promise<void> {
    return new Promise<void>((resolve) => {
      this.group.push({ event, resolve });
      if (this.eager || this.group.length >= this.opts.maxGroup) this.flush();
      else this.schedule();
    });
  }

  /** A delivery finished without a mark (it failed): the group may not need to wait for it any longer. */
  settle(): void {
    if (this.eager) this.flush();
    else this.schedule();
  }

  /** Commits the waiting group now. */
  flush(): void {
    this.cancel();
    const group = this.group;
    if (group.length === 0) return;
    this.group = [];
    const events = group.map((w) => w.event);
    let error: unknown = null;
    try {
      this.opts.commit(events);
    } catch (e) {
      error = e ?? new Error('done-mark commit failed');
    }
    try {
      this.opts.committed(events, error);
    } finally {
      for (const w of group) w.resolve();
    }
  }

  private cancel(): void {
    if (this.timer !== null) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.group.length === 0) return;
    if (this.opts.windowMs <= 0 || !this.opts.othersRunning()) return this.flush();
    this.timer ??= this.opts.clock.setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.opts.windowMs);
  }
}
