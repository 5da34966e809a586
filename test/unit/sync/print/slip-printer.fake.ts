import { StationError } from '../../../../app/domain/errors';
import type { DeviceHealth, PrinterStatus } from '../../../../app/domain';
import type { Listener, SlipPrinter, Unsubscribe } from '../../../../app/ports';

/** A slip printer that records the bytes it got; status null (cannot tell) unless set. */
export class FakeSlipPrinter implements SlipPrinter {
  statusValue: PrinterStatus | null = null;
  failNext: 'reset' | null = null;
  readonly received: Uint8Array[] = [];

  start(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
  health(): DeviceHealth {
    return { state: 'connected', since: 0 };
  }
  onHealth(_listener: Listener<DeviceHealth>): Unsubscribe {
    return () => undefined;
  }
  status(): Promise<PrinterStatus | null> {
    return Promise.resolve(this.statusValue);
  }
  print(bytes: Uint8Array): Promise<void> {
    if (this.failNext === 'reset') {
      this.failNext = null;
      this.received.push(bytes);
      return Promise.reject(new StationError('NETWORK', 'reset', { detail: { errno: 'ECONNRESET' } }));
    }
    this.received.push(bytes);
    return Promise.resolve();
  }
}
