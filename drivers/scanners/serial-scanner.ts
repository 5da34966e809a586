import type { Clock, Listener, Scanner, Unsubscribe } from '../../app/ports';
import { ScannerConfigSchema, type DeviceHealth, type ScannerConfig } from '../../app/domain';
import { openByteLink, type OpenByteLink } from '../serial/byte-link';
import type { BackoffOptions } from '../serial/backoff';
import { DeviceConnection } from '../serial/device-connection';
import { ListenerSet } from '../serial/listener-set';
import { ScanSplitter } from './scan-splitter';

export interface SerialScannerDeps {
  clock: Clock;
  open?: OpenByteLink;
  backoff?: BackoffOptions;
  /** Throwing listeners and the like: for the log, never thrown. */
  onError?: (error: unknown) => void;
}

/**
 * A barcode scanner in serial mode (RS-232, USB-CDC, or behind a device server). A scanner is quiet until
 * something is scanned, so it is never 'silent'; it is connected or reconnecting.
 */
export class SerialScanner implements Scanner {
  private readonly config: ScannerConfig;
  private readonly connection: DeviceConnection;
  private readonly scans: ListenerSet<string>;
  private readonly splitter: ScanSplitter;
  private readonly onError: (error: unknown) => void;

  constructor(config: ScannerConfig, deps: SerialScannerDeps) {
    this.config = ScannerConfigSchema.parse(config);
    this.onError = deps.onError ?? (() => {});
    this.scans = new ListenerSet(this.onError);
    this.splitter = new ScanSplitter({ terminator: this.config.terminator, prefix: this.config.prefix });
    this.connection = new DeviceConnection({
      link: this.config,
      clock: deps.clock,
      open: deps.open ?? openByteLink,
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
      onError: this.onError,
    });
    // Half a scan before a reconnect must not glue onto the first scan after it.
    this.connection.onConnected(() => this.splitter.reset());
    this.connection.onData((chunk) => this.receive(chunk));
  }

  start(): Promise<void> {
    return this.connection.start();
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }

  onScan(listener: Listener<string>): Unsubscribe {
    return this.scans.add(listener);
  }

  health(): DeviceHealth {
    return this.connection.health();
  }

  onHealth(listener: Listener<DeviceHealth>): Unsubscribe {
    return this.connection.onHealth(listener);
  }

  private receive(chunk: Buffer): void {
    try {
      for (const code of this.splitter.push(chunk)) {
        this.connection.markAlive(undefined);
        this.scans.emit(code);
      }
    } catch (error) {
      this.onError(error);
    }
  }
}
