/**
 * An ESC/POS packing-slip printer on raw TCP. Jobs go out through node-thermal-printer's TCP interface; status is
 * asked with DLE EOT 1–4 on a separate short connection. Printers that do not answer DLE EOT (some clones, or a
 * port behind a print server) leave status() null: "cannot tell", never a made-up "ready".
 */
import { z } from 'zod';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { StationError, errorMessage, isStationError } from '../../app/domain';
import type { DeviceHealth, DeviceState, PrinterStatus } from '../../app/domain';
import type { Clock, Listener, LogSink, SlipPrinter, Unsubscribe } from '../../app/ports';
import { silentLogSink } from '../../app/ports';
import { collectDleEot, escPosToPrinterStatus, DLE_EOT_REQUEST } from './escpos-status';
import { faultText, healthFromStatus } from './printer-health-text';
import { RawTcpTransport, parseTcpUrl } from './raw-tcp.transport';
import { isFrameError } from './zebra-host-status';

export { renderSlip } from './escpos-slip.render';

export interface EscPosSlipPrinterOptions {
  /** `tcp://host:port`, usually port 9100. */
  url: string;
  /** Characters per line (48 on 80 mm paper); used by callers that render for this printer. */
  width?: number;
  statusTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Socket idle timeout while sending a slip. */
  printTimeoutMs?: number;
}

const OptionsSchema = z.object({
  url: z.string(),
  width: z.number().int().positive().default(48),
  statusTimeoutMs: z.number().int().positive().default(1000),
  connectTimeoutMs: z.number().int().positive().default(3000),
  printTimeoutMs: z.number().int().positive().default(10_000),
});

const NO_STATUS = 'Slip printer reachable; it does not report paper or cover status';

export class EscPosSlipPrinter implements SlipPrinter {
  private readonly options: z.infer<typeof OptionsSchema>;
  private readonly thermal: ThermalPrinter;
  private readonly statusLine: RawTcpTransport;
  private readonly clock: Clock;
  private readonly log: LogSink;
  private current: DeviceHealth;
  private readonly listeners = new Set<Listener<DeviceHealth>>();
  /** One exchange at a time: an ESC/POS network port serves one client. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(opts: EscPosSlipPrinterOptions, deps: { clock: Clock; log?: LogSink }) {
    this.options = OptionsSchema.parse(opts);
    const target = parseTcpUrl(this.options.url);
    this.clock = deps.clock;
    this.log = deps.log ?? silentLogSink;
    this.thermal = new ThermalPrinter({
      type: PrinterTypes.EPSON,
      interface: `tcp://${target.host}:${target.port}`,
      width: this.options.width,
      options: { timeout: this.options.printTimeoutMs },
    });
    this.statusLine = new RawTcpTransport(target, { connectTimeoutMs: this.options.connectTimeoutMs }, deps.clock);
    this.current = { state: 'connecting', since: deps.clock.now() };
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.status().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.statusLine.close();
    await this.queue;
  }

  health(): DeviceHealth {
    return this.current;
  }

  onHealth(listener: Listener<DeviceHealth>): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  print(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return Promise.reject(new StationError('REJECTED', 'Not a printable slip: no bytes'));
    const job = Buffer.from(bytes);
    return this.exclusive(async () => {
      await this.guard(async () => {
        try {
          await this.thermal.raw(job);
        } catch (e) {
          throw new StationError('NETWORK', `Slip printer at ${this.options.url} did not take the slip: ${errorMessage(e)}`, { cause: e });
        }
      });
      if (this.current.state !== 'fault') this.setHealth('connected', 'Slip sent');
    });
  }

  status(): Promise<PrinterStatus | null> {
    return this.exclusive(async () => {
      let buffered = Buffer.alloc(0);
      const reply = await this.guard(() =>
        this.statusLine.query(
          DLE_EOT_REQUEST,
          (chunk) => {
            buffered = Buffer.concat([buffered, chunk]);
            return collectDleEot(buffered);
          },
          this.options.statusTimeoutMs,
        ),
      );
      if (reply.kind !== 'answer') {
        this.setHealth('connected', NO_STATUS);
        return null;
      }
      if (isFrameError(reply.value)) {
        this.log.warn({ reason: reply.value.reason, raw: reply.value.raw }, 'slip printer answered DLE EOT with something else');
        this.setHealth('connected', NO_STATUS);
        return null;
      }
      const { status, otherErrors } = escPosToPrinterStatus(reply.value);
      const health = healthFromStatus(status);
      const detail = [status.faults.length > 0 || otherErrors.length === 0 ? health.detail : '', ...otherErrors].filter((d) => d !== '');
      this.setHealth(status.ready ? 'connected' : 'fault', detail.join('; ') || 'Slip printer offline: check it');
      return status;
    });
  }

  private async guard<T>(op: () => Promise<T>): Promise<T> {
    if (this.stopped) throw new StationError('NETWORK', `Slip printer at ${this.options.url}: driver stopped`);
    try {
      return await op();
    } catch (e) {
      if (isStationError(e) && e.code === 'NETWORK' && !this.stopped) {
        this.setHealth('disconnected', `${faultText('unreachable')} (${e.message})`);
      }
      throw e;
    }
  }

  private exclusive<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private setHealth(state: DeviceState, detail: string): void {
    if (this.current.state === state && this.current.detail === detail) return;
    this.current = { state, detail, since: state === this.current.state ? this.current.since : this.clock.now() };
    for (const listener of this.listeners) {
      try {
        listener(this.current);
      } catch {
        // A broken listener must not fail a print.
      }
    }
  }
}
