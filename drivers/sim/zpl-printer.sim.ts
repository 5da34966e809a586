/**
 * A Zebra-like label printer on raw TCP, for tests and the demo. It behaves like the real thing where it hurts (see
 * ZebraEmulator): silent to `~HS` while faulted but answering `~HQES`, labels held until a fault clears, a label
 * counter readable over SGD — and it can break a job's connection halfway, as a printer that reboots or a switch
 * that drops the link does.
 */
import type { Socket } from 'node:net';
import { TcpSimServer } from './tcp-server.sim';
import { ZebraEmulator } from './zebra-printer.sim';
import type { EmulatorQuery, SimulatedFault, ZebraEmulatorOptions } from './zebra-printer.sim';

export type { SimulatedFault } from './zebra-printer.sim';
export type ZplPrinterSimulatorOptions = ZebraEmulatorOptions;

interface PlannedReset {
  afterBytes: number;
  printed: boolean;
}

export class ZplPrinterSimulator {
  private readonly printer: ZebraEmulator;
  private readonly server = new TcpSimServer((socket) => this.accept(socket));
  private plannedReset: PlannedReset | null = null;

  constructor(opts: ZplPrinterSimulatorOptions = {}) {
    this.printer = new ZebraEmulator(opts);
  }

  listen(port = 0, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
    return this.server.listen(port, host);
  }

  /** Every format that printed or waits to print, in order, printed or still held. */
  jobs(): string[] {
    return this.printer.jobs();
  }

  /** Called when a complete format has been received (not when it prints: see labelCount). */
  onJob(listener: (zpl: string) => void): () => void {
    return this.printer.onJob(listener);
  }

  /** Clearing the fault prints everything held, as closing the head or pressing PAUSE does. */
  setFault(fault: SimulatedFault | null): void {
    this.printer.setFault(fault);
  }

  /** Answers nothing at all (no ~HS, ~HQES, ~HI, SGD) while on; formats still print. */
  setNoAnswer(on: boolean): void {
    this.printer.setNoAnswer(on);
  }

  /** Labels that actually came out of the printer (what `odometer.total_label_count` reports). */
  labelCount(): number {
    return this.printer.labelCount();
  }

  /** How often the printer was asked `query`, answered or not. */
  timesAsked(query: EmulatorQuery): number {
    return this.printer.timesAsked(query);
  }

  /**
   * The next connection that sends a format is reset (TCP RST) once it has delivered `afterBytes` bytes (counted from
   * the start of that connection). `printed` decides whether the format cut off in the middle still comes out: real
   * printers differ, and a label that printed must not be printed again. One-shot.
   */
  resetNextJob(afterBytes: number, opts: { printed?: boolean } = {}): void {
    this.plannedReset = { afterBytes: Math.max(0, Math.floor(afterBytes)), printed: opts.printed ?? false };
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private accept(socket: Socket): void {
    const connection = this.printer.connection((text) => {
      if (!socket.destroyed) socket.write(text, 'latin1');
    });
    let seen = 0;
    let reset: PlannedReset | null = null;
    let head = '';
    // A client that vanished mid-reply is its own business, as it is for a real printer.
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      if (socket.destroyed) return;
      if (reset === null && this.plannedReset !== null) {
        const text = head + chunk.toString('latin1');
        if (/\^XA/i.test(text)) {
          reset = this.plannedReset;
          this.plannedReset = null;
        }
        // Only a `^X` split across two chunks needs the previous tail.
        head = text.slice(-2);
      }
      if (reset !== null && seen + chunk.length >= reset.afterBytes) {
        connection.push(chunk.subarray(0, Math.max(0, reset.afterBytes - seen)));
        connection.abort(reset.printed);
        socket.resetAndDestroy();
        return;
      }
      seen += chunk.length;
      connection.push(chunk);
    });
  }
}
