import { errorMessage, isStationError, isUnreachable } from '../../app/domain/errors';
import { backoffMs } from '../../app/retry/backoff';

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts before a failure the remote answered (a 500, an unreadable reply) becomes a dead letter. */
  maxAttempts: number;
}

/**
 * - `retry`: the remote answered with an error that may pass (a 500, a reply we could not read): try again, a
 *   bounded number of times.
 * - `wait`: the remote was out of reach (refused, reset, DNS, timeout, 502/503/504, 429). Nothing is wrong with the
 *   event, so it waits with capped backoff for as long as the outage lasts, and never becomes a dead letter.
 * - `dead`: a retry cannot fix it (the remote rejected the request, or the retryable failures ran out).
 */
export type FailureDecision =
  | { kind: 'retry'; reason: string; delayMs: number }
  | { kind: 'wait'; reason: string; delayMs: number }
  | { kind: 'dead'; reason: string };

/**
 * Delay after failed attempt number `attempt` (1-based): full-jitter exponential backoff, so stations that lost the
 * same remote together do not come back together. A server's Retry-After is a floor: earlier only earns another 429.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const jittered = backoffMs(attempt - 1, { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs, jitter: 'full', random });
  return retryAfterMs !== undefined && retryAfterMs > 0 ? Math.max(jittered, Math.ceil(retryAfterMs)) : jittered;
}

/**
 * What to do after attempt number `attempt` (1-based) failed with `error`. Decisions use the error's code, never its
 * message; an exception that is not a StationError is a surprise (a bug or an unmapped I/O error) and is retried.
 */
export function decideFailure(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  /** Failures the remote answered, this one included; outages in between do not count. Defaults to `attempt`. */
  answered = attempt,
): FailureDecision {
  const described = isStationError(error) ? `${error.code}: ${error.message}` : `unexpected: ${errorMessage(error)}`;
  const retryAfterMs = isStationError(error) ? error.retryAfterMs : undefined;
  if (isUnreachable(error)) return { kind: 'wait', reason: described, delayMs: retryDelayMs(attempt, policy, random, retryAfterMs) };
  if (isStationError(error) && !error.retryable) return { kind: 'dead', reason: described };
  if (answered >= policy.maxAttempts) return { kind: 'dead', reason: `gave up after ${answered} attempts; last error ${described}` };
  return { kind: 'retry', reason: described, delayMs: retryDelayMs(attempt, policy, random, retryAfterMs) };
}
