import type { Clock, Listener, Scanner, Unsubscribe } from '../../app/ports';
import { ScannerConfigSchema, StationError, type DeviceHealth, type ScannerConfig } from '../../app/domain';
import { openByteLink, type OpenByteLink } from '../serial/byte-link';
import type { BackoffOptions } from '../serial/backoff';
import { DeviceConnection } from '../serial/device-connection';
import { deviceErrors, type DeviceErrorDeps } from '../serial/device-error-log';
import { ListenerSet } from '../../app/events/listener-set';
import { ScanSplitter } from './scan-splitter';

/** `log` gets link failures and throwing listeners, at most one line per window: never thrown. */
export interface SerialScannerDeps extends DeviceErrorDeps {
  open?: OpenByteLink;
  backoff?: BackoffOptions;
}

/**
 * A barcode scanner in serial mode (RS-232, USB-CDC, or behind a device server). A scanner is quiet until
 * something is scanned, so it is never 'silent'; it is connected or reconnecting.
 *
 * With `interCharTimeoutMs` > 0, a scan also ends when its bytes stop arriving for that long: scanners set up with
 * no suffix send nothing after the code, and a fixed gap is the only way to tell where it ends.
 */
export class SerialScanner implements Scanner {
  private readonly config: ScannerConfig;
  private readonly connection: DeviceConnection;
  private readonly scans: ListenerSet<string>;
  private readonly splitter: ScanSplitter;
  private readonly errors: ReturnType<typeof deviceErrors>;
  private readonly onError: (error: unknown) => void;
  private readonly clock: Clock;
  private idleTimer: unknown = null;

  constructor(config: ScannerConfig, deps: SerialScannerDeps) {
    this.config = ScannerConfigSchema.parse(config);
    this.errors = deviceErrors(deps);
    this.onError = this.errors.report;
    this.clock = deps.clock;
    this.scans = new ListenerSet(this.onError);
    this.splitter = new ScanSplitter({
      terminator: this.config.terminator,
      prefix: this.config.prefix,
      suffix: this.config.suffix,
      onNoise: (reason) => this.onError(new StationError('INVALID_REPLY', `scanner: ${reason}`)),
    });
    this.connection = new DeviceConnection({
      link: this.config,
      clock: deps.clock,
      open: deps.open ?? openByteLink,
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
      onError: this.onError,
    });
    // Half a scan before a reconnect must not glue onto the first scan after it.
    const forgetHalfScan = (): void => {
      this.clearIdleTimer();
      this.splitter.reset();
    };
    this.connection.onConnected(forgetHalfScan);
    // Bytes cut off by an unplug are not a scan, even once the inter-character timeout has passed.
    this.connection.onDisconnected(forgetHalfScan);
    this.connection.onData((chunk) => this.receive(chunk));
  }

  start(): Promise<void> {
    return this.connection.start();
  }

  async stop(): Promise<void> {
    this.clearIdleTimer();
    await this.connection.stop();
    this.errors.stop();
    // A half scan cut off by stop() is not a scan, and must not surface after a restart.
    this.splitter.reset();
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
    this.clearIdleTimer();
    try {
      for (const code of this.splitter.push(chunk)) this.emit(code);
    } catch (error) {
      this.onError(error);
    }
    const timeoutMs = this.config.interCharTimeoutMs;
    if (timeoutMs > 0 && this.splitter.pending > 0) {
      this.idleTimer = this.clock.setTimeout(() => this.endByTimeout(), timeoutMs);
    }
  }

  private endByTimeout(): void {
    this.idleTimer = null;
    const code = this.splitter.flush();
    if (code) this.emit(code);
  }

  private emit(code: string): void {
    this.connection.markAlive(undefined);
    this.scans.emit(code);
  }

  private clearIdleTimer(): void {
    if (this.idleTimer === null) return;
    this.clock.clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
