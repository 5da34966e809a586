import { DelimiterSplitter } from '../serial/delimiter-splitter';
import type { FrameSplitter } from '../serial/frame-splitter';
import { FrameError } from './frame-error';
import { parseUnit, weightFromText, type ScaleCodec, type ScaleFrame, type WeightUnit } from './scale-protocol';

export interface CasOptions {
  /** Unit of the 10-byte format, which sends bare digits (CAS CI-600D "CAS 10 bytes"). */
  bareUnit?: WeightUnit;
}

const LF = Buffer.from('\n', 'latin1');
/**
 * `ST|US|OL , GS|NT , [device id + lamp byte ,] data unit`. The 22-byte CAS format puts a device id and a lamp
 * byte (bit 7 always set, so never printable) before the data; the 18-byte "AND" format goes straight to it.
 */
const HEADED = /^(ST|US|OL),(GS|NT),(?:[0-9A-Za-z ]?[\x80-\xff]?,)?(.*)$/s;
/**
 * The data field is 8 characters wide in every CAS layout (sign or pad, digits, decimal point). Holding to the
 * width is what keeps the tail of a frame cut by a reconnect (`34kg`) from reading as a weight.
 */
const FIELD = /^([+\-\d. ]{8})\s?([A-Za-z%]*)$/;

/**
 * CAS (and the A&D-style `ST,GS,` stream many indicators copy): the scale sends every displayed value, CR LF
 * terminated, without being asked. `ST` stable, `US` unstable, `OL` overload; `GS` gross, `NT` net.
 */
export class CasCodec implements ScaleCodec {
  readonly name = 'cas';
  readonly request = null;
  readonly defaultLink = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
  private readonly bareUnit: WeightUnit;

  constructor(options: CasOptions = {}) {
    this.bareUnit = options.bareUnit ?? 'kg';
  }

  frames(): FrameSplitter {
    // printableOnly strips the CR and the lamp byte; the parser accepts frames with or without it.
    return new DelimiterSplitter({ delimiter: LF, maxLength: 40, printableOnly: true });
  }

  parse(frame: Buffer): ScaleFrame | FrameError {
    const text = frame.toString('latin1').replace(/\r?\n?$/, '').replace(/\r$/, '').trimEnd();
    const headed = HEADED.exec(text);
    if (headed) {
      const [, state, kind, rest = ''] = headed;
      const net = kind === 'NT';
      if (state === 'OL') return { kind: 'status', motion: false, overCapacity: true, underZero: false, net };
      return this.weight(rest, state === 'ST', { net }, frame);
    }
    if (/^[+\-\d. ]{8}$/.test(text)) return this.weight(`${text}${this.bareUnit}`, true, { unflagged: true }, frame);
    if (/^[+\-\d. ]{8}\s?[A-Za-z]+$/.test(text)) return this.weight(text, true, { unflagged: true }, frame);
    return FrameError.of('MALFORMED', 'not a CAS weight line', frame);
  }

  private weight(data: string, stable: boolean, extra: { net?: boolean; unflagged?: boolean }, frame: Buffer): ScaleFrame | FrameError {
    const field = FIELD.exec(data.trimEnd());
    if (!field?.[1]) return FrameError.of('MALFORMED', 'CAS data field is not an 8-character number', frame);
    const unit = parseUnit(field[2] ?? '');
    if (!unit) return FrameError.of('UNIT', `unit "${field[2] ?? ''}" is not a weight unit`, frame);
    return weightFromText(field[1], unit, stable, extra) ?? FrameError.of('MALFORMED', 'CAS data field is not a number', frame);
  }
}
