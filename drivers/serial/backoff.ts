import { backoffMs } from '../../app/retry/backoff';

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

/**
 * Reconnect delay for the n-th consecutive failure (0-based) of a device link: the product's one backoff formula
 * (app/retry/backoff.ts), without jitter — one station talks to its own device, there is no herd to spread — and with
 * the defaults a packer waits for after an unplug.
 */
export function backoffDelay(attempt: number, { baseMs = 250, maxMs = 5000 }: BackoffOptions = {}): number {
  return backoffMs(attempt, { baseMs, maxMs });
}
