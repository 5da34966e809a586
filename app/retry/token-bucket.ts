import type { Clock } from '../ports';

export interface TokenBucketOptions {
  /** Requests per second on average. */
  ratePerSecond: number;
  /** Requests that may go at once after a quiet spell. */
  burst: number;
  clock: Clock;
}

/**
 * A request-rate limit with burst (token bucket): `take()` resolves at once while tokens are left and otherwise when
 * the next one has refilled, first come first served — except that an urgent caller (the packer at the bench waiting
 * for a picking or a label) goes ahead of every background one (the outbox's backlog, the prefetch). A polite client
 * of a rate-limited Odoo or carrier platform spaces its own requests instead of learning the limit from 429s.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly urgent: (() => void)[] = [];
  private readonly background: (() => void)[] = [];
  private timer: unknown = null;

  constructor(private readonly opts: TokenBucketOptions) {
    if (!(opts.ratePerSecond > 0) || !(opts.burst >= 1)) throw new RangeError('a token bucket needs a positive rate and a burst of at least 1');
    this.tokens = opts.burst;
    this.last = opts.clock.now();
  }

  take(urgent = false): Promise<void> {
    this.refill();
    const ahead = urgent ? this.urgent.length : this.waiting;
    if (ahead === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      (urgent ? this.urgent : this.background).push(resolve);
      this.schedule();
    });
  }

  /** Callers waiting for a token: the back-pressure a supervisor sees ("rate limit 5/s: 12 requests waiting"). */
  get waiting(): number {
    return this.urgent.length + this.background.length;
  }

  get ratePerSecond(): number {
    return this.opts.ratePerSecond;
  }

  private refill(): void {
    const now = this.opts.clock.now();
    this.tokens = Math.min(this.opts.burst, this.tokens + ((now - this.last) / 1000) * this.opts.ratePerSecond);
    this.last = now;
  }

  private schedule(): void {
    if (this.timer !== null || this.waiting === 0) return;
    const wait = Math.max(1, Math.ceil(((1 - this.tokens) / this.opts.ratePerSecond) * 1000));
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = null;
      this.refill();
      while (this.waiting > 0 && this.tokens >= 1) {
        this.tokens -= 1;
        (this.urgent.shift() ?? this.background.shift())?.();
      }
      this.schedule();
    }, wait);
  }
}
