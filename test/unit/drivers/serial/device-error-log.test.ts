import { describe, expect, it, vi } from 'vitest';
import { DEVICE_ERROR_WINDOW_MS, DeviceErrorLog, deviceErrors } from '../../../../drivers/serial/device-error-log';
import { FrameError } from '../../../../drivers/scales/frame-error';
import { FakeClock } from '../../../support/fake-clock';

const sink = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });
const noise = (n: number) => FrameError.of('MALFORMED', 'not an MT-SICS response', Buffer.from(`\xff${n}\r\n`, 'latin1'));

describe('DeviceErrorLog', () => {
  it('logs the first error at once, then one line per window with the count it held back', () => {
    const clock = new FakeClock();
    const log = sink();
    const errors = new DeviceErrorLog({ clock, log, windowMs: 1000 });
    for (let i = 0; i < 50; i += 1) errors.report(noise(i));
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenLastCalledWith({ code: 'MALFORMED', frame: '\\xff0\\x0d\\x0a' }, 'not an MT-SICS response');

    clock.advance(1000);
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(log.warn).toHaveBeenLastCalledWith(
      { code: 'MALFORMED', frame: '\\xff49\\x0d\\x0a', suppressed: 49, windowMs: 1000 },
      '49 more device errors in 1 s, the last: not an MT-SICS response',
    );

    // A flood that goes on for 10 windows writes one line per window, never one per frame.
    for (let t = 0; t < 10; t += 1) {
      for (let i = 0; i < 20; i += 1) errors.report(noise(i));
      clock.advance(1000);
    }
    expect(log.warn).toHaveBeenCalledTimes(12);
    expect(log.warn.mock.calls.slice(2).map(([fields]) => (fields as { suppressed: number }).suppressed)).toEqual(Array(10).fill(20));

    // Quiet for a whole window: the next error is news again, logged at once.
    clock.advance(1000);
    errors.report(noise(0));
    expect(log.warn).toHaveBeenCalledTimes(13);
    expect(log.warn.mock.lastCall?.[0]).not.toHaveProperty('suppressed');
    errors.stop();
    expect(clock.pending).toBe(0);
  });

  it('stop() reports what the open window held back, and leaves no timer', () => {
    const clock = new FakeClock();
    const log = sink();
    const errors = new DeviceErrorLog({ clock, log });
    errors.report(new Error('write EIO'));
    errors.report(new Error('write EIO'));
    errors.stop();
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(log.warn).toHaveBeenLastCalledWith({ suppressed: 1, windowMs: DEVICE_ERROR_WINDOW_MS }, '1 more device error in 10 s, the last: write EIO');
    expect(clock.pending).toBe(0);
  });

  it('deviceErrors hands every error to onError and only the rate-limited lines to the log', () => {
    const clock = new FakeClock();
    const log = sink();
    const seen: unknown[] = [];
    const errors = deviceErrors({ clock, log, onError: (e) => seen.push(e) });
    for (let i = 0; i < 5; i += 1) errors.report(noise(i));
    expect(seen).toHaveLength(5);
    expect(log.warn).toHaveBeenCalledTimes(1);
    errors.stop();
    expect(log.warn).toHaveBeenCalledTimes(2);
    // Without a log nothing is timed: no timer to clean up.
    deviceErrors({ clock }).report(noise(0));
    expect(clock.pending).toBe(0);
  });
});
