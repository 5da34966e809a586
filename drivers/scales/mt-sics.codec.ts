import { DelimiterSplitter } from '../serial/delimiter-splitter';
import type { FrameSplitter } from '../serial/frame-splitter';
import { FrameError } from './frame-error';
import { isWeightUnit, toGrams, type ScaleCodec, type ScaleFrame } from './scale-protocol';

export interface MtSicsOptions {
  /**
   * `SI` (default) answers at once with the current value, stable (`S S`) or dynamic (`S D`), so a live display
   * and the stable flag come from one poll. `S` waits for stability and answers `S I` on timeout; polling it every
   * 200 ms would queue commands inside the balance.
   */
  command?: 'S' | 'SI';
}

const CRLF = Buffer.from('\r\n', 'latin1');
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const COMMAND = /^[A-Z@][A-Z0-9]*$/;

/** Mettler Toledo Standard Interface Command Set, level 0/1 weighing. Lines end CR LF; fields split on runs of spaces. */
export class MtSicsCodec implements ScaleCodec {
  readonly name = 'mt-sics';
  readonly request: Buffer;
  readonly defaultLink = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;

  constructor(options: MtSicsOptions = {}) {
    this.request = Buffer.from(`${options.command ?? 'SI'}\r\n`, 'latin1');
  }

  frames(): FrameSplitter {
    return new DelimiterSplitter({ delimiter: CRLF, maxLength: 128, printableOnly: true });
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
      return { kind: 'weight', grams: toGrams(Number(value), unit), stable: status === 'S' };
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

/** Splits on runs of spaces, keeping "quoted strings" (identification replies) as one field. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|(\S+)/g)) tokens.push(match[1] ?? match[2] ?? '');
  return tokens;
}
