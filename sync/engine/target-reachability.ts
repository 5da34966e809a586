import type { SyncTarget } from '../../app/domain/outbox-event.schema';
import { errorMessage, isUnreachable } from '../../app/domain/errors';
import type { LogSink } from '../../app/ports';
import { backoffMs } from '../../app/retry/backoff';
import type { OutboxStore } from '../outbox/outbox.store';

/** A cheap call that proves the remote answers (Odoo `common.version`, a carrier's account endpoint). */
export type Probe = () => Promise<void>;

export interface ReachabilityOptions {
  store: OutboxStore;
  probes: Partial<Record<SyncTarget, Probe>>;
  now: () => number;
  log: LogSink;
  random: () => number;
  /** First and longest wait between probes of an unreachable remote. */
  probeBaseMs: number;
  probeMaxMs: number;
  /** Called when a probe finished (either way), so the engine looks at its queue again. */
  onChange: () => void;
}

interface Outage {
  since: number;
  probeAt: number;
  failures: number;
  probing: boolean;
  /** Set when the remote asked us to wait (429 Retry-After): nothing, not even a probe, goes out before then. */
  throttledUntil: number | null;
}

/**
 * Which remotes are out of reach, and the probing that ends an outage. While a target with a probe is unreachable the
 * engine sends it nothing (each event would only wait for its own connect timeout); a cheap probe runs with capped,
 * jittered backoff instead, and its first success releases every waiting event at once. A target without a probe
 * learns it is back from its next successful delivery.
 */
export class TargetReachability {
  private readonly outages = new Map<SyncTarget, Outage>();

  constructor(private readonly opts: ReachabilityOptions) {}

  /** Outages recorded by an earlier run: probe first, before sending anything. */
  restore(targets: readonly SyncTarget[]): void {
    const now = this.opts.now();
    for (const target of targets) {
      const since = this.opts.store.unreachableSince(target);
      if (since !== null) this.outages.set(target, { since, probeAt: now, failures: 0, probing: false, throttledUntil: null });
    }
  }

  /** Whether the engine must hold `target`'s events back until a probe succeeds. */
  holds(target: SyncTarget): boolean {
    return this.outages.has(target) && this.opts.probes[target] !== undefined;
  }

  /** `retryAfterMs` > 0: the remote throttles us; it is left alone (probes included) until that time. */
  unreachable(target: SyncTarget, reason: string, retryAfterMs = 0): void {
    const now = this.opts.now();
    const throttledUntil = retryAfterMs > 0 ? now + retryAfterMs : null;
    const known = this.outages.get(target);
    if (known !== undefined) {
      if (throttledUntil !== null && throttledUntil > (known.throttledUntil ?? 0)) {
        known.throttledUntil = throttledUntil;
        known.probeAt = Math.max(known.probeAt, throttledUntil);
      }
      return;
    }
    this.opts.store.markUnreachable(target, now);
    const probeAt = Math.max(now + this.delay(0), throttledUntil ?? 0);
    this.outages.set(target, { since: now, probeAt, failures: 0, probing: false, throttledUntil });
    const what = throttledUntil === null ? 'is unreachable' : `throttles the station for ${retryAfterMs} ms`;
    this.opts.log.warn({ target, reason }, `${target} ${what}: its events wait, none is dead-lettered for it`);
  }

  /** Until when the remote asked the station to wait, while that is still ahead; null otherwise. */
  throttledUntil(target: SyncTarget): number | null {
    const until = this.outages.get(target)?.throttledUntil ?? null;
    return until !== null && until > this.opts.now() ? until : null;
  }

  /** A delivery or a probe got an answer. */
  reachable(target: SyncTarget): void {
    const outage = this.outages.get(target);
    if (outage === undefined) return;
    this.outages.delete(target);
    const released = this.opts.store.markReachable(target);
    this.opts.log.info({ target, downMs: this.opts.now() - outage.since, released }, `${target} reachable again: draining`);
  }

  /** Starts the probes that are due; returns the earliest time a later probe is due, or null. */
  runDue(): number | null {
    const now = this.opts.now();
    let next: number | null = null;
    for (const [target, outage] of this.outages) {
      const probe = this.opts.probes[target];
      if (probe === undefined || outage.probing) continue;
      if (outage.probeAt <= now) this.probe(target, outage, probe);
      else next = next === null ? outage.probeAt : Math.min(next, outage.probeAt);
    }
    return next;
  }

  private probe(target: SyncTarget, outage: Outage, probe: Probe): void {
    outage.probing = true;
    probe()
      .then(
        () => this.reachable(target),
        (error: unknown) => {
          // Any answer, even an error, proves the remote is there: the events themselves will tell what is wrong.
          if (!isUnreachable(error)) return this.reachable(target);
          outage.failures += 1;
          outage.probeAt = this.opts.now() + this.delay(outage.failures);
          return undefined;
        },
      )
      .catch((e: unknown) => this.opts.log.error({ target, err: errorMessage(e) }, 'could not record the probe result'))
      .finally(() => {
        outage.probing = false;
        this.opts.onChange();
      });
  }

  private delay(failures: number): number {
    const { probeBaseMs, probeMaxMs, random } = this.opts;
    return Math.max(1, backoffMs(failures, { baseMs: probeBaseMs, maxMs: probeMaxMs, jitter: 'full', random }));
  }
}
