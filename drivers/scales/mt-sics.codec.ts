import { DelimiterSplitter } from '../serial/delimiter-splitter';
import type { FrameSplitter } from '../serial/frame-splitter';
import { FrameError } from './frame-error';
import { isWeightUnit, weightFromText, type CommandOutcome, type ScaleCodec, type ScaleCommands, type ScaleFrame } from './scale-protocol';

export interface MtSicsOptions {
  /**
   * `SI` (default) answers at once with the current value, stable (`S S`) or dynamic (`S D`), so a live display
   * and the stable flag come from one poll. `S` waits for stability and answers `S I` on timeout; polling it every
   * 200 ms would queue commands inside the balance. `SIR` is sent once per connection and makes the balance stream
   * `S S`/`S D` lines by itself (no polling); any other command ends the stream, so zero/tare restart it.
   */
  command?: 'S' | 'SI' | 'SIR';
}

const CRLF = Buffer.from('\r\n', 'latin1');
const ACK_REASONS: Readonly<Record<string, string>> = {
  I: 'the scale is busy or not steady: wait until the display settles and try again',
  '+': 'the load is above the range the scale can zero or tare',
  '-': 'the load is below the range the scale can zero or tare',
};
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const COMMAND = /^[A-Z@][A-Z0-9]*$/;

/** Mettler Toledo Standard Interface Command Set, level 0/1 weighing. Lines end CR LF; fields split on runs of spaces. */
export class MtSicsCodec implements ScaleCodec {
  readonly name = 'mt-sics';
  readonly request: Buffer | null;
  readonly startup?: Buffer;
  readonly commands: ScaleCommands;
  readonly defaultLink = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;

  constructor(options: MtSicsOptions = {}) {
    const command = options.command ?? 'SI';
    if (command === 'SIR') {
      this.request = null;
      this.startup = line('SIR');
      // MT-SICS ends SIR on the next command: a zero or tare would otherwise silence the scale for good.
      this.commands = { zero: Buffer.concat([line('Z'), line('SIR')]), tare: Buffer.concat([line('T'), line('SIR')]) };
    } else {
      this.request = line(command);
      // `Z`/`T` wait for stability (answering `Z I`/`T I` on timeout) rather than zeroing a moving load.
      this.commands = { zero: line('Z'), tare: line('T') };
    }
  }

  frames(): FrameSplitter {
    return new DelimiterSplitter({ delimiter: CRLF, maxLength: 128, printableOnly: true });
  }

  /** `Z A` / `T S …` confirm; `I` (busy, not steady), `+`/`-` (outside the range) and `EL` refuse. */
  acknowledge(action: keyof ScaleCommands, frame: ScaleFrame | FrameError): CommandOutcome | null {
    if (frame.kind === 'error') return frame.code === 'LOGICAL' ? { done: false, reason: 'the balance cannot do it now' } : null;
    const expected = action === 'zero' ? 'Z' : 'T';
    if (frame.kind !== 'reply' || frame.command !== expected) return null;
    return ACK_REASONS[frame.status] === undefined ? { done: true } : { done: false, reason: ACK_REASONS[frame.status] ?? '' };
  }

  parse(frame: Buffer): ScaleFrame | FrameError {
    const text = frame.toString('latin1').replace(/\r?\n?$/, '').trim();
    const tokens = tokenize(text);
    const [command, status, ...fields] = tokens;
    if (command === undefined) return FrameError.of('MALFORMED', 'empty line', frame);
    if (tokens.length === 1) {
      if (command === 'ES') return FrameError.of('SYNTAX', 'balance did not recognise the command', frame);
      if (command === 'ET') return FrameError.of('TRANSMISSION', 'balance received a corrupted command', frame);
      if (command === 'EL') return FrameError.of('LOGICAL', 'balance cannot execute the command', frame);
      return FrameError.of('MALFORMED', 'no status field', frame);
    }
    if (!COMMAND.test(command) || status === undefined || !/^[A-Z+-]$/.test(status)) {
      return FrameError.of('MALFORMED', 'not an MT-SICS reply', frame);
    }
    if (command === 'S' || command === 'SI' || command === 'SIR') return parseWeight(status, fields, frame);
    return { kind: 'reply', command, status, fields };
  }
}

function parseWeight(status: string, fields: string[], frame: Buffer): ScaleFrame | FrameError {
  switch (status) {
    case 'S':
    case 'D': {
      const [value, unit, ...rest] = fields;
      if (value === undefined || unit === undefined || rest.length > 0 || !NUMBER.test(value)) {
        return FrameError.of('MALFORMED', 'weight line without "<value> <unit>"', frame);
      }
      if (!isWeightUnit(unit)) return FrameError.of('UNIT', `unit "${unit}" is not a weight unit`, frame);
      return weightFromText(value, unit, status === 'S') ?? FrameError.of('MALFORMED', 'weight value is not a number', frame);
    }
    case 'I':
      return { kind: 'status', motion: false, overCapacity: false, underZero: false, busy: true };
    case '+':
      return { kind: 'status', motion: false, overCapacity: true, underZero: false };
    case '-':
      return { kind: 'status', motion: false, overCapacity: false, underZero: true };
    case 'L':
      return FrameError.of('LOGICAL', 'balance rejected a parameter of the weigh command', frame);
    default:
      // `S A <value>` appears in some test suites but not in the manuals: refuse rather than guess stability.
      return FrameError.of('MALFORMED', `weigh reply with unknown status "${status}"`, frame);
  }
}

function line(command: string): Buffer {
  return Buffer.from(`${command}\r\n`, 'latin1');
}

/** Splits on runs of spaces, keeping "quoted strings" (identification replies) as one field. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|(\S+)/g)) tokens.push(match[1] ?? match[2] ?? '');
  return tokens;
}
