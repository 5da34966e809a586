import { describe, expect, it } from 'vitest';
import type { FrameError, ScaleFrame } from '../../../../drivers/scales/scale-protocol';
import { Toledo8217Codec } from '../../../../drivers/scales/toledo-8217.codec';
import { expectSameAtEveryCut, expectSameByteByByte, parseAll } from './codec-harness';
import { bytes, vectorsWithPrefix } from './scale-vectors';

const codec = new Toledo8217Codec();
const vectors = vectorsWithPrefix('T821');
const LB = 453.59237;
const grams = (value: number, perUnit: number): number => Math.round(value * perUnit * 1000) / 1000;

const FLAG_NAMES: Record<string, keyof Extract<ScaleFrame, { kind: 'status' }>> = {
  motion: 'motion',
  over_capacity: 'overCapacity',
  under_zero: 'underZero',
  center_of_zero: 'centerOfZero',
};

describe('Toledo 8213/8217 codec', () => {
  it('asks with a bare W and is specified at 9600 7E1', () => {
    expect(codec.request.toString('latin1')).toBe('W');
    expect(codec.defaultLink).toEqual({ baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 });
  });

  it('zeroes with Z and tares with T (DIVA command table), keeping the resolution of the record', () => {
    expect(codec.commands.zero.toString('latin1')).toBe('Z');
    expect(codec.commands.tare.toString('latin1')).toBe('T');
    expect(codec.parse(bytes('\x0201.705\r'))).toMatchObject({ resolutionG: 1 });
    expect(codec.parse(bytes('\x0203.75\r'))).toMatchObject({ resolutionG: 4.535924 });
  });

  describe.each(vectors.filter((v) => 'weight' in v.expected))('$id', (vector) => {
    const expected = vector.expected as { weight: number | null; unit?: string; net?: boolean; flags?: string[] };

    it('parses the whole record as the fixture expects', () => {
      const frame = codec.parse(bytes(vector.response));
      if (expected.weight === null) {
        expect(frame.kind).toBe('status');
        const status = frame as Extract<ScaleFrame, { kind: 'status' }>;
        const set = Object.entries(FLAG_NAMES).filter(([, key]) => status[key] === true).map(([name]) => name);
        expect(set).toEqual(expected.flags ?? []);
        expect(status.raw).toBe(vector.response.charCodeAt(2));
        return;
      }
      // 'auto' unit: 2 decimals = lb, 3 decimals = kg, as the DIVA manual implies.
      const perUnit = vector.response.includes('.') && /\.\d{3}/.test(vector.response) ? 1000 : LB;
      if (expected.unit) expect(expected.unit.startsWith(perUnit === 1000 ? 'kg' : 'lb') || expected.unit === 'not transmitted').toBe(true);
      const want: ScaleFrame = { kind: 'weight', grams: grams(expected.weight, perUnit), stable: true };
      expect(frame).toMatchObject(expected.net ? { ...want, net: true } : want);
    });

    it('reads the same number as Odoo’s regex', () => {
      const frame = codec.parse(bytes(vector.response));
      const measure = vector.odoo_regex_check?.measure ?? null;
      if (measure === null) expect(frame.kind).not.toBe('weight');
      else expect(frame.kind === 'weight' ? frame.grams : NaN).toBeCloseTo(measure * (/\.\d{3}/.test(vector.response) ? 1000 : LB), 2);
    });
  });

  it('answers the Odoo probe with an echo reply and ignores the echoed text', () => {
    const probe = vectors.find((v) => v.id === 'T8217-01');
    expect(parseAll(codec, [bytes(probe?.response ?? '')])).toEqual([{ kind: 'reply', command: 'E', status: '', fields: [] }]);
  });

  it('fixes the unit when configured, for scales set up outside the DIVA convention', () => {
    expect(new Toledo8217Codec({ unit: 'kg' }).parse(bytes('\x0203.75\r'))).toMatchObject({ kind: 'weight', grams: 3750, stable: true });
    expect(new Toledo8217Codec({ unit: 'lb' }).parse(bytes('\x0201.705\r'))).toMatchObject({ kind: 'weight', grams: 773.375, stable: true });
    expect(codec.parse(bytes('\x02001234\r'))).toMatchObject({ kind: 'weight', grams: 1234, stable: true });
  });

  it('rejects what is not a record', () => {
    expect((codec.parse(bytes('\x0201.7\r')) as FrameError).code).toBe('UNIT');
    expect((codec.parse(bytes('\x02hello\r')) as FrameError).code).toBe('MALFORMED');
    expect((codec.parse(bytes('\x02\r')) as FrameError).code).toBe('MALFORMED');
    expect((codec.parse(bytes('\x021.2.3\r')) as FrameError).code).toBe('MALFORMED');
  });

  describe('as a byte stream', () => {
    const records = vectors.filter((v) => v.id !== 'T8217-01').map((v) => v.response);
    const stream = bytes(records.join(''));
    const whole = parseAll(codec, [stream]);

    it('yields one frame per record', () => {
      expect(whole).toHaveLength(records.length);
      expect(whole.every((f) => f.kind !== 'error')).toBe(true);
    });

    it('yields the same frames whichever byte the stream is cut at', () => {
      expectSameAtEveryCut(codec, stream, whole);
    });

    it('yields the same frames fed one byte at a time', () => {
      expectSameByteByByte(codec, stream, whole);
    });

    it('skips noise outside records and restarts on a record cut short', () => {
      const noisy = Buffer.concat([
        bytes('garbage\r'),
        Buffer.from([0x00, 0xff]),
        bytes('\x0201.7'), // cut short: the next STX starts over
        bytes('\x0201.705\r'),
        bytes('hello'),
        bytes('\x02?A\r'),
      ]);
      for (let cut = 0; cut <= noisy.length; cut++) {
        expect(parseAll(codec, [noisy.subarray(0, cut), noisy.subarray(cut)]).map((f) => f.kind), `cut at ${cut}`).toEqual(['weight', 'status']);
      }
    });

    it('drops an over-long record instead of buffering it', () => {
      const splitter = codec.frames();
      expect(splitter.push(bytes(`\x02${'9'.repeat(10_000)}\r`))).toEqual([]);
      expect(splitter.push(bytes('\x0201.000\r')).map((f) => codec.parse(f))).toMatchObject([{ kind: 'weight', grams: 1000, stable: true }]);
    });
  });
});
