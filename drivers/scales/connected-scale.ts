import type { Clock, Listener, Scale, Unsubscribe } from '../../app/ports';
import type { DeviceHealth, ScaleReading } from '../../app/domain';
import type { DeviceConnection } from '../serial/device-connection';
import { deviceErrors, type DeviceErrorDeps } from '../serial/device-error-log';
import { ListenerSet } from '../../app/events/listener-set';
import { FrameError } from './frame-error';
import type { WeightFrame } from './scale-protocol';

/** `log` gets frame errors, failed writes and throwing listeners, at most one line per window (DeviceErrorLog). */
export type ConnectedScaleDeps = DeviceErrorDeps;

/**
 * What every scale behind a DeviceConnection does the same way, whatever the transport (serial bytes, HID
 * reports): lifecycle and health come from the connection, readings go to listeners and are kept as the last one
 * until the scale stops or the link drops, so no weight outlives the device that read it. Every weight of every
 * protocol passes `weigh`, so the plausibility bound lives here once.
 */
export abstract class ConnectedScale implements Scale {
  protected abstract readonly connection: DeviceConnection;
  protected readonly onError: (error: unknown) => void;
  protected readonly clock: Clock;
  protected last: ScaleReading | null = null;
  private readonly readings: ListenerSet<ScaleReading>;
  private readonly errors: ReturnType<typeof deviceErrors>;

  protected constructor(
    deps: ConnectedScaleDeps,
    /** |grams| beyond this is a broken frame (`scale.maxG`). */
    private readonly maxG: number,
  ) {
    this.clock = deps.clock;
    this.errors = deviceErrors(deps);
    this.onError = this.errors.report;
    this.readings = new ListenerSet(this.onError);
  }

  abstract readonly reportsStability: boolean;
  abstract command(action: 'zero' | 'tare'): Promise<void>;

  start(): Promise<void> {
    return this.connection.start();
  }

  async stop(): Promise<void> {
    await this.connection.stop();
    this.errors.stop();
    this.last = null;
  }

  onReading(listener: Listener<ScaleReading>): Unsubscribe {
    return this.readings.add(listener);
  }

  lastReading(): ScaleReading | null {
    return this.last;
  }

  health(): DeviceHealth {
    return this.connection.health();
  }

  onHealth(listener: Listener<DeviceHealth>): Unsubscribe {
    return this.connection.onHealth(listener);
  }

  /** A weight frame becomes a reading, unless no bench scale could show it: then it is noise, and noise is no sign of life. */
  protected weigh(frame: WeightFrame, raw: Buffer): void {
    if (!(Math.abs(frame.grams) <= this.maxG)) {
      this.onError(FrameError.of('RANGE', `${frame.grams} g is beyond the plausible ±${this.maxG} g (scale.maxG): not a reading`, raw));
      return;
    }
    this.connection.markAlive(undefined);
    const reading: ScaleReading = { grams: frame.grams, stable: frame.stable, at: this.clock.now() };
    if (frame.resolutionG !== undefined && frame.resolutionG > 0) reading.resolutionG = frame.resolutionG;
    this.emit(reading);
  }

  /** No valid weight now (motion, overload…): the last value repeats as unstable, so no stable weight outlives it. */
  protected unsettled(): void {
    this.emit({ grams: this.last?.grams ?? 0, stable: false, at: this.clock.now() });
  }

  private emit(reading: ScaleReading): void {
    this.last = reading;
    this.readings.emit(reading);
  }
}
