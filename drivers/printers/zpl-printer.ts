/**
 * A Zebra (or ZPL-compatible) label printer over any PrinterTransport. Status comes from the printer itself, never a
 * spooler: spoolers report "ready" for a printer with its head open.
 *
 * - status(): `~HS`; a Zebra stays silent to it while paper/ribbon is out or the head is open, so silence is followed
 *   by `~HQES`, which it still answers and which names the fault. Silent to both → `no_answer`.
 * - labelCount(): SGD `odometer.total_label_count`; null when the printer does not keep one (`"?"` or silence).
 *   Many ZPL emulations answer `~HS` but never SGD: a silence while the printer answers status, from a printer that
 *   has not answered SGD since we last reached it, marks it "no SGD" until contact is lost (unreachable, or silent to
 *   everything), so a label never waits for a question the printer never answers. start() asks once in the
 *   background, so even the first label does not pay the timeout.
 *   `~HQOD` is a print length, not a count: it is offered separately by printMeters(), never as a count.
 * - dpi(): the configured dpi until start() asked `~HI`; then the printer's own head resolution. The printer is the
 *   truth: carrier labels made for the wrong dpi print too small or cut off, whatever the config says.
 * - Over a connection that cannot carry replies (a write-only device file) the state is unknown: status() reports
 *   ready (there is nothing to wait for), health says so, and labelCount() is null so an interrupted job goes to the
 *   operator instead of being guessed.
 */
import { z } from 'zod';
import { DpiSchema, StationError } from '../../app/domain';
import type { DeviceHealth, DeviceState, Dpi, PrinterStatus } from '../../app/domain';
import type { Clock, LabelPrinter, Listener, LogSink, Unsubscribe } from '../../app/ports';
import { silentLogSink } from '../../app/ports';
import { PrinterDriverCore } from './printer-driver-core';
import { healthFromStatus } from './printer-health-text';
import type { PrinterTransport } from './printer-transport';
import { hqesToPrinterStatus } from './zebra-hqes';
import type { HostIdentification } from './zebra-host-id';
import { isFrameError, toPrinterStatus } from './zebra-host-status';
import { parseLabelCount } from './zebra-odometer';
import type { PrintMeters } from './zebra-odometer';
import { queryExtendedStatus, queryHostStatus, queryIdentification, queryLabelCount, queryPrintMeters } from './zebra-queries';

export interface ZplPrinterOptions {
  /** The configured resolution, used until the printer tells its own. */
  dpi: Dpi;
  /** How long the printer may stay silent after a query before that silence counts. */
  statusTimeoutMs?: number;
  /** Upper bound for handing one label to the printer. */
  printTimeoutMs?: number;
  /** Ask `~HI` on start and follow the printer's dpi (default true). */
  learnDpi?: boolean;
}

const OptionsSchema = z.object({
  dpi: DpiSchema,
  statusTimeoutMs: z.number().int().positive().default(2000),
  printTimeoutMs: z.number().int().positive().default(30_000),
  learnDpi: z.boolean().default(true),
});

const ZplSchema = z.string().min(1, 'empty label');

const UNKNOWN_STATUS = 'Printer status unknown: this connection cannot read the printer’s answers';

export class ZplPrinter implements LabelPrinter {
  private readonly options: z.infer<typeof OptionsSchema>;
  private readonly log: LogSink;
  /** One exchange at a time: a Zebra serves one client on 9100, and a serial line has one reply stream. */
  private readonly core: PrinterDriverCore;
  private learnedDpi: Dpi | null = null;
  /**
   * What SGD `getvar` gets from the printer we are in contact with: `silent` (no answer, or `"?"`) is not asked
   * again until contact is lost, because a printer that lacks SGD will not grow it, while a printer swapped or
   * rebooted behind the same address may.
   */
  private sgd: 'unknown' | 'answers' | 'silent' = 'unknown';
  /** The last status() got an answer: a silence to SGD then means "no SGD", not "printer off". */
  private answering = false;

  constructor(
    protected readonly transport: PrinterTransport,
    opts: ZplPrinterOptions,
    deps: { clock: Clock; log?: LogSink },
  ) {
    this.options = OptionsSchema.parse(opts);
    this.log = deps.log ?? silentLogSink;
    // A device file or serial line that fails says DEVICE, not NETWORK: the printer is just as unreachable.
    this.core = new PrinterDriverCore(deps.clock, { name: () => `Printer at ${this.transport.address}`, unreachable: ['NETWORK', 'DEVICE'] });
    this.core.onHealth((health) => {
      if (health.state === 'disconnected') this.lostContact();
    });
  }

  /** Learns the dpi, then probes once so health is meaningful; a printer that is off is a health state, not an error. */
  async start(): Promise<void> {
    this.core.start();
    if (this.options.learnDpi) await this.learnDpi().catch(() => undefined);
    await this.status().catch(() => undefined);
    // Not awaited: learning SGD may cost one status timeout, which start-up need not wait for; a label that comes
    // meanwhile queues behind it (one exchange at a time) and finds the answer learned.
    void this.labelCount().catch(() => undefined);
  }

  stop(): Promise<void> {
    return this.core.stop(() => this.transport.close());
  }

  dpi(): Dpi {
    return this.learnedDpi ?? this.options.dpi;
  }

  health(): DeviceHealth {
    return this.core.health();
  }

  onHealth(listener: Listener<DeviceHealth>): Unsubscribe {
    return this.core.onHealth(listener);
  }

