import { DelimiterSplitter } from '../serial/delimiter-splitter';
import type { FrameSplitter } from '../serial/frame-splitter';
import { FrameError } from './frame-error';
import { parseUnit, weightFromText, type ScaleCodec, type ScaleFrame, type StatusFrame, type WeightUnit } from './scale-protocol';

const ETX = Buffer.from([0x03]);
const WEIGHT = /^\s*(-?\s*\d*\.?\d+)\s*([A-Za-z]*)\s*$/;
const OVER = /^\s*\^+\s*[A-Za-z]*\s*$/;
const UNDER = /^\s*[_-]{2,}\s*[A-Za-z]*\s*$/;

/**
 * NCI / Weigh-Tronix SCP-01, the standard of NCI bench scales (also Brecknell, Avery Weigh-Tronix, Adam MDW):
 * `W CR` → `LF weight unit CR LF status… CR ETX`; `S CR` and `Z CR` → `LF status… CR ETX`; anything else →
 * `LF ? CR ETX`. Over capacity prints `^` in the weight field, under capacity `_` or `-`.
 */
export interface NciOptions {
  /** For indicators that print the number alone: the unit the display is set to (the station's `scale.unit`). */
  unit?: Extract<WeightUnit, 'g' | 'kg' | 'lb' | 'oz'>;
}

export class NciCodec implements ScaleCodec {
  readonly name = 'nci';
  readonly request = Buffer.from('W\r', 'latin1');
  readonly commands = { zero: Buffer.from('Z\r', 'latin1') };
  /** Status bytes carry their own parity in bit 7: the wire format is 7 data bits + even parity. */
  readonly defaultLink = { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 } as const;

  constructor(private readonly options: NciOptions = {}) {}

  frames(): FrameSplitter {
    return new DelimiterSplitter({ delimiter: ETX, maxLength: 48 });
  }

  parse(frame: Buffer): ScaleFrame | FrameError {
    const raw = frame.toString('latin1');
    const text = raw.endsWith('\x03') ? raw.slice(0, -1) : raw;
    // Every reply starts with LF right after the previous ETX: anything else is the tail of a cut frame.
    if (!text.startsWith('\n')) return FrameError.of('MALFORMED', 'NCI reply without its leading LF', frame);
    const body = text.slice(1);
    if (body === '?\r') return FrameError.of('SYNTAX', 'scale did not recognise the command', frame);
    const withWeight = /^([^\r\n]*)\r\n([^\r\n]*)\r$/.exec(body);
    const statusOnly = /^([^\r\n]*)\r$/.exec(body);
    const statusText = withWeight ? withWeight[2] : statusOnly?.[1];
    const status = statusText === undefined ? null : parseStatus(statusText);
    if (!status) return FrameError.of('MALFORMED', 'not an NCI weight or status reply', frame);
    if (!withWeight) return status;
    const field = withWeight[1] ?? '';
    if (OVER.test(field)) return { ...status, overCapacity: true };
    if (UNDER.test(field)) return { ...status, underZero: true };
    if (status.overCapacity || status.underZero || status.fault) return status;
    const weight = WEIGHT.exec(field);
    if (!weight?.[1]) return FrameError.of('MALFORMED', 'NCI weight field is not "<value><unit>"', frame);
    const printed = weight[2] ?? '';
    const unit = printed === '' ? (this.options.unit ?? null) : parseUnit(printed);
    if (!unit) {
      return printed === ''
        ? FrameError.of('UNIT', 'NCI weight without a unit: set scale.unit to the unit the scale displays', frame)
        : FrameError.of('UNIT', `unit "${printed}" is not a weight unit`, frame);
    }
    return weightFromText(weight[1].replace(/\s+/g, ''), unit, !status.motion) ?? FrameError.of('MALFORMED', 'weight is not a number', frame);
  }
}

/**
 * Two or more status bytes; bits 4 and 5 are always 1, bit 6 of byte 2 onwards says another byte follows.
 * Byte 1: b0 motion, b1 at zero, b2 RAM error, b3 EEPROM error. Byte 2: b0 under capacity, b1 over capacity,
 * b2 ROM error, b3 faulty calibration. Bytes that break the fixed bits are not a status: null.
 */
function parseStatus(text: string): StatusFrame | null {
  const bytes = [...text].map((c) => c.charCodeAt(0));
  if (bytes.length < 2) return null;
  for (const [i, byte] of bytes.entries()) {
    if ((byte & 0xb0) !== 0x30) return null;
    const follows = (byte & 0x40) !== 0;
    if (follows !== (i >= 1 && i < bytes.length - 1)) return null;
  }
  const [first = 0, second = 0] = bytes;
  const fault = describeFault(first, second);
  const status: StatusFrame = {
    kind: 'status',
    motion: (first & 1) !== 0,
    overCapacity: (second & 2) !== 0,
    underZero: (second & 1) !== 0,
    centerOfZero: (first & 2) !== 0,
    raw: first | (second << 8),
  };
  if (fault) status.fault = fault;
  return status;
}

function describeFault(first: number, second: number): string | undefined {
  if (first & 4) return 'RAM error';
  if (first & 8) return 'EEPROM error';
  if (second & 4) return 'ROM error';
  if (second & 8) return 'faulty calibration';
  return undefined;
}
