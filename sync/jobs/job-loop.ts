import { errorMessage } from '../../app/domain/errors';
import type { Clock, LogSink } from '../../app/ports';

/** When the loop looks at its queue again: after `ms`, at once (0), or only when kicked (null). */
export type NextWake = number | null;

export interface JobLoopOptions {
  /** Names the queue in the log. */
  name: string;
  clock: Clock;
  log: LogSink;
  /**
   * One look at the queue: claim what is due, start or run it, and say when to look again. Never runs twice at once;
   * a kick that arrives meanwhile makes it run again right after. It may be synchronous.
   */
  step: () => NextWake | Promise<NextWake>;
  /** Wait before the next step after one threw (a locked database, a full disk): the loop itself never dies. */
  errorDelayMs: number;
  /** Longest stop() waits for the step and the tracked work in flight; what is left is picked up on the next start. */
  drainTimeoutMs: number;
}

const isPromise = (v: unknown): v is Promise<NextWake> => typeof v === 'object' && v !== null && typeof (v as Promise<unknown>).then === 'function';

/**
 * The one durable-job loop of the station: the sync engine's targets and each printer's queue run on it. The queue
 * itself lives in SQLite (claim, outcome, backoff and dead letters are the owner's rows); this is the part every
 * queue shares and must get right once — wake on kick or at the next due time, one step at a time, nothing lost
 * when a kick races a step, and a stop that drains what is in flight within a bound.
 */
export class JobLoop {
  private started = false;
  private inStep = false;
  private again = false;
  private timer: unknown = null;
  private stepping: Promise<void> | null = null;
  private readonly work = new Set<Promise<unknown>>();

  constructor(private readonly opts: JobLoopOptions) {}

  get isRunning(): boolean {
    return this.started;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.kick();
  }

  /** Look at the queue now (a new job, a finished one, an operator's answer). */
  kick(): void {
    if (!this.started) return;
    if (this.inStep) {
      this.again = true;
      return;
    }
    this.cancelTimer();
    for (;;) {
      this.inStep = true;
      this.again = false;
      const outcome = this.runStep();
      if (isPromise(outcome)) {
        this.stepping = outcome.then((next) => {
          this.stepping = null;
          this.inStep = false;
          this.schedule(next, true);
        });
        return;
      }
      this.inStep = false;
      // A synchronous step that was kicked meanwhile runs again here, not recursively; one that asks to go on at once
      // gets a zero timer, so a step that keeps answering 0 cannot spin the event loop.
      if (!this.started || !this.again) return this.schedule(outcome, false);
    }
  }

  /** Work started by a step that outlives it (a delivery in flight): stop() waits for it, idle() too. */
  track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.work.add(settled);
    void settled.then(() => this.work.delete(settled));
  }

  /** Resolves once no step runs and no tracked work is in flight, including work started meanwhile. */
  async idle(): Promise<void> {
    while (this.stepping !== null || this.work.size > 0) await Promise.all([this.stepping, ...this.work]);
  }

  /** Stops waking; waits (bounded) for what is in flight. Resolves true when it drained, false when it gave up. */
  async stop(): Promise<boolean> {
    this.started = false;
    this.cancelTimer();
    let handle: unknown = null;
    const timedOut = new Promise<boolean>((resolve) => {
      handle = this.opts.clock.setTimeout(() => resolve(false), this.opts.drainTimeoutMs);
    });
    const drained = await Promise.race([this.idle().then(() => true), timedOut]);
    this.opts.clock.clearTimeout(handle);
    if (!drained) this.opts.log.warn({ queue: this.opts.name, inFlight: this.work.size }, `${this.opts.name} stopped with work in flight; it is picked up on the next start`);
    return drained;
  }

  private runStep(): NextWake | Promise<NextWake> {
    try {
      const outcome = this.opts.step();
      return isPromise(outcome) ? outcome.catch((e: unknown) => this.failed(e)) : outcome;
    } catch (e) {
      return this.failed(e);
    }
  }

  private failed(e: unknown): NextWake {
    this.opts.log.error({ queue: this.opts.name, err: errorMessage(e) }, `${this.opts.name} step failed`);
    return this.opts.errorDelayMs;
  }

  private schedule(next: NextWake, afterAsync: boolean): void {
    if (!this.started) return;
    if (afterAsync && (this.again || next === 0)) return this.kick();
    if (next === null) return;
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = null;
      this.kick();
    }, Math.max(0, next));
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
