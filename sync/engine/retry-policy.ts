import { errorMessage, isStationError } from '../../app/domain/errors';

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export type FailureDecision =
  | { kind: 'retry'; reason: string; delayMs: number }
  | { kind: 'dead'; reason: string };

/**
 * Full-jitter exponential backoff (AWS architecture blog): a random delay in [0, min(max, base * 2^(attempt-1))).
 * Spreading retries randomly keeps a fleet of stations that lost Odoo together from hammering it together when it
 * comes back. A server's Retry-After is a floor: retrying earlier only earns another 429.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const jittered = Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
  return retryAfterMs !== undefined && retryAfterMs > 0 ? Math.max(jittered, Math.ceil(retryAfterMs)) : jittered;
}

/**
 * What to do after attempt number `attempt` (1-based) failed with `error`. Retry decisions use the error's code, never
 * its message; an exception that is not a StationError is a surprise (a bug or an unmapped I/O error) and is retried.
 */
export function decideFailure(error: unknown, attempt: number, policy: RetryPolicy, random: () => number): FailureDecision {
  const described = isStationError(error) ? `${error.code}: ${error.message}` : `unexpected: ${errorMessage(error)}`;
  if (isStationError(error) && !error.retryable) return { kind: 'dead', reason: described };
  if (attempt >= policy.maxAttempts) return { kind: 'dead', reason: `gave up after ${attempt} attempts; last error ${described}` };
  const retryAfterMs = isStationError(error) ? error.retryAfterMs : undefined;
  return { kind: 'retry', reason: described, delayMs: retryDelayMs(attempt, policy, random, retryAfterMs) };
}
