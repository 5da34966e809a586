import type { Listener, Scale, Unsubscribe } from '../../app/ports';
import type { DeviceHealth, DeviceState, ScaleReading } from '../../app/domain';

/** The first value `subscribe` delivers that `match` accepts; bounded, so a device that never gets there fails. */
export function firstEmitted<T>(
  subscribe: (listener: Listener<T>) => Unsubscribe,
  match: (value: T) => boolean,
  timeoutMs: number,
  failure: () => string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(failure()));
    }, timeoutMs);
    const off = subscribe((value) => {
      if (!match(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

/** The next reading `match` accepts (earlier ones, lastReading() included, do not count). */
export function scaleReading(scale: Scale, match: (r: ScaleReading) => boolean, timeoutMs = 3000): Promise<ScaleReading> {
  return firstEmitted(
    (listener) => scale.onReading(listener),
    match,
    timeoutMs,
    () => `no matching reading within ${timeoutMs} ms; last: ${JSON.stringify(scale.lastReading())}; health: ${JSON.stringify(scale.health())}`,
  );
}

/** The scale's health once `match` accepts it, now or later. */
export function scaleHealthWhere(scale: Scale, match: (h: DeviceHealth) => boolean, what: string, timeoutMs = 5000): Promise<DeviceHealth> {
  if (match(scale.health())) return Promise.resolve(scale.health());
  return firstEmitted(
    (listener) => scale.onHealth(listener),
    match,
    timeoutMs,
    () => `scale not ${what} within ${timeoutMs} ms: ${JSON.stringify(scale.health())}`,
  );
}

export async function scaleHealth(scale: Scale, state: DeviceState, timeoutMs = 5000): Promise<void> {
  await scaleHealthWhere(scale, (h) => h.state === state, state, timeoutMs);
}
