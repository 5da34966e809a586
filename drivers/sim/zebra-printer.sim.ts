/**
 * What a Zebra does with the bytes it receives, independent of the cable: prints (or holds) formats, answers host
 * queries and SGD getvar, keeps a label counter. The TCP simulator wraps it; tests put it at the far end of a serial
 * PTY with the same behaviour.
 *
 * Behaviour that matters to the station, as real Zebras do it:
 * - silent to `~HS` while paper or ribbon is out or the head is open (docs.zebra.com ~HS), but answers `~HQES`;
 * - labels received during a fault or pause are held and print when it clears;
 * - `odometer.total_label_count` counts labels that came out; `~HQOD` reports the printed length in inches.
 */
import type { Dpi } from '../../app/domain';
import { formatHqes } from '../printers/zebra-hqes';
import { dotsPerMmFromDpi, formatHostIdentification } from '../printers/zebra-host-id';
import type { HostStatus } from '../printers/zebra-host-status';
import { encodeHostStatus } from './zebra-host-status.sim';
import { SGD_LABEL_COUNT_VARIABLE, formatHqod, formatSgdValue } from '../printers/zebra-odometer';
import { ZplStreamSplitter } from '../printers/zpl-stream';
import type { ZplStreamEvent } from '../printers/zpl-stream';
import { ListenerSet } from '../../app/events/listener-set';

export type SimulatedFault = 'paper_out' | 'head_open' | 'ribbon_out' | 'paused';

/** What the emulator was asked: the host queries by name, SGD commands as `SGD`. */
export type EmulatorQuery = 'HS' | 'HI' | 'HQES' | 'HQOD' | 'SGD';

export interface ZebraEmulatorOptions {
  dpi?: Dpi;
  /** Some ZPL clones answer ~HS even when faulted; real Zebras stay silent (the default). */
  answerWhileFaulted?: boolean;
  /**
   * Older firmware, and many non-Zebra printers in ZPL emulation, have no SGD: silent to `! U1 getvar` while still
   * answering `~HS` (default: answers).
   */
  sgd?: boolean;
  /** Label length for `~HS` and the `~HQOD` meters (default 6 inches, a shipping label). */
  labelLengthInches?: number;
}

// ~HQES group-1 error bits (Zebra Programming Guide P1012728-011, Table 14).
const HQES_ERROR_BITS: Readonly<Record<SimulatedFault, number>> = { paper_out: 0x1, ribbon_out: 0x2, head_open: 0x4, paused: 0x10000 };

/** One connection's view: bytes in, and `abort` for a connection cut in the middle of a job. */
export interface EmulatorConnection {
  push(chunk: Buffer): void;
  /** The link broke now. `printed`: whether the format in progress still came out (firmware differs). */
  abort(printed: boolean): void;
}

export class ZebraEmulator {
  private readonly dpi: Dpi;
  private readonly answerWhileFaulted: boolean;
  private readonly sgd: boolean;
  private readonly labelLengthInches: number;
  private readonly received: string[] = [];
  private readonly jobListeners = new ListenerSet<string>();
  private readonly asked = new Map<EmulatorQuery, number>();
  private fault: SimulatedFault | null = null;
  private noAnswer = false;
  private held = 0;
  private printed = 0;

  constructor(opts: ZebraEmulatorOptions = {}) {
    this.dpi = opts.dpi ?? 203;
    this.answerWhileFaulted = opts.answerWhileFaulted ?? false;
    this.sgd = opts.sgd ?? true;
    this.labelLengthInches = opts.labelLengthInches ?? 6;
  }

  /** Every format that printed or waits to print, in order (a cut-off job counted as printed is included). */
  jobs(): string[] {
    return [...this.received];
  }

  onJob(listener: (zpl: string) => void): () => void {
    return this.jobListeners.add(listener);
  }

  /** Clearing the fault prints everything held, as closing the head or pressing PAUSE does. */
  setFault(fault: SimulatedFault | null): void {
    this.fault = fault;
    if (fault === null) {
      this.printed += this.held;
      this.held = 0;
    }
  }

  /** A printer whose return channel is dead: it answers nothing at all, but still prints. */
  setNoAnswer(on: boolean): void {
    this.noAnswer = on;
  }

  /** Labels that actually came out of the printer. */
  labelCount(): number {
    return this.printed;
  }

  /** How often `query` was received (answered or not): tests check that a driver stops asking what goes unanswered. */
  timesAsked(query: EmulatorQuery): number {
    return this.asked.get(query) ?? 0;
  }

  connection(reply: (text: string) => void): EmulatorConnection {
    const splitter = new ZplStreamSplitter();
    // Bytes since the last complete format, so a cut-off job can still "print" if the test says so.
    let partial = '';
    return {
      push: (chunk) => {
        partial += chunk.toString('latin1');
        // Outside a format only the tail can still start one; an idle connection must not accumulate queries.
        if (partial.length > 64 && !/\^XA/i.test(partial)) partial = partial.slice(-4);
        for (const event of splitter.push(chunk)) {
          if (event.kind === 'label') {
            // Keep what follows the finished format: the next label may have started in the same chunk.
            const end = partial.toUpperCase().lastIndexOf('^XZ');
            partial = end >= 0 ? partial.slice(end + 3) : partial;
            this.receive(event.zpl);
          } else {
            const answer = this.answer(event);
            if (answer !== null) reply(answer);
          }
        }
      },
      abort: (printed) => {
        const start = partial.search(/\^XA/i);
        if (printed && start >= 0) this.receive(Buffer.from(partial.slice(start), 'latin1').toString('utf8'), true);
        partial = '';
      },
    };
  }

  private receive(zpl: string, cutOff = false): void {
    // Carriers send a settings-only format (`^XA^MCY^XZ`) before the label: it configures, it does not print.
    if (!cutOff && !printsSomething(zpl)) return;
    this.received.push(zpl);
    if (this.fault === null) this.printed += 1;
    else this.held += 1;
    this.jobListeners.emit(zpl);
  }

  private answer(event: Exclude<ZplStreamEvent, { kind: 'label' }>): string | null {
    const query: EmulatorQuery = event.kind === 'sgd' ? 'SGD' : event.query;
    this.asked.set(query, this.timesAsked(query) + 1);
    if (this.noAnswer) return null;
    if (event.kind === 'sgd') {
      if (!this.sgd || event.verb !== 'getvar') return null;
      return formatSgdValue(event.name === SGD_LABEL_COUNT_VARIABLE ? String(this.printed) : '?');
    }
    switch (event.query) {
      case 'HS': {
        const silent = this.fault !== null && this.fault !== 'paused' && !this.answerWhileFaulted;
        return silent ? null : encodeHostStatus(this.hostStatus());
      }
      case 'HI':
        return formatHostIdentification({
          model: `ZD421-${this.dpi}dpi`,
          firmware: 'V84.20.18Z',
          dotsPerMm: dotsPerMmFromDpi(this.dpi),
          memory: '8192KB',
          options: '',
        });
      case 'HQES':
        return formatHqes(this.fault ? HQES_ERROR_BITS[this.fault] : 0);
      case 'HQOD':
        return formatHqod(this.printed * this.labelLengthInches);
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
        labelLengthDots: Math.round(this.dpi * this.labelLengthInches),
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
