/**
 * Zebra `~HS` (Host Status Return) as a pure protocol: bytes in, typed status out.
 * Field layout from the ZPL II Programming Guide (~HS) — see test fixtures `zebra-status-vectors.json`.
 */
import { z } from 'zod';
import type { PrinterFault, PrinterStatus } from '../../app/domain';

export const STX = '\x02';
export const ETX = '\x03';

/** A reply we could not make sense of; returned, not thrown, so callers decide (retry, dead-letter, report). */
export interface FrameError {
  kind: 'frame-error';
  reason: string;
  raw: string;
}

export const isFrameError = (value: unknown): value is FrameError =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'frame-error';

const frameError = (reason: string, raw: string): FrameError => ({ kind: 'frame-error', reason, raw });

export type PrintMode = 'Rewind' | 'Peel-Off' | 'Tear-Off' | 'Cutter' | 'Applicator' | 'Delayed cut' | 'Other';
const PRINT_MODES: readonly PrintMode[] = ['Rewind', 'Peel-Off', 'Tear-Off', 'Cutter', 'Applicator', 'Delayed cut'];

export interface CommSettings {
  /** null when the 4 baud bits hold a code the guide does not list. */
  baud: number | null;
  handshake: 'Xon/Xoff' | 'DTR';
  parity: 'odd' | 'even';
  parityEnabled: boolean;
  stopBits: 1 | 2;
  dataBits: 7 | 8;
}

export interface HostStatus {
  string1: {
    commSettings: number;
    commDecoded: CommSettings;
    paperOut: boolean;
    paused: boolean;
    labelLengthDots: number;
    formatsInReceiveBuffer: number;
    bufferFull: boolean;
    commDiagMode: boolean;
    partialFormat: boolean;
    corruptRam: boolean;
    underTemperature: boolean;
    overTemperature: boolean;
  };
  string2: {
    functionSettings: number;
    headUp: boolean;
    ribbonOut: boolean;
    thermalTransfer: boolean;
    printMode: PrintMode;
    printWidthMode: number;
    labelWaiting: boolean;
    labelsRemainingInBatch: number;
    formatWhilePrinting: boolean;
    graphicsStored: number;
  };
  string3: { password: string; staticRamInstalled: boolean };
}

// Later firmwares may append fields: extra ones are ignored rather than rejected.
// The guide pads numbers to fixed widths, but firmwares differ; accept any run of digits rather than reject a real printer.
const num = z.string().trim().regex(/^\d+$/, 'expected digits').transform(Number);
const flag = z
  .string()
  .trim()
  .regex(/^[01]$/, 'expected a 0/1 flag')
  .transform((v) => v === '1');
const any = z.string();

const String1Schema = z.tuple([num, flag, flag, num, num, flag, flag, flag, any, flag, flag, flag]).rest(any);
const String2Schema = z.tuple([num, any, flag, flag, flag, num, num, flag, num, flag, num]).rest(any);
const String3Schema = z.tuple([z.string().trim().regex(/^\d+$/, 'expected a numeric password'), flag]).rest(any);

// Bits a8,a2,a1,a0 of the communication settings select the baud rate (ZPL II guide, ~HS string 1).
const BAUD: readonly number[] = [110, 300, 600, 1200, 2400, 4800, 9600, 19200, 28800, 38400, 57600, 14400];

export function decodeCommSettings(value: number): CommSettings {
  const bit = (n: number): number => (value >> n) & 1;
  const code = (bit(8) << 3) | (bit(2) << 2) | (bit(1) << 1) | bit(0);
  return {
    baud: BAUD[code] ?? null,
    handshake: bit(7) ? 'DTR' : 'Xon/Xoff',
    parity: bit(6) ? 'even' : 'odd',
    parityEnabled: bit(5) === 1,
    stopBits: bit(4) ? 1 : 2,
    dataBits: bit(3) ? 8 : 7,
  };
}

