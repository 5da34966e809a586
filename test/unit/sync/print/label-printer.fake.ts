import { StationError } from '../../../../app/domain/errors';
import type { DeviceHealth, Dpi, PrinterStatus } from '../../../../app/domain';
import type { LabelPrinter, Listener, Unsubscribe } from '../../../../app/ports';

export type Outcome = 'ok' | 'refused' | 'reset' | 'reset-printed';

/**
 * A scripted LabelPrinter for unit tests: it has a label counter and a fault, and each print() can be told how to end.
 * `printed` is what really came out of it, so a test can assert "no duplicate".
 */
export class FakeLabelPrinter implements LabelPrinter {
  fault: PrinterStatus['faults'][number] | null = null;
  reachable = true;
  counts = true;
  waiting = 0;
  count = 100;
  readonly printed: string[] = [];
  readonly sends: string[] = [];
  /** Runs right after the bytes arrive (e.g. to open the head as the label comes out). */
  afterBytes: (() => void) | null = null;
  private readonly outcomes: Outcome[] = [];

  /** Scripts the next print() calls, in order; after the script runs out every print succeeds. */
  next(...outcomes: Outcome[]): void {
    this.outcomes.push(...outcomes);
  }

  start(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
  dpi(): Dpi {
    return 203;
  }
  health(): DeviceHealth {
    return { state: 'connected', since: 0 };
  }
  onHealth(_listener: Listener<DeviceHealth>): Unsubscribe {
    return () => undefined;
  }

  status(): Promise<PrinterStatus> {
    if (!this.reachable) return Promise.reject(new StationError('NETWORK', 'unreachable', { detail: { errno: 'ECONNREFUSED' } }));
    if (this.fault) return Promise.resolve({ ready: false, faults: [this.fault], labelsWaiting: this.waiting });
    return Promise.resolve({ ready: true, faults: [], labelsWaiting: this.waiting });
  }

  labelCount(): Promise<number | null> {
    if (!this.reachable) return Promise.reject(new StationError('NETWORK', 'unreachable'));
    return Promise.resolve(this.counts ? this.count : null);
  }

  print(zpl: string): Promise<void> {
    const outcome = this.outcomes.shift() ?? 'ok';
    if (outcome === 'refused' || !this.reachable) {
      return Promise.reject(new StationError('NETWORK', 'could not be reached', { detail: { errno: 'ECONNREFUSED' } }));
    }
    this.sends.push(zpl);
    if (outcome === 'ok' || outcome === 'reset-printed') {
      this.printed.push(zpl);
      this.count += 1;
    }
    this.afterBytes?.();
    if (outcome === 'ok') return Promise.resolve();
    return Promise.reject(new StationError('NETWORK', 'connection reset', { detail: { errno: 'ECONNRESET' } }));
  }
}

