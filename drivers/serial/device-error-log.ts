import type { Clock, LogSink } from '../../app/ports';

export interface DeviceErrorLogOptions {
  clock: Clock;
  log: LogSink;
  /** At most one line per window; errors inside it are counted and reported once it ends. */
  windowMs?: number;
}

/** 10 s: a scale polled every 200 ms on the wrong baud rate would otherwise write five lines a second, forever. */
export const DEVICE_ERROR_WINDOW_MS = 10_000;

/**
 * Where a device's errors (frames that are not the protocol, failed writes, throwing listeners) go: the log, so a
 * scale on the wrong baud rate or protocol shows why it never gives a weight, yet a flood of noise stays one line per
 * window per device with the count of what it held back.
 */
export class DeviceErrorLog {
  private readonly windowMs: number;
  private timer: unknown = null;
  private suppressed = 0;
  private lastSuppressed: unknown = null;

  constructor(private readonly options: DeviceErrorLogOptions) {
    this.windowMs = options.windowMs ?? DEVICE_ERROR_WINDOW_MS;
  }

  readonly report = (error: unknown): void => {
    if (this.timer !== null) {
      this.suppressed += 1;
      this.lastSuppressed = error;
      return;
    }
    this.options.log.warn(describe(error), messageOf(error));
    this.openWindow();
  };

  /** Says what the window held back, so a stop does not swallow the count. */
  stop(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.flush();
  }

  private openWindow(): void {
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      // A flood keeps one line per window; a burst that ended closes its window with the count.
      if (this.flush()) this.openWindow();
    }, this.windowMs);
  }

  private flush(): boolean {
    if (this.suppressed === 0) return false;
    const count = this.suppressed;
    this.options.log.warn(
      { ...describe(this.lastSuppressed), suppressed: count, windowMs: this.windowMs },
      `${count} more device error${count === 1 ? '' : 's'} in ${this.windowMs / 1000} s, the last: ${messageOf(this.lastSuppressed)}`,
    );
    this.suppressed = 0;
    this.lastSuppressed = null;
    return true;
  }
}

/** The fields a log reader needs: the stable code and, for a frame, the offending bytes (escaped). */
function describe(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return {};
  const out: Record<string, unknown> = {};
  if ('code' in error && typeof error.code === 'string') out.code = error.code;
  if ('frame' in error && typeof error.frame === 'string') out.frame = error.frame;
  return out;
}

/** Scale FrameErrors are values, not Error instances: their message is read the same way. */
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

export interface DeviceErrorDeps {
  clock: Clock;
  /** Where errors are logged, at most once per window. */
  log?: LogSink;
  /** Every error, one by one, for callers that handle them themselves (tests). */
  onError?: (error: unknown) => void;
}

/** A device's one error path: each error to `onError`, and to the log rate-limited; `stop` flushes the count. */
export function deviceErrors(deps: DeviceErrorDeps): { report: (error: unknown) => void; stop: () => void } {
  const log = deps.log ? new DeviceErrorLog({ clock: deps.clock, log: deps.log }) : null;
  return {
    report: (error) => {
      deps.onError?.(error);
      log?.report(error);
    },
    stop: () => log?.stop(),
  };
}
