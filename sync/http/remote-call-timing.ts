import { isStationError } from '../../app/domain/errors';
import type { RemoteCallObserver, RemoteName, RequestLimiter } from '../../app/ports';
import { isPackerRequest } from './request-lane';

/**
 * Runs one request to a remote and tells `observer` how long it took and how it ended. Timed with the monotonic
 * `performance.now()` rather than the injected Clock: a latency is a measurement of this process, not a business
 * time, and a fake clock in tests would make every call take 0 ms. An observer that throws never fails the call.
 */
export async function timedCall<T>(
  observer: RemoteCallObserver | undefined,
  remote: RemoteName,
  method: string,
  run: () => Promise<T>,
  limiter?: RequestLimiter,
): Promise<T> {
  // Waiting for the rate limit is the station's own pacing, not the remote's latency: it is not timed.
  await limiter?.take(isPackerRequest());
  if (observer === undefined) return run();
  const started = performance.now();
  const report = (outcome: Parameters<RemoteCallObserver>[3]) => {
    try {
      observer(remote, method, performance.now() - started, outcome);
    } catch {
      // Metrics and logs are best effort; the caller's result or error is what matters.
    }
  };
  try {
    const result = await run();
    report('ok');
    return result;
  } catch (error) {
    report(isStationError(error) ? error.code : 'UNKNOWN');
    throw error;
  }
}
