import type { FrameSplitter } from '../serial/frame-splitter';
import { FrameError } from './frame-error';
import { StxFrameSplitter } from './stx-frame-splitter';
import { weightFromText, type ScaleCodec, type ScaleFrame, type WeightUnit } from './scale-protocol';

/**
 * The weight record carries no unit. 'auto' (default) follows the DIVA service manual: 3 decimals = kg
 * (`WW.WWW`), 2 decimals = lb (`WW.WW`), no decimals = g (Brecknell's gram mode `0XXXXX`). A scale set up
 * otherwise (e.g. lb with 3 decimals) needs the unit fixed here.
 */
export type ToledoUnit = 'auto' | Extract<WeightUnit, 'kg' | 'lb' | 'g' | 'oz'>;

export interface Toledo8217Options {
  unit?: ToledoUnit;
}

const STX = 0x02;
const CR = 0x0d;
const WEIGHT = /^\s*(\d+(?:\.(\d+))?)(N?)\s*$/;
const AUTO_UNIT_BY_DECIMALS: Record<number, WeightUnit> = { 0: 'g', 2: 'lb', 3: 'kg' };

/**
 * Mettler Toledo 8213/8217 demand protocol (also spoken by Magellan scanner-scales and most POS scales):
 * send `W`, get `STX weight [N] CR`, or `STX ? status CR` when there is no valid weight (motion, overload...).
 */
export class Toledo8217Codec implements ScaleCodec {
  readonly name = 'toledo-8217';
  readonly request = Buffer.from('W', 'latin1');
  /** DIVA command table: `Z` zeroes, `T` tares; both answer with a status record (center of zero / net bit). */
  readonly commands = { zero: Buffer.from('Z', 'latin1'), tare: Buffer.from('T', 'latin1') };
  readonly defaultLink = { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 } as const;
  private readonly unit: ToledoUnit;

  constructor(options: Toledo8217Options = {}) {
    this.unit = options.unit ?? 'auto';
  }

  frames(): FrameSplitter {
    return new StxFrameSplitter();
  }

  parse(frame: Buffer): ScaleFrame | FrameError {
    // Accept the bare body (from the splitter) or a whole `STX … CR` record (fixtures, logs).
    const start = frame[0] === STX ? 1 : 0;
    const end = frame[frame.length - 1] === CR ? frame.length - 1 : frame.length;
    const body = frame.toString('latin1', start, Math.max(start, end));
    const status = /^\s*\?(.)$/s.exec(body);
    if (status?.[1] !== undefined) return parseStatus(status[1].charCodeAt(0));
    if (body === 'E') return { kind: 'reply', command: 'E', status: '', fields: [] };
    const weight = WEIGHT.exec(body);
    if (!weight?.[1]) return FrameError.of('MALFORMED', 'not a Toledo weight or status record', frame);
    const decimals = weight[2]?.length ?? 0;
    const unit = this.unit === 'auto' ? AUTO_UNIT_BY_DECIMALS[decimals] : this.unit;
    if (!unit) return FrameError.of('UNIT', `cannot tell the unit of a weight with ${decimals} decimals`, frame);
    // The scale sends a status record instead of a weight while in motion, so any weight record is stable.
    const net = weight[3] === 'N' ? { net: true } : {};
    return weightFromText(weight[1], unit, true, net) ?? FrameError.of('MALFORMED', 'weight is not a number', frame);
  }
}

/**
 * Status byte, LSB first: motion, over capacity, under zero, outside zero capture range, center of zero,
 * net. Bit 6 is always 1 per the DIVA manual (Odoo calls it "bad command" and so reads every status as an
 * error); bit 7 is parity. Neither is a condition, so both are ignored.
 */
function parseStatus(byte: number): ScaleFrame {
  const bit = (n: number): boolean => (byte & (1 << n)) !== 0;
  return {
    kind: 'status',
    motion: bit(0),
    overCapacity: bit(1),
    underZero: bit(2),
    outsideZeroRange: bit(3),
    centerOfZero: bit(4),
    net: bit(5),
    raw: byte & 0x7f,
  };
}
