import { describe, expect, it } from 'vitest';
import { MtSicsCodec } from '../../../../drivers/scales/mt-sics.codec';
import { FrameError, type ScaleFrame } from '../../../../drivers/scales/scale-protocol';
import { expectSameAtEveryCut, expectSameByteByByte, parseAll } from './codec-harness';
import { bytes, vectorsWithPrefix } from './scale-vectors';

const codec = new MtSicsCodec();
const vectors = vectorsWithPrefix('MTSICS-');

/** What each fixture's `expected` means in our frame model. */
const EXPECTED_ERRORS: Record<string, ScaleFrame | { error: string }> = {
  not_executable_busy_or_stability_timeout: { kind: 'status', motion: false, overCapacity: false, underZero: false, busy: true },
  overload: { kind: 'status', motion: false, overCapacity: true, underZero: false },
  underload: { kind: 'status', motion: false, overCapacity: false, underZero: true },
  logical_error_incorrect_parameter: { error: 'LOGICAL' },
  syntax_error: { error: 'SYNTAX' },
  transmission_error: { error: 'TRANSMISSION' },
  logical_error: { error: 'LOGICAL' },
};

describe('MT-SICS codec', () => {
  it('polls with SI by default and S on request', () => {
    expect(codec.request?.toString('latin1')).toBe('SI\r\n');
    expect(new MtSicsCodec({ command: 'S' }).request?.toString('latin1')).toBe('S\r\n');
  });

  it('zeroes with Z and tares with T; SIR mode streams instead of polling and restarts the stream after them', () => {
    expect(codec.commands.zero?.toString('latin1')).toBe('Z\r\n');
    expect(codec.commands.tare?.toString('latin1')).toBe('T\r\n');
    const sir = new MtSicsCodec({ command: 'SIR' });
    expect(sir.request).toBeNull();
    expect(sir.startup?.toString('latin1')).toBe('SIR\r\n');
    expect(sir.commands.zero?.toString('latin1')).toBe('Z\r\nSIR\r\n');
    // The tare acknowledgement carries the tare weight; it is not a reading of the load.
    expect(codec.parse(bytes('T S     100.00 g'))).toEqual({ kind: 'reply', command: 'T', status: 'S', fields: ['100.00', 'g'] });
    expect(codec.parse(bytes('S S     100.00 g'))).toMatchObject({ resolutionG: 0.01 });
  });

  it('has the weigh-command vectors of the fixture', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(18);
  });

  describe.each(vectors.filter((v) => 'weight' in v.expected))('$id $response', (vector) => {
    it('parses as the fixture expects', () => {
      const frame = codec.parse(bytes(vector.response));
      const { weight, unit, stable, error } = vector.expected as { weight: number | null; unit?: string; stable?: boolean; error?: string };
      if (weight !== null) {
        expect(unit).toBe('g');
        expect(frame).toMatchObject({ kind: 'weight', grams: weight, stable });
        return;
      }
      const want = EXPECTED_ERRORS[error ?? ''];
      expect(want, `no mapping for ${error}`).toBeDefined();
      if (want && 'error' in want) {
        expect(frame).toBeInstanceOf(FrameError);
        expect((frame as FrameError).code).toBe(want.error);
      } else {
        expect(frame).toEqual(want);
      }
    });
  });

  it('keeps acknowledgements and identification replies as reply frames (quoted fields whole)', () => {
    const byId = Object.fromEntries(vectors.map((v) => [v.id, codec.parse(bytes(v.response))]));
    expect(byId['MTSICS-10']).toEqual({ kind: 'reply', command: 'Z', status: 'A', fields: [] });
    expect(byId['MTSICS-11']).toEqual({ kind: 'reply', command: 'ZI', status: 'A', fields: [] });
    expect(byId['MTSICS-12']).toEqual({ kind: 'reply', command: 'TA', status: 'A', fields: ['2.486', 'g'] });
    expect(byId['MTSICS-14']).toEqual({ kind: 'reply', command: 'I4', status: 'A', fields: ['B207696838'] });
    expect(byId['MTSICS-15']).toEqual({ kind: 'reply', command: 'I1', status: 'A', fields: ['01', '2.30', '2.22', '', ''] });
    expect(byId['MTSICS-16']).toEqual({ kind: 'reply', command: 'I2', status: 'A', fields: ['WXS205SDU WXA-Bridge 220.00900 g'] });
  });

  it('splits multi-line replies into one frame per line (B = more follow, A = last)', () => {
    const i50 = vectors.find((v) => v.id === 'MTSICS-17');
    const frames = parseAll(codec, [bytes(i50?.response ?? '')]);
    expect(frames.map((f) => (f.kind === 'reply' ? [f.status, ...f.fields] : f.kind))).toEqual([
      ['B', '0', '535.141', 'g'],
      ['B', '1', '-18.973', 'g'],
      ['A', '2', '335.465', 'g'],
    ]);
  });

  it('normalises kg, mg, lb and oz to grams and keeps negative values', () => {
    expect(codec.parse(bytes('S S      1.705 kg'))).toMatchObject({ kind: 'weight', grams: 1705, stable: true });
    expect(codec.parse(bytes('S S    250 mg'))).toMatchObject({ kind: 'weight', grams: 0.25, stable: true });
    expect(codec.parse(bytes('S D      3.75 lb'))).toMatchObject({ kind: 'weight', grams: 1700.971, stable: false });
    expect(codec.parse(bytes('S S      0.45 oz'))).toMatchObject({ kind: 'weight', grams: 12.757, stable: true });
    expect(codec.parse(bytes('S S     -12.50 g'))).toMatchObject({ kind: 'weight', grams: -12.5, stable: true });
  });

  it('rejects non-weight units, non-spec statuses and noise with stable codes', () => {
    expect((codec.parse(bytes('S S    12 PCS')) as FrameError).code).toBe('UNIT');
    // InstrumentKit feeds `S A 1.234 g`; the manuals never send it, so stability cannot be trusted.
    expect((codec.parse(bytes('S A 1.234 g')) as FrameError).code).toBe('MALFORMED');
    expect((codec.parse(bytes('S S abc g')) as FrameError).code).toBe('MALFORMED');
    expect((codec.parse(bytes('hello world')) as FrameError).code).toBe('MALFORMED');
    expect((codec.parse(bytes('')) as FrameError).code).toBe('MALFORMED');
    expect((codec.parse(bytes('XYZ')) as FrameError).code).toBe('MALFORMED');
  });

  describe('as a byte stream', () => {
    const singleLine = vectors.filter((v) => v.response.split('\r\n').length === 2);
    const stream = bytes(singleLine.map((v) => v.response).join(''));
    const whole = parseAll(codec, [stream]);

    it('yields one frame per response line', () => {
      expect(whole).toHaveLength(singleLine.length);
      expect(whole[0]).toMatchObject({ kind: 'weight', grams: 100, stable: true });
    });

    it('yields the same frames whichever byte the stream is cut at', () => {
      expectSameAtEveryCut(codec, stream, whole);
    });

    it('yields the same frames fed one byte at a time', () => {
      expectSameByteByByte(codec, stream, whole);
    });

    it('skips line noise and survives garbage between frames', () => {
      const noisy = Buffer.concat([
        Buffer.from([0x00, 0xff, 0xfe]),
        bytes('S S     100.00 g\r\n'),
        bytes('#&%\r\n'),
        Buffer.from([0x00, 0x80]),
        bytes('S D      50.00 g\r\n'),
      ]);
      for (let cut = 0; cut <= noisy.length; cut++) {
        const frames = parseAll(codec, [noisy.subarray(0, cut), noisy.subarray(cut)]).filter((f) => f.kind !== 'error');
        expect(frames, `cut at ${cut}`).toMatchObject([
          { kind: 'weight', grams: 100, stable: true },
          { kind: 'weight', grams: 50, stable: false },
        ]);
      }
    });

    it('drops an endless line without growing the buffer, then reads the next frame', () => {
      const splitter = codec.frames();
      for (let i = 0; i < 100; i++) expect(splitter.push(bytes('x'.repeat(100)))).toEqual([]);
      const frames = splitter.push(bytes('yyy\r\nS S     100.00 g\r\n'));
      expect(frames.map((f) => codec.parse(f))).toMatchObject([{ kind: 'weight', grams: 100, stable: true }]);
    });
  });
});
