/**
 * The one backoff formula of the product: the delay before try number `attempt` (0-based: 0 is the first retry)
 * doubles from `baseMs` up to `maxMs`.
 *
 * - `jitter: 'none'` (the default) gives exactly that ceiling: a station reconnecting to its own device or polling
 *   its own printer has no herd to spread, and tests stay deterministic.
 * - `jitter: 'full'` draws uniformly from [0, ceiling) ("full jitter", AWS Architecture Blog, "Exponential Backoff
 *   And Jitter"): a fleet of stations that lost the same Odoo together must not hammer it together when it returns.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  jitter?: 'none' | 'full';
  /** [0, 1); injectable so the jittered delay is testable. */
  random?: () => number;
}

const MAX_EXPONENT = 30;

export function backoffMs(attempt: number, opts: BackoffOptions): number {
  const exponent = Math.min(Math.max(Math.floor(attempt), 0), MAX_EXPONENT);
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** exponent);
  if (opts.jitter !== 'full') return ceiling;
  const r = Math.min(Math.max((opts.random ?? Math.random)(), 0), 1);
  return Math.floor(r * ceiling);
}