/** Builds the status from the three string bodies (without STX/ETX). */
export function parseHostStatusFrames(frames: readonly string[], raw = frames.join('\n')): HostStatus | FrameError {
  if (frames.length !== 3) return frameError(`expected 3 ~HS strings, got ${frames.length}`, raw);
  const [f1, f2, f3] = frames as [string, string, string];
  const s1 = String1Schema.safeParse(f1.split(','));
  if (!s1.success) return frameError(`~HS string 1: ${z.prettifyError(s1.error)}`, raw);
  const s2 = String2Schema.safeParse(f2.split(','));
  if (!s2.success) return frameError(`~HS string 2: ${z.prettifyError(s2.error)}`, raw);
  const s3 = String3Schema.safeParse(f3.split(','));
  if (!s3.success) return frameError(`~HS string 3: ${z.prettifyError(s3.error)}`, raw);

  const [comm, paperOut, paused, labelLengthDots, formats, bufferFull, diag, partial, , corruptRam, under, over] = s1.data;
  const [functionSettings, , headUp, ribbonOut, thermalTransfer, mode, widthMode, labelWaiting, remaining, fwp, graphics] =
    s2.data;
  const [password, staticRam] = s3.data;
  return {
    string1: {
      commSettings: comm,
      commDecoded: decodeCommSettings(comm),
      paperOut,
      paused,
      labelLengthDots,
      formatsInReceiveBuffer: formats,
      bufferFull,
      commDiagMode: diag,
      partialFormat: partial,
      corruptRam,
      underTemperature: under,
      overTemperature: over,
    },
    string2: {
      functionSettings,
      headUp,
      ribbonOut,
      thermalTransfer,
      printMode: PRINT_MODES[mode] ?? 'Other',
      printWidthMode: widthMode,
      labelWaiting,
      labelsRemainingInBatch: remaining,
      formatWhilePrinting: fwp,
      graphicsStored: graphics,
    },
    string3: { password, staticRamInstalled: staticRam },
  };
}

const toText = (input: string | Buffer): string => (typeof input === 'string' ? input : input.toString('latin1'));

/** Complete STX…ETX bodies found in `text`, and what is left after the last complete one. */
export function splitFrames(text: string): { frames: string[]; rest: string } {
  const frames: string[] = [];
  let pos = 0;
  for (;;) {
    const start = text.indexOf(STX, pos);
    if (start < 0) return { frames, rest: '' };
    const end = text.indexOf(ETX, start + 1);
    if (end < 0) return { frames, rest: text.slice(start) };
    // A second STX before the ETX means the first frame was cut off: resynchronise on the later one.
    const restart = text.lastIndexOf(STX, end);
    frames.push(text.slice(restart + 1, end));
    pos = end + 1;
  }
}

/**
 * Parses a complete `~HS` reply: three `STX…ETX CR LF` strings, or the SGD `device.host_status` form (the same
 * strings on CR LF lines, no STX/ETX, possibly in double quotes).
 */
export function parseHostStatus(text: string | Buffer): HostStatus | FrameError {
  const raw = toText(text);
  if (raw.includes(STX)) {
    const { frames } = splitFrames(raw);
    if (frames.length < 3) return frameError(`expected 3 ~HS strings, got ${frames.length}`, raw);
    return parseHostStatusFrames(frames.slice(0, 3), raw);
  }
  const lines = raw
    .trim()
    .replace(/^"|"$/g, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return parseHostStatusFrames(lines, raw);
}

/**
 * Accumulates socket chunks until three complete `~HS` frames arrived, however the bytes were split.
 * Bytes before the first STX (a stray CR LF, an unrelated reply) are dropped.
 */
export class HostStatusCollector {
  private buffer = '';
  private frames: string[] = [];
  private readonly maxBytes: number;

  constructor(opts: { maxBytes?: number } = {}) {
    // ~HS is ~80 bytes; a bound keeps a chatty non-Zebra device on port 9100 from growing memory.
    this.maxBytes = opts.maxBytes ?? 4096;
  }

  /** null while incomplete; the status (or a FrameError) once the third frame closed. Resets after a result. */
  push(chunk: string | Buffer): HostStatus | FrameError | null {
    const { frames, rest } = splitFrames(this.buffer + toText(chunk));
    this.frames.push(...frames);
    this.buffer = rest;
    if (this.frames.length >= 3) {
      const three = this.frames.slice(0, 3);
      this.frames = this.frames.slice(3);
      return parseHostStatusFrames(three, three.map((f) => STX + f + ETX).join('\r\n'));
    }
    if (this.buffer.length > this.maxBytes) {
      const raw = this.buffer;
      this.reset();
      return frameError(`no complete ~HS reply within ${this.maxBytes} bytes`, raw);
    }
    return null;
  }

  reset(): void {
    this.buffer = '';
    this.frames = [];
  }
}

/** The faults the station acts on, most blocking first (the operator detail text shows them in this order). */
export function toPrinterStatus(hs: HostStatus): PrinterStatus {
  const faults: PrinterFault[] = [];
  if (hs.string1.paperOut) faults.push('paper_out');
  if (hs.string2.ribbonOut) faults.push('ribbon_out');
  if (hs.string2.headUp) faults.push('head_open');
  if (hs.string1.paused) faults.push('paused');
  if (hs.string1.bufferFull) faults.push('buffer_full');
  if (hs.string1.overTemperature) faults.push('over_temperature');
  if (hs.string1.underTemperature) faults.push('under_temperature');
  return {
    ready: faults.length === 0,
    faults,
    // Formats still in the receive buffer plus copies left in the current ^PQ batch: labels sent but not yet out.
    labelsWaiting: hs.string1.formatsInReceiveBuffer + hs.string2.labelsRemainingInBatch,
  };
}
