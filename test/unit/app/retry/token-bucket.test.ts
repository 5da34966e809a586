import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../../app/retry/token-bucket';
import { FakeClock, flushPromises } from '../../../support/fake-clock';

describe('TokenBucket', () => {
  it('lets a burst through at once, then one request per 1/rate, in arrival order', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 4, burst: 2, clock });
    const passed: number[] = [];
    for (let i = 0; i < 5; i += 1) void bucket.take().then(() => passed.push(i));
    await flushPromises();
    expect(passed).toEqual([0, 1]);
    expect(bucket.waiting).toBe(3);
    await clock.advanceAsync(249);
    expect(passed).toEqual([0, 1]);
    await clock.advanceAsync(1);
    expect(passed).toEqual([0, 1, 2]);
    await clock.advanceAsync(500);
    expect(passed).toEqual([0, 1, 2, 3, 4]);
    expect(clock.pending).toBe(0);
  });

  it('counts the callers it holds back, down to none as tokens refill (what the supervisor is shown)', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 5, burst: 2, clock });
    expect([bucket.ratePerSecond, bucket.waiting]).toEqual([5, 0]);
    for (let i = 0; i < 14; i += 1) void bucket.take();
    await flushPromises();
    expect(bucket.waiting).toBe(12);
    await clock.advanceAsync(200);
    expect(bucket.waiting).toBe(11);
    await clock.advanceAsync(1_000);
    expect(bucket.waiting).toBe(6);
    // A newcomer queues behind those already waiting.
    void bucket.take();
    expect(bucket.waiting).toBe(7);
    await clock.advanceAsync(1_400);
    expect(bucket.waiting).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it("an urgent caller (the packer) goes ahead of the background callers already waiting", async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 1, clock });
    const passed: string[] = [];
    for (let i = 0; i < 3; i += 1) void bucket.take().then(() => passed.push(`bg${i}`));
    await flushPromises();
    void bucket.take(true).then(() => passed.push('packer'));
    void bucket.take().then(() => passed.push('bg3'));
    await flushPromises();
    expect(passed).toEqual(['bg0']);
    expect(bucket.waiting).toBe(4);
    await clock.advanceAsync(100);
    expect(passed).toEqual(['bg0', 'packer']);
    await clock.advanceAsync(300);
    expect(passed).toEqual(['bg0', 'packer', 'bg1', 'bg2', 'bg3']);
    expect(clock.pending).toBe(0);
  });

  it('refills up to the burst after a quiet spell, not beyond', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 3, clock });
    for (let i = 0; i < 3; i += 1) await bucket.take();
    await clock.advanceAsync(60_000);
    let passed = 0;
    for (let i = 0; i < 5; i += 1) void bucket.take().then(() => (passed += 1));
    await flushPromises();
    expect(passed).toBe(3);
  });

  it('refuses a rate or burst that cannot work', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0, burst: 1, clock: new FakeClock() })).toThrow(RangeError);
    expect(() => new TokenBucket({ ratePerSecond: 1, burst: 0, clock: new FakeClock() })).toThrow(RangeError);
  });
});
