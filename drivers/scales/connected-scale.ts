import type { Listener, Scale, Unsubscribe } from '../../app/ports';
import type { DeviceHealth, ScaleReading } from '../../app/domain';
import type { DeviceConnection } from '../serial/device-connection';
import { ListenerSet } from '../serial/listener-set';

/**
 * What every scale behind a DeviceConnection does the same way, whatever the transport (serial bytes, HID
 * reports): lifecycle and health come from the connection, readings go to listeners and are kept as the last one
 * until the scale stops or the link drops, so no weight outlives the device that read it.
 */
export abstract class ConnectedScale implements Scale {
  protected abstract readonly connection: DeviceConnection;
  protected readonly onError: (error: unknown) => void;
  protected last: ScaleReading | null = null;
  private readonly readings: ListenerSet<ScaleReading>;

  protected constructor(onError: ((error: unknown) => void) | undefined) {
    this.onError = onError ?? (() => {});
    this.readings = new ListenerSet(this.onError);
  }

  abstract readonly reportsStability: boolean;
  abstract command(action: 'zero' | 'tare'): Promise<void>;

  start(): Promise<void> {
    return this.connection.start();
  }

  async stop(): Promise<void> {
    await this.connection.stop();
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

  protected emit(reading: ScaleReading): void {
    this.last = reading;
    this.readings.emit(reading);
  }
}
