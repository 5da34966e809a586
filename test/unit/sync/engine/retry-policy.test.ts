import { describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import { decideFailure, retryDelayMs } from '../../../../sync/engine/retry-policy';

const policy = { baseDelayMs: 500, maxDelayMs: 60_000, maxAttempts: 5 };

describe('retryDelayMs', () => {
  it('grows exponentially up to the cap at the top of the jitter range', () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 8, 9, 50].map((n) => retryDelayMs(n, policy, top))).toEqual([499, 999, 1_999, 3_999, 59_999, 59_999, 59_999]);
  });

  it('spreads delays over [0, ceiling) and never exceeds the cap', () => {
    const delays = Array.from({ length: 200 }, (_, i) => retryDelayMs(20, policy, () => (i % 100) / 100));
    expect(Math.min(...delays)).toBe(0);
    expect(Math.max(...delays)).toBeLessThan(60_000);
  });

  it('uses Retry-After as a floor', () => {
    expect(retryDelayMs(1, policy, () => 0.5, 120_000)).toBe(120_000);
    expect(retryDelayMs(8, policy, () => 0.999999, 10)).toBe(59_999);
  });
});

describe('decideFailure', () => {
  it.each(['AUTH', 'REJECTED', 'NOT_FOUND', 'CONFIG'] as const)('dead-letters %s at once', (code) => {
    expect(decideFailure(new StationError(code, 'no'), 1, policy, () => 0.5)).toEqual({ kind: 'dead', reason: `${code}: no` });
  });

  it.each(['NETWORK', 'TIMEOUT', 'RATE_LIMITED', 'UNAVAILABLE'] as const)('waits out %s however long it lasts, never dead', (code) => {
    for (const attempt of [1, 5, 12, 1_000, 100_000]) {
      const decision = decideFailure(new StationError(code, 'x'), attempt, policy, () => 0.999999);
      expect(decision).toMatchObject({ kind: 'wait', reason: `${code}: x` });
      expect(decision.kind === 'wait' && decision.delayMs).toBeLessThanOrEqual(policy.maxDelayMs);
    }
  });

  it('honours Retry-After while waiting', () => {
    expect(decideFailure(new StationError('RATE_LIMITED', 'x', { retryAfterMs: 90_000 }), 2, policy, () => 0)).toMatchObject({ kind: 'wait', delayMs: 90_000 });
  });

  it.each(['SERVER', 'INVALID_REPLY'] as const)('retries %s (the remote answered) until maxAttempts', (code) => {
    expect(decideFailure(new StationError(code, 'x'), 4, policy, () => 0.5)).toMatchObject({ kind: 'retry', reason: `${code}: x` });
    expect(decideFailure(new StationError(code, 'x'), 5, policy, () => 0.5)).toEqual({
      kind: 'dead',
      reason: `gave up after 5 attempts; last error ${code}: x`,
    });
  });

  it('retries an unknown exception', () => {
    expect(decideFailure(new Error('boom'), 1, policy, () => 0.5)).toEqual({ kind: 'retry', reason: 'unexpected: boom', delayMs: 250 });
    expect(decideFailure('a string', 1, policy, () => 0)).toEqual({ kind: 'retry', reason: 'unexpected: a string', delayMs: 0 });
  });
});
