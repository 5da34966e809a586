import { expect, it } from 'vitest';
import { LoginThrottle } from '../../../../app/hub/login-throttle';

const opts = { maxFailures: 3, windowMs: 60_000, lockMs: 300_000, maxKeys: 2 };

it('locks a key after maxFailures within the window, for lockMs, then lets it try again', () => {
  const t = new LoginThrottle(opts);
  t.failed('ana|10.0.0.1', 0);
  t.failed('ana|10.0.0.1', 10_000);
  expect(t.waitMs('ana|10.0.0.1', 10_000)).toBe(0);
  t.failed('ana|10.0.0.1', 20_000);
  expect(t.waitMs('ana|10.0.0.1', 20_000)).toBe(300_000);
  expect(t.waitMs('ana|10.0.0.1', 319_999)).toBe(1);
  expect(t.waitMs('ana|10.0.0.1', 320_000)).toBe(0);
  expect(t.waitMs('ana|10.0.0.2', 20_000)).toBe(0);
});

it('forgets failures older than the window and all of them on a success', () => {
  const t = new LoginThrottle(opts);
  t.failed('k', 0);
  t.failed('k', 1_000);
  t.failed('k', 61_500);
  expect(t.waitMs('k', 61_500)).toBe(0);
  t.succeeded('k');
  t.failed('k', 62_000);
  t.failed('k', 63_000);
  expect(t.waitMs('k', 63_000)).toBe(0);
});

it('remembers at most maxKeys, forgetting the least recently failed', () => {
  const t = new LoginThrottle({ ...opts, maxFailures: 1 });
  t.failed('a', 0);
  t.failed('b', 1);
  t.failed('c', 2);
  expect([t.waitMs('a', 3), t.waitMs('b', 3) > 0, t.waitMs('c', 3) > 0]).toEqual([0, true, true]);
});
