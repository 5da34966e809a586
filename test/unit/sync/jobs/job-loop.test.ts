import { describe, expect, it, vi } from 'vitest';
import { JobLoop, type NextWake } from '../../../../sync/jobs/job-loop';
import { FakeClock, flushPromises } from '../../../support/fake-clock';

const log = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

describe('JobLoop', () => {
  it('runs a kicked step once more right after the one in flight, never two at once', async () => {
    const clock = new FakeClock();
    let active = 0;
    let maxActive = 0;
    let steps = 0;
    const release: (() => void)[] = [];
    const loop = new JobLoop({
      name: 'q',
      clock,
      log: log(),
      errorDelayMs: 100,
      drainTimeoutMs: 1_000,
      step: () =>
        new Promise<NextWake>((resolve) => {
          steps += 1;
          active += 1;
          maxActive = Math.max(maxActive, active);
          release.push(() => {
            active -= 1;
            resolve(null);
          });
        }),
    });
    loop.start();
    loop.kick();
    loop.kick();
    expect(steps).toBe(1);
    release.shift()!();
    await flushPromises();
    expect(steps).toBe(2);
    release.shift()!();
    await flushPromises();
    expect(steps).toBe(2);
    expect(maxActive).toBe(1);
    await loop.stop();
  });

  it('wakes at the time the step asked for, and a sync step kicked during itself runs again in place', () => {
    const clock = new FakeClock();
    let steps = 0;
    const loop: JobLoop = new JobLoop({
      name: 'q',
      clock,
      log: log(),
      errorDelayMs: 100,
      drainTimeoutMs: 1_000,
      step: () => {
        steps += 1;
        if (steps === 1) loop.kick();
        return 500;
      },
    });
    loop.start();
    expect(steps).toBe(2);
    clock.advance(499);
    expect(steps).toBe(2);
    clock.advance(1);
    expect(steps).toBe(3);
  });

  it('survives a throwing step: logs it and tries again after the error delay', () => {
    const clock = new FakeClock();
    const sink = log();
    let steps = 0;
    const loop = new JobLoop({
      name: 'q',
      clock,
      log: sink,
      errorDelayMs: 100,
      drainTimeoutMs: 1_000,
      step: () => {
        steps += 1;
        if (steps === 1) throw new Error('database is locked');
        return null;
      },
    });
    loop.start();
    expect(sink.error).toHaveBeenCalledWith({ queue: 'q', err: 'database is locked' }, 'q step failed');
    clock.advance(100);
    expect(steps).toBe(2);
  });

  it('stop() waits for tracked work, and gives up after the drain bound with a warning', async () => {
    const clock = new FakeClock();
    const sink = log();
    const loop = new JobLoop({ name: 'q', clock, log: sink, errorDelayMs: 100, drainTimeoutMs: 1_000, step: () => null });
    loop.start();
    let finish!: () => void;
    loop.track(new Promise<void>((resolve) => (finish = resolve)));
    let drained: boolean | null = null;
    void loop.stop().then((d) => (drained = d));
    await flushPromises();
    expect(drained).toBeNull();
    finish();
    await flushPromises();
    expect(drained).toBe(true);

    loop.start();
    loop.track(new Promise<void>(() => undefined));
    const stopping = loop.stop();
    await clock.advanceAsync(1_000);
    expect(await stopping).toBe(false);
    expect(sink.warn).toHaveBeenCalled();
    expect(clock.pending).toBe(0);
  });
});
