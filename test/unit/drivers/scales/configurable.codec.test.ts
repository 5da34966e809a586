/**
 * The configurable protocol, exercised with a real scale format no built-in codec speaks: Ohaus RS232 print
 * output (Ohaus RS232 interface manual EN-3, "Output examples", manualslib.fr/manual/558648 page 5; VECTORS.md
 * OHAUS-01..04: value right-aligned, unit, `?` while unstable). SAMPLE_CONFIGURABLE_SCALE is that configuration.
 */
import { describe, expect, it } from 'vitest';
import { ConfigurableScaleSchema } from '../../../../app/domain';
import { StationError } from '../../../../app/domain/errors';
import { ConfigurableCodec } from '../../../../drivers/scales/configurable.codec';
import { SAMPLE_CONFIGURABLE_SCALE } from '../../../../drivers/sim/configurable-scale.sim';
import { unescapeBytes } from '../../../../drivers/scales/escaped-bytes';
import type { FrameError } from '../../../../drivers/scales/scale-protocol';
import { scaleCodec } from '../../../../drivers/scales/scale-codecs';
import { bytes, expectChunkingInvariant } from './codec-harness';
import { vectorsWithPrefix } from './scale-vectors';

const codec = new ConfigurableCodec(SAMPLE_CONFIGURABLE_SCALE);

describe('configurable codec', () => {
  it('turns the escaped config strings into bytes', () => {
    expect(codec.request?.toString('latin1')).toBe('IP\r\n');
    expect(codec.commands).toEqual({ zero: bytes('Z\r\n'), tare: bytes('T\r\n') });
    expect(codec.reportsStability).toBe(true);
    expect(unescapeBytes('\\x02W\\x03\\t\\\\\\0\\e', 'f')).toEqual(Buffer.from([2, 0x57, 3, 9, 0x5c, 0, 0x1b]));
    expect(() => unescapeBytes('\\q', 'scale.configurable.request')).toThrow(/unknown escape/);
    expect(() => unescapeBytes('\\x4', 'f')).toThrow(/two hex digits/);
  });

  const expected: Record<string, object> = {
    'OHAUS-01': { kind: 'weight', grams: 0, stable: true, resolutionG: 0.01 },
    'OHAUS-02': { kind: 'weight', grams: 12.73, stable: false, resolutionG: 0.01 },
    'OHAUS-03': { kind: 'weight', grams: 12.757, stable: true, resolutionG: 0.002835 },
    'OHAUS-04': { kind: 'weight', grams: 211, stable: false, resolutionG: 1 },
  };

  describe.each(vectorsWithPrefix('OHAUS-'))('$id $response', (vector) => {
    it('parses with the sample pattern as the manual says', () => {
      expect(codec.parse(bytes(vector.response))).toEqual(expected[vector.id]);
    });
  });

  it.each([
    ['kg, stable', '       1.234 kg    ', { kind: 'weight', grams: 1234, stable: true, resolutionG: 1 }],
    ['lb, unstable', '       3.75 lb   ?', { kind: 'weight', grams: 1700.971, stable: false, resolutionG: 4.535924 }],
    ['negative', '      -0.50 g     ', { kind: 'weight', grams: -0.5, stable: true, resolutionG: 0.01 }],
    ['uppercase unit', '     100.00 G     ', { kind: 'weight', grams: 100, stable: true, resolutionG: 0.01 }],
  ])('%s', (_name, line, want) => {
    expect(codec.parse(bytes(line))).toEqual(want);
  });

  it('supports a stable group, a default unit and a flagless pattern', () => {
    const stx = new ConfigurableCodec(
      ConfigurableScaleSchema.parse({ request: null, terminator: '\\x03', pattern: '^\\x02(?<stable>S)?[SU](?<weight>[+-] *\\d+\\.\\d+)$', defaultUnit: 'lb' }),
    );
    expect(stx.request).toBeNull();
    expect(stx.commands).toEqual({});
    expect(stx.parse(bytes('\x02SS+  1.50'))).toEqual({ kind: 'weight', grams: 680.389, stable: true, resolutionG: 4.535924 });
    expect(stx.parse(bytes('\x02U-  1.50'))).toMatchObject({ kind: 'weight', stable: false });
    const bare = new ConfigurableCodec(ConfigurableScaleSchema.parse({ pattern: '^(?<weight>\\d+)$', defaultUnit: 'g' }));
    expect(bare.reportsStability).toBe(false);
    expect(bare.parse(bytes('250'))).toEqual({ kind: 'weight', grams: 250, stable: true, unflagged: true, resolutionG: 1 });
  });

  it('refuses what the pattern does not match, and non-weight units', () => {
    expect((codec.parse(bytes('  --------  g    ')) as FrameError).code).toBe('MALFORMED');
    expect((codec.parse(bytes('      12 PCS    ')) as FrameError).code).toBe('UNIT');
    expect((codec.parse(bytes('hello')) as FrameError).code).toBe('MALFORMED');
  });

  it('fails at start-up on a bad pattern, a pattern without weight, or a missing block', () => {
    const make = (pattern: string) => () => new ConfigurableCodec(ConfigurableScaleSchema.parse({ pattern }));
    expect(make('(?<weight>[')).toThrow(StationError);
    expect(make('(?<value>\\d+)')).toThrow(/\(\?<weight>/);
    expect(() => scaleCodec('configurable')).toThrow(/configurable/);
  });

  it('gives the same frames at every chunk boundary, with garbage and partial frames interleaved', () => {
    const stream = Buffer.concat([
      bytes('.73 g    ?\r\n'),
      bytes('       12.73 g    ?\r\n'),
      Buffer.from([0x00, 0xff, 0x0d]),
      bytes('\r\n      0.4500 oz    \r\n'),
      bytes('garbage\r\n'),
    ]);
    const frames = expectChunkingInvariant(codec, stream).filter((f) => f.kind !== 'error');
    expect(frames).toEqual([
      { kind: 'weight', grams: 12.73, stable: false, resolutionG: 0.01 },
      { kind: 'weight', grams: 12.757, stable: true, resolutionG: 0.002835 },
    ]);
  });
});
