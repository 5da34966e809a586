import { ScaleConfigSchema, type ScaleConfig } from '../../app/domain';
import { StationError } from '../../app/domain/errors';
import type { BackoffOptions } from '../serial/backoff';
import { DeviceConnection } from '../serial/device-connection';
import { ConnectedScale, type ConnectedScaleDeps } from './connected-scale';
import { nodeHidBackend, openHidLink, parseHidPath, type HidBackend } from './hid-device';
import { parseHidScaleReport } from './hid-pos-report';
import type { ScaleConfigInput } from './serial-scale';

export interface HidScaleDeps extends ConnectedScaleDeps {
  /** node-hid by default; unit tests inject a fake (this machine has no /dev/uhid to fake a real kernel device). */
  backend?: HidBackend;
  backoff?: BackoffOptions;
}

/**
 * A USB-HID POS scale (Dymo M-series, Mettler Toledo PS-series, Stamps.com...) at `hid://<vid>:<pid>[/<serial>]`.
 * The scale sends a data report by itself several times a second, so there is nothing to poll: reports become
 * readings, a scale that stops reporting shows as silent, and an unplugged one is looked up again by its ids
 * with backoff until it is back. The transport is tested only with a fake backend: exercising node-hid against a
 * real kernel HID device needs /dev/uhid, which CI machines here do not have.
 */
export class HidScale extends ConnectedScale {
  private readonly config: ScaleConfig;
  protected readonly connection: DeviceConnection;

  constructor(config: ScaleConfigInput, deps: HidScaleDeps) {
    const parsed = ScaleConfigSchema.parse(config);
    super(deps, parsed.maxG);
    this.config = parsed;
    // Fail at start-up on a malformed address rather than on every reconnect attempt.
    parseHidPath(this.config.path);
    this.connection = new DeviceConnection({
      link: this.config,
      clock: deps.clock,
      open: openHidLink(deps.backend ?? nodeHidBackend),
      staleMs: this.config.staleMs,
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
      onError: this.onError,
    });
    this.connection.onDisconnected(() => {
      this.last = null;
    });
    this.connection.onData((report) => this.receive(report));
  }

  get reportsStability(): boolean {
    return true;
  }

  /** HID POS scales zero and tare from their own buttons; none of the common models accepts it over USB. */
  command(action: 'zero' | 'tare'): Promise<void> {
    return Promise.reject(new StationError('CONFIG', `this scale protocol (usb-hid) has no ${action} command`));
  }

  private receive(report: Buffer): void {
    const frame = parseHidScaleReport(report);
    switch (frame.kind) {
      case 'weight':
        this.weigh(frame, report);
        return;
      case 'status':
        this.connection.markAlive(frame.fault ?? (frame.overCapacity ? 'over capacity' : 'under zero'));
        this.unsettled();
        return;
      case 'reply':
        return;
      case 'error':
        this.onError(frame);
        return;
    }
  }
}
