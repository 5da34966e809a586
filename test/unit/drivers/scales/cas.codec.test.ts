/**
 * Vectors: test/fixtures/scales (VECTORS.md CAS-01..08), from
 * - CAS NT-200 manual §14 "CAS Protocol (22 bytes)" (easymanua.ls/cas/weighing-solution-nt-200-series/manual?p=48)
 *   and CAS CI-600D manual §10 (easymanua.ls/cas/ci-600d-series/manual?p=74): `ST|US|OL , GS|NT , id lamp ,
 *   data(8) unit CR LF`, the 10-byte bare format and the 18-byte "AND" format;
 * - Gram Precision CM-15 manual p.15, byte-by-byte examples (`ST,NT,+000.876kg`, `US,GS,-001.568lb`).
 */
import { describe, expect, it } from 'vitest';
import { CasCodec } from '../../../../drivers/scales/cas.codec';
import type { FrameError, ScaleCodec, ScaleFrame } from '../../../../drivers/scales/scale-protocol';
import { bytes, expectChunkingInvariant } from './codec-harness';
import { vectorsWithPrefix } from './scale-vectors';

const codec = new CasCodec();

describe('CAS codec', () => {
  it('is continuous: never polled, no commands', () => {
    expect(codec.request).toBeNull();
    expect((codec as ScaleCodec).commands).toBeUndefined();
  });

  const expectations: Record<string, ScaleFrame | string> = {
    'CAS-01': { kind: 'weight', grams: 13_500, stable: true, net: false, resolutionG: 100 },
    'CAS-02': { kind: 'weight', grams: 13_500, stable: false, net: true, resolutionG: 100 },
    'CAS-03': { kind: 'weight', grams: 13_500, stable: true, unflagged: true, resolutionG: 100 },
    'CAS-04': { kind: 'weight', grams: 13_500, stable: true, net: false, resolutionG: 100 },
    'CAS-05': { kind: 'weight', grams: 876, stable: true, net: true, resolutionG: 1 },
    'CAS-06': { kind: 'weight', grams: -711.233, stable: false, net: false, resolutionG: 0.453592 },
    'CAS-07': 'UNIT',
    'CAS-08': { kind: 'weight', grams: 876, stable: true, unflagged: true, resolutionG: 1 },
  };

  describe.each(vectorsWithPrefix('CAS-'))('$id $response', (vector) => {
    it('parses as the document says', () => {
      const want = expectations[vector.id];
      const frame = codec.parse(bytes(vector.response));
      if (typeof want === 'string') expect((frame as FrameError).code).toBe(want);
      else expect(frame).toEqual(want);
    });

    it('parses the same after the splitter (which strips CR and the lamp byte)', () => {
      const code = (f: ScaleFrame | FrameError): unknown => (f.kind === 'error' ? f.code : f);
      const frames = codec.frames().push(bytes(vector.response)).map((f) => code(codec.parse(f)));
      expect(frames).toEqual([code(codec.parse(bytes(vector.response)))]);
    });
  });

  it('reads the spaced form, overload and unstable lines', () => {
    expect(codec.parse(bytes('ST,GS,+  1.234kg\r\n'))).toEqual({ kind: 'weight', grams: 1234, stable: true, net: false, resolutionG: 1 });
    expect(codec.parse(bytes('US,GS,+  1.234kg'))).toMatchObject({ kind: 'weight', stable: false });
    expect(codec.parse(bytes('OL,GS,+  .    kg'))).toEqual({ kind: 'status', motion: false, overCapacity: true, underZero: false, net: false });
    expect((codec.parse(bytes('ST,GS,+  abcdekg')) as FrameError).code).toBe('MALFORMED');
    expect((codec.parse(bytes('XX,GS,+  1.234kg')) as FrameError).code).toBe('MALFORMED');
    expect((codec.parse(bytes('12')) as FrameError).code).toBe('MALFORMED');
  });

  it('gives the same frames at every chunk boundary, with garbage and partial frames interleaved', () => {
    const stream = Buffer.concat([
      bytes('1.234kg\r\n'.slice(3)),
      bytes('ST,GS,+  1.234kg\r\n'),
      Buffer.from([0x00, 0xc4, 0xff]),
      bytes('ST,GS,1\xc4,000013.5 kg\r\n'),
      bytes('US,G'),
      bytes('\r\n'),
      bytes('OL,GS,+ 999.999kg\r\n'),
      bytes('US,NT,-  0.020kg\r\n'),
    ]);
    const frames = expectChunkingInvariant(codec, stream).filter((f) => f.kind !== 'error');
    expect(frames).toEqual([
      { kind: 'weight', grams: 1234, stable: true, net: false, resolutionG: 1 },
      { kind: 'weight', grams: 13_500, stable: true, net: false, resolutionG: 100 },
      { kind: 'status', motion: false, overCapacity: true, underZero: false, net: false },
      { kind: 'weight', grams: -20, stable: false, net: true, resolutionG: 1 },
    ]);
  });
});
