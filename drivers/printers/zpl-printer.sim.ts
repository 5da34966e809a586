/**
 * A Zebra-like label printer on raw TCP, for tests and the demo. It behaves like the real thing where it hurts:
 * bytes arrive in any chunking, `~HS` is answered wherever it appears in the stream, but NOT while paper or ribbon
 * is out or the head is open, and labels received during a fault (or pause) wait in the buffer until it clears.
 */
import net from 'node:net';
import type { Server, Socket } from 'node:net';
import type { Dpi } from '../../app/domain';
import { dotsPerMmFromDpi, formatHostIdentification } from './zebra-host-id';
import type { HostStatus } from './zebra-host-status';
import { encodeHostStatus } from './zebra-host-status.encode';
import { ZplStreamSplitter } from './zpl-stream';
import type { HostQuery } from './zpl-stream';

export type SimulatedFault = 'paper_out' | 'head_open' | 'ribbon_out' | 'paused';

export interface ZplPrinterSimulatorOptions {
  dpi?: Dpi;
  /** Some ZPL clones answer ~HS even when faulted; real Zebras stay silent (the default). */
  answerWhileFaulted?: boolean;
}

// ~HQES group-1 error bits (Zebra ~HQ error-flag table): nibble 1 = 1 media out, 2 ribbon out, 4 head open.
const HQES_ERROR_BITS: Readonly<Record<SimulatedFault, number>> = { paper_out: 1, ribbon_out: 2, head_open: 4, paused: 0 };

export class ZplPrinterSimulator {
  private readonly dpi: Dpi;
  private readonly answerWhileFaulted: boolean;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly received: string[] = [];
  private readonly jobListeners = new Set<(zpl: string) => void>();
  private fault: SimulatedFault | null = null;
  private held = 0;
  private printed = 0;

  constructor(opts: ZplPrinterSimulatorOptions = {}) {
    this.dpi = opts.dpi ?? 203;
    this.answerWhileFaulted = opts.answerWhileFaulted ?? false;
  }

  listen(port = 0, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
    if (this.server) return Promise.reject(new Error('simulator already listening'));
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const address = server.address();
        const bound = typeof address === 'object' && address !== null ? address.port : port;
        resolve({ port: bound, url: `tcp://${host}:${bound}` });
      });
    });
  }

  /** Every complete `^XA…^XZ` format that prints a label, in order, printed or still held. */
  jobs(): string[] {
    return [...this.received];
  }

  /** Called when a complete format has been received (not when it prints: see labelCount). */
  onJob(listener: (zpl: string) => void): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  /** Clearing the fault prints everything held, as closing the head or pressing PAUSE does. */
  setFault(fault: SimulatedFault | null): void {
    this.fault = fault;
    if (fault === null) {
      this.printed += this.held;
      this.held = 0;
    }
  }

  /** Formats that actually came out of the printer. */
  labelCount(): number {
    return this.printed;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const splitter = new ZplStreamSplitter();
    // A client that vanished mid-reply is its own business, as it is for a real printer.
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('data', (chunk: Buffer) => {
      for (const event of splitter.push(chunk)) {
        if (event.kind === 'label') this.receive(event.zpl);
        else this.answer(socket, event.query);
      }
    });
  }

  private receive(zpl: string): void {
    // Carriers send a settings-only format (`^XA^MCY^XZ`) before the label: it configures, it does not print.
    if (!printsSomething(zpl)) return;
    this.received.push(zpl);
    if (this.fault === null) this.printed += 1;
    else this.held += 1;
    for (const listener of this.jobListeners) listener(zpl);
  }

  private answer(socket: Socket, query: HostQuery): void {
    if (socket.destroyed) return;
    if (query === 'HS') {
      const silent = this.fault !== null && this.fault !== 'paused' && !this.answerWhileFaulted;
      if (!silent) socket.write(encodeHostStatus(this.hostStatus()));
    } else if (query === 'HI') {
      socket.write(
        formatHostIdentification({
          model: `ZD421-${this.dpi}dpi`,
          firmware: 'V84.20.18Z',
          dotsPerMm: dotsPerMmFromDpi(this.dpi),
          memory: '8192KB',
          options: '',
        }),
      );
    } else {
      const errors = this.fault ? HQES_ERROR_BITS[this.fault] : 0;
      const group1 = errors.toString(16).padStart(8, '0');
      socket.write(
        `\x02\r\n\r\nPRINTER STATUS            \r\n   ERRORS:          ${errors ? 1 : 0} 00000000 ${group1}  \r\n` +
          `   WARNINGS:        0 00000000 00000000   \r\n\x03`,
      );
    }
  }

  private hostStatus(): HostStatus {
    const fault = this.fault;
    return {
      string1: {
        // 9600 8N1 Xon/Xoff, as real network printers still report for their serial port.
        commSettings: 30,
        commDecoded: { baud: 9600, handshake: 'Xon/Xoff', parity: 'odd', parityEnabled: false, stopBits: 1, dataBits: 8 },
        paperOut: fault === 'paper_out',
        paused: fault === 'paused',
        // A 6 inch shipping label.
        labelLengthDots: this.dpi * 6,
        formatsInReceiveBuffer: this.held,
        bufferFull: false,
        commDiagMode: false,
        partialFormat: false,
        corruptRam: false,
        underTemperature: false,
        overTemperature: false,
      },
      string2: {
        functionSettings: 1,
        headUp: fault === 'head_open',
        ribbonOut: fault === 'ribbon_out',
        thermalTransfer: true,
        printMode: 'Tear-Off',
        printWidthMode: 6,
        labelWaiting: false,
        labelsRemainingInBatch: 0,
        formatWhilePrinting: true,
        graphicsStored: 0,
      },
      string3: { password: '1234', staticRamInstalled: false },
    };
  }
}

/** A format prints when it places a field, a graphic or a barcode; otherwise it only changes settings. */
const printsSomething = (zpl: string): boolean => /\^(FD|FV|GF|GB|GC|GD|GE|XG|B[0-9A-Z])/i.test(zpl);
