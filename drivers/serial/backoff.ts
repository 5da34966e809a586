export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

/**
 * Reconnect delay for the n-th consecutive failure (0-based): doubles from `baseMs`, capped at `maxMs`.
 * No jitter: one station talks to its own device, there is no herd to spread, and tests stay deterministic.
 */
export function backoffDelay(attempt: number, { baseMs = 250, maxMs = 5000 }: BackoffOptions = {}): number {
  const exponent = Math.min(Math.max(attempt, 0), 30);
  return Math.min(maxMs, baseMs * 2 ** exponent);
}
