/**
 * What every printer driver does the same way around its protocol: one exchange at a time (a printer's network port
 * serves one client, a serial line has one reply stream), the health the operator sees, and a failure to reach the
 * printer turned into `disconnected` health rather than left to each caller.
 */
import { StationError, isStationError } from '../../app/domain';
import type { DeviceHealth, DeviceState, StationErrorCode } from '../../app/domain';
import type { Clock, Listener, Unsubscribe } from '../../app/ports';
import { ListenerSet } from '../../app/events/listener-set';
import { faultText } from './printer-health-text';

export interface PrinterDriverCoreOptions {
  /** How the driver names its printer in errors, e.g. `Printer at tcp://…`. */
  name: () => string;
  /** Error codes that mean "the printer cannot be reached" (and so health `disconnected`). */
  unreachable: readonly StationErrorCode[];
}

export class PrinterDriverCore {
  private current: DeviceHealth;
  /** A broken listener must not fail a print: ListenerSet isolates and swallows its errors. */
  private readonly listeners = new ListenerSet<DeviceHealth>();
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly options: PrinterDriverCoreOptions,
  ) {
    this.current = { state: 'connecting', since: clock.now() };
  }

  start(): void {
    this.stopped = false;
  }

  /** Refuses new exchanges, closes the connection, then waits for the exchange in flight to finish. */
  async stop(close: () => Promise<void>): Promise<void> {
    this.stopped = true;
    await close();
    await this.queue;
  }

  health(): DeviceHealth {
    return this.current;
  }

  onHealth(listener: Listener<DeviceHealth>): Unsubscribe {
    return this.listeners.add(listener);
  }

  /** Runs `op` after every exchange queued before it, whether those succeeded or not. */
  exclusive<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Runs `op` and turns a failure to reach the printer into the `disconnected` health the operator sees. */
  async guard<T>(op: () => Promise<T>): Promise<T> {
    if (this.stopped) throw new StationError('NETWORK', `${this.options.name()}: driver stopped`);
    try {
      return await op();
    } catch (e) {
      if (isStationError(e) && this.options.unreachable.includes(e.code) && !this.stopped) {
        this.setHealth('disconnected', `${faultText('unreachable')} (${e.message})`);
      }
      throw e;
    }
  }

  setHealth(state: DeviceState, detail: string): void {
    if (this.current.state === state && this.current.detail === detail) return;
    this.current = { state, detail, since: state === this.current.state ? this.current.since : this.clock.now() };
    this.listeners.emit(this.current);
  }
}
