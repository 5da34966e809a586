/**
 * An ESC/POS packing-slip printer on raw TCP. Jobs go out through node-thermal-printer's TCP interface; status is
 * asked with DLE EOT 1–4 on a separate short connection. Printers that do not answer DLE EOT (some clones, or a
 * port behind a print server) leave status() null: "cannot tell", never a made-up "ready".
 */
import { z } from 'zod';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { StationError, errorMessage } from '../../app/domain';
import type { DeviceHealth, PrinterStatus } from '../../app/domain';
import type { Clock, Listener, LogSink, SlipPrinter, Unsubscribe } from '../../app/ports';
import { silentLogSink } from '../../app/ports';
import { collectDleEot, escPosToPrinterStatus, DLE_EOT_REQUEST } from './escpos-status';
import { PrinterDriverCore } from './printer-driver-core';
import { healthFromStatus } from './printer-health-text';
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
  private readonly log: LogSink;
  /** One exchange at a time: an ESC/POS network port serves one client. */
  private readonly core: PrinterDriverCore;

  constructor(opts: EscPosSlipPrinterOptions, deps: { clock: Clock; log?: LogSink }) {
    this.options = OptionsSchema.parse(opts);
    const target = parseTcpUrl(this.options.url);
    this.log = deps.log ?? silentLogSink;
    this.thermal = new ThermalPrinter({
      type: PrinterTypes.EPSON,
      interface: `tcp://${target.host}:${target.port}`,
      width: this.options.width,
      options: { timeout: this.options.printTimeoutMs },
    });
    this.statusLine = new RawTcpTransport(target, { connectTimeoutMs: this.options.connectTimeoutMs }, deps.clock);
    this.core = new PrinterDriverCore(deps.clock, { name: () => `Slip printer at ${this.options.url}`, unreachable: ['NETWORK'] });
  }

  async start(): Promise<void> {
    this.core.start();
    await this.status().catch(() => undefined);
  }

  stop(): Promise<void> {
    return this.core.stop(() => this.statusLine.close());
  }

  health(): DeviceHealth {
    return this.core.health();
  }

  onHealth(listener: Listener<DeviceHealth>): Unsubscribe {
    return this.core.onHealth(listener);
  }

  print(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return Promise.reject(new StationError('REJECTED', 'Not a printable slip: no bytes'));
    const job = Buffer.from(bytes);
    return this.core.exclusive(async () => {
      await this.core.guard(async () => {
        try {
          await this.thermal.raw(job);
        } catch (e) {
          throw new StationError('NETWORK', `Slip printer at ${this.options.url} did not take the slip: ${errorMessage(e)}`, { cause: e });
        }
      });
      if (this.core.health().state !== 'fault') this.core.setHealth('connected', 'Slip sent');
    });
  }

  status(): Promise<PrinterStatus | null> {
    return this.core.exclusive(async () => {
      let buffered = Buffer.alloc(0);
      const reply = await this.core.guard(() =>
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
        this.core.setHealth('connected', NO_STATUS);
        return null;
      }
      if (isFrameError(reply.value)) {
        this.log.warn({ reason: reply.value.reason, raw: reply.value.raw }, 'slip printer answered DLE EOT with something else');
        this.core.setHealth('connected', NO_STATUS);
        return null;
      }
      const { status, otherErrors } = escPosToPrinterStatus(reply.value);
      const health = healthFromStatus(status);
      const detail = [status.faults.length > 0 || otherErrors.length === 0 ? health.detail : '', ...otherErrors].filter((d) => d !== '');
      this.core.setHealth(status.ready ? 'connected' : 'fault', detail.join('; ') || 'Slip printer offline: check it');
      return status;
    });
  }
}