  status(): Promise<PrinterStatus> {
    return this.core.exclusive(async () => {
      const timeout = this.options.statusTimeoutMs;
      const hs = await this.core.guard(() => queryHostStatus(this.transport, timeout));
      if (hs.kind === 'unsupported') {
        this.core.setHealth('connected', UNKNOWN_STATUS);
        return { ready: true, faults: [] };
      }
      this.answering = hs.kind === 'answer';
      if (hs.kind === 'answer') {
        if (isFrameError(hs.value)) {
          this.core.setHealth('fault', `Printer answered an unreadable status: is it a ZPL printer? (${hs.value.reason})`);
          throw new StationError('INVALID_REPLY', `Unreadable ~HS reply: ${hs.value.reason}`, { detail: hs.value });
        }
        return this.report(toPrinterStatus(hs.value));
      }
      const es = await this.core.guard(() => queryExtendedStatus(this.transport, timeout));
      this.answering = es.kind === 'answer';
      if (es.kind === 'answer' && !isFrameError(es.value)) {
        const { status, otherErrors } = hqesToPrinterStatus(es.value);
        if (status.ready) {
          // Answers ~HQES with no error yet not ~HS: nothing the operator can act on beyond "check the printer".
          return this.report({ ready: false, faults: ['no_answer'] });
        }
        return this.report(status, otherErrors.map((e) => `Printer error: ${e.replace(/_/g, ' ')}`));
      }
      this.lostContact();
      return this.report({ ready: false, faults: ['no_answer'] });
    });
  }

  /** Resolves once every byte left for the printer; it does not wait for paper. */
  print(zpl: string): Promise<void> {
    const parsed = ZplSchema.safeParse(zpl);
    if (!parsed.success) return Promise.reject(new StationError('REJECTED', `Not a printable label: ${z.prettifyError(parsed.error)}`));
    const label = Buffer.from(parsed.data, 'utf8');
    return this.core.exclusive(async () => {
      await this.core.guard(() => this.transport.write(label, { timeoutMs: this.options.printTimeoutMs }));
      // Reaching the printer proves it is reachable; it says nothing about a fault we already know of.
      if (this.core.health().state !== 'fault') this.core.setHealth('connected', 'Label sent');
    });
  }

  labelCount(): Promise<number | null> {
    return this.core.exclusive(async () => {
      if (this.sgd === 'silent') return null;
      const reply = await this.core.guard(() => queryLabelCount(this.transport, this.options.statusTimeoutMs));
      if (reply.kind === 'timeout' && this.sgd === 'unknown' && this.answering) this.sgd = 'silent';
      if (reply.kind !== 'answer' || isFrameError(reply.value)) return null;
      const count = parseLabelCount(reply.value);
      if (count !== null) this.sgd = 'answers';
      else if (reply.value.trim() === '?') this.sgd = 'silent';
      return count;
    });
  }

  /** Whatever answers next may be another printer (swapped, rebooted, re-flashed): learn its SGD again. */
  private lostContact(): void {
    this.answering = false;
    this.sgd = 'unknown';
  }

  /** `~HQOD` print meters (a length in inches or cm), or null when the printer does not answer. */
  printMeters(): Promise<PrintMeters | null> {
    return this.core.exclusive(async () => {
      const reply = await this.core.guard(() => queryPrintMeters(this.transport, this.options.statusTimeoutMs));
      return reply.kind === 'answer' && !isFrameError(reply.value) ? reply.value : null;
    });
  }

  /** `~HI`: model, firmware and the head's real dpi. */
  identify(): Promise<HostIdentification> {
    return this.core.exclusive(async () => {
      const reply = await this.core.guard(() => queryIdentification(this.transport, this.options.statusTimeoutMs));
      if (reply.kind === 'unsupported') throw new StationError('DEVICE', `Printer at ${this.transport.address} cannot answer ~HI over this connection`);
      if (reply.kind === 'timeout') throw new StationError('TIMEOUT', `Printer at ${this.transport.address} did not answer ~HI`);
      if (isFrameError(reply.value)) {
        throw new StationError('INVALID_REPLY', `Unreadable ~HI reply: ${reply.value.reason}`, { detail: reply.value });
      }
      return reply.value;
    });
  }

  private async learnDpi(): Promise<void> {
    const id = await this.identify();
    if (id.dpi === null) {
      this.log.warn({ model: id.model, dotsPerMm: id.dotsPerMm }, 'label printer head resolution is not one labels can be bought for');
      return;
    }
    this.learnedDpi = id.dpi;
    if (id.dpi !== this.options.dpi) {
      this.log.warn({ configured: this.options.dpi, printer: id.dpi, model: id.model }, 'label printer dpi differs from the config: using the printer’s');
    }
  }

  private report(status: PrinterStatus, extra: string[] = []): PrinterStatus {
    const health = healthFromStatus(status);
    const details = [health.detail, ...extra].filter((d) => d.length > 0);
    if (details.length === 0) details.push('Printer reports an error: check its display');
    const state: DeviceState = status.ready ? 'connected' : 'fault';
    this.core.setHealth(state, [...details, ...this.dpiNote()].join('; '));
    return status;
  }

  /** Shown while the printer is fine too, so a supervisor sees why labels come in another resolution than configured. */
  private dpiNote(): string[] {
    const learned = this.learnedDpi;
    return learned !== null && learned !== this.options.dpi ? [`printer is ${learned} dpi (config says ${this.options.dpi}): using ${learned}`] : [];
  }
}
