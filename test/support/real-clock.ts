import type { Clock } from '../../app/ports';

/**
 * Wall-clock time for integration tests over real PTYs, sockets and processes, where fake time cannot drive the
 * other side. Unlike the station's systemClock its timers are not unref'd, so nothing a test waits on is dropped.
 */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
