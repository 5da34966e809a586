/**
 * A Zebra (or ZPL-compatible) label printer on raw TCP 9100. Status comes from the printer itself (`~HS`), never a
 * spooler: spoolers report "ready" for a printer with its head open.
 */
import { z } from 'zod';
import { DpiSchema, StationError, isStationError } from '../../app/domain';
import type { DeviceHealth, DeviceState, Dpi, PrinterStatus } from '../../app/domain';
import type { Clock, LabelPrinter, Listener, Unsubscribe } from '../../app/ports';
import { faultText, healthFromStatus } from './printer-health-text';
import { RawTcpTransport, parseTcpUrl } from './raw-tcp.transport';
import { HostStatusCollector, isFrameError, splitFrames, toPrinterStatus } from './zebra-host-status';
import { parseHostIdentification } from './zebra-host-id';
import type { HostIdentification } from './zebra-host-id';

export interface ZplTcpPrinterOptions {
  /** `tcp://host:port`, usually port 9100. */
  url: string;
  dpi: Dpi;
  /** How long the printer may stay silent after `~HS` before that silence counts as a fault. */
  statusTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Upper bound for handing one label to the printer. */
  printTimeoutMs?: number;
}

const OptionsSchema = z.object({
  url: z.string(),
  dpi: DpiSchema,
  statusTimeoutMs: z.number().int().positive().default(2000),
  connectTimeoutMs: z.number().int().positive().default(3000),
  printTimeoutMs: z.number().int().positive().default(30_000),
});

const ZplSchema = z.string().min(1, 'empty label');

// After our FIN, how long we wait for the printer to close its side before calling the job delivered anyway.
const PRINT_LINGER_MS = 1000;

export class ZplTcpPrinter implements LabelPrinter {
  private readonly options: z.infer<typeof OptionsSchema>;
  private readonly transport: RawTcpTransport;
  private readonly clock: Clock;
  private current: DeviceHealth;
  private readonly listeners = new Set<Listener<DeviceHealth>>();
  /** One connection at a time: a Zebra serves port 9100 to one client, others wait in its backlog. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(opts: ZplTcpPrinterOptions, deps: { clock: Clock }) {
    this.options = OptionsSchema.parse(opts);
    this.clock = deps.clock;
    this.transport = new RawTcpTransport(
      parseTcpUrl(this.options.url),
      { connectTimeoutMs: this.options.connectTimeoutMs },
      deps.clock,
    );
    this.current = { state: 'connecting', since: deps.clock.now() };
  }

  /** Probes once so health is meaningful from the start; a printer that is off is a health state, not an error. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.status().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.transport.closeAll();
    await this.queue;
  }

  dpi(): Dpi {
    return this.options.dpi;
  }

  health(): DeviceHealth {
    return this.current;
  }

  onHealth(listener: Listener<DeviceHealth>): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * `{ready:false, faults:['no_answer']}` when the printer stays silent: a Zebra does not answer `~HS` while paper or
   * ribbon is out or the head is open. A later change can follow up with `~HQES`, which still answers then.
   */
  status(): Promise<PrinterStatus> {
    return this.exclusive(async () => {
      const collector = new HostStatusCollector();
      const reply = await this.guard(() =>
        this.transport.query('~HS', (chunk) => collector.push(chunk), this.options.statusTimeoutMs),
      );
      if (reply.kind === 'timeout') {
        const silent: PrinterStatus = { ready: false, faults: ['no_answer'] };
        this.setHealth('fault', faultText('no_answer'));
        return silent;
      }
      if (isFrameError(reply.value)) {
        this.setHealth('fault', `Printer answered an unreadable status: is it a ZPL printer? (${reply.value.reason})`);
        throw new StationError('INVALID_REPLY', `Unreadable ~HS reply: ${reply.value.reason}`, { detail: reply.value });
      }
      const status = toPrinterStatus(reply.value);
      const health = healthFromStatus(status);
      this.setHealth(health.state, health.detail);
      return status;
    });
  }

  /** Resolves once every byte left for the printer and the connection ended cleanly; it does not wait for paper. */
  print(zpl: string): Promise<void> {
    const parsed = ZplSchema.safeParse(zpl);
    if (!parsed.success) return Promise.reject(new StationError('REJECTED', `Not a printable label: ${z.prettifyError(parsed.error)}`));
    const label = parsed.data;
    return this.exclusive(async () => {
      await this.guard(() =>
        this.transport.send(label, { timeoutMs: this.options.printTimeoutMs, lingerMs: PRINT_LINGER_MS }),
      );
      // Reaching the printer proves it is on the network; it says nothing about a fault we already know of.
      if (this.current.state !== 'fault') this.setHealth('connected', 'Label sent');
    });
  }

  /** `~HI`: model, firmware and the head's real dpi (carrier labels at the wrong dpi print too small or too big). */
  identify(): Promise<HostIdentification> {
    return this.exclusive(async () => {
      let text = '';
      const reply = await this.guard(() =>
        this.transport.query(
          '~HI',
          (chunk) => {
            text += chunk.toString('latin1');
            return splitFrames(text).frames.length > 0 ? parseHostIdentification(text) : null;
          },
          this.options.statusTimeoutMs,
        ),
      );
      if (reply.kind === 'timeout') throw new StationError('TIMEOUT', `Printer at ${this.transport.address} did not answer ~HI`);
      if (isFrameError(reply.value)) {
        throw new StationError('INVALID_REPLY', `Unreadable ~HI reply: ${reply.value.reason}`, { detail: reply.value });
      }
      return reply.value;
    });
  }

  /** Runs `op` and turns a NETWORK failure into the `disconnected` health the operator sees. */
  private async guard<T>(op: () => Promise<T>): Promise<T> {
    if (this.stopped) throw new StationError('NETWORK', `Printer at ${this.transport.address}: driver stopped`);
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
