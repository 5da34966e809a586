/**
 * Vectors: test/fixtures/scales (VECTORS.md NCI-01..06, ADAM-06) from the NCI / Weigh-Tronix SCP-01
 * standard: Avery Weigh-Tronix 7821 User Instructions §6.3 (easymanua.ls/avery-weigh-tronix/7821/manual?p=25),
 * NCI 7800 manual p.32 (easymanua.ls/nci/7800/manual?p=32), Salter Brecknell 3700LP "NCI protocol"
 * (manualsdir.com/manuals/634840 page 11: grams as `_XXXXg_`), Adam MDW-L §8.5 (over capacity `^`, under `_`/`-`;
 * kitchen.manualsonline.com … mdw300l.html?p=15) and the status-bit table (DIVA service manual p.37).
 */
import { describe, expect, it } from 'vitest';
import { NciCodec } from '../../../../drivers/scales/nci.codec';
import type { FrameError, ScaleFrame } from '../../../../drivers/scales/scale-protocol';
import { bytes, expectChunkingInvariant } from './codec-harness';
import { vectorsWithPrefix } from './scale-vectors';

const codec = new NciCodec();
const status = (over: Partial<Extract<ScaleFrame, { kind: 'status' }>>): object => ({
  kind: 'status',
  motion: false,
  overCapacity: false,
  underZero: false,
  centerOfZero: false,
  ...over,
});

describe('NCI codec', () => {
  it('asks with W CR and zeroes with Z CR; no tare in the NCI standard', () => {
    expect(codec.request.toString('latin1')).toBe('W\r');
    expect(codec.commands.zero.toString('latin1')).toBe('Z\r');
    expect('tare' in codec.commands).toBe(false);
  });

  const expectations: Record<string, object | string> = {
    'NCI-01': { kind: 'weight', grams: 566.99, stable: true, resolutionG: 4.535924 },
    'NCI-02': { kind: 'weight', grams: 2500, stable: false, resolutionG: 10 },
    'NCI-03': { kind: 'weight', grams: 0, stable: true, resolutionG: 4.535924 },
    'NCI-04': status({ overCapacity: true, raw: 0x3230 }),
    'NCI-05': status({ underZero: true, raw: 0x3130 }),
    'NCI-06': 'SYNTAX',
  };

  describe.each(vectorsWithPrefix('NCI-'))('$id $response', (vector) => {
    it('parses as the document says', () => {
      const want = expectations[vector.id];
      const frame = codec.parse(bytes(vector.response));
      if (typeof want === 'string') expect((frame as FrameError).code).toBe(want);
      else expect(frame).toEqual(want);
    });
  });

  it.each([
    ['grams (3700LP)', '\n 1234g \r\n00\r\x03', { kind: 'weight', grams: 1234, stable: true, resolutionG: 1 }],
    ['negative', '\n-001.25lb\r\n00\r\x03', { kind: 'weight', grams: -566.99, stable: true, resolutionG: 4.535924 }],
    ['over capacity field', '\n^^^^^^^lb\r\n02\r\x03', status({ overCapacity: true, raw: 0x3230 })],
    ['under capacity field', '\n_______lb\r\n01\r\x03', status({ underZero: true, raw: 0x3130 })],
    ['status says over, field has digits', '\n0100.00lb\r\n02\r\x03', status({ overCapacity: true, raw: 0x3230 })],
    ['three status bytes', '\n0001.00kg\r\n0p0\r\x03', { kind: 'weight', grams: 1000, stable: true, resolutionG: 10 }],
    ['EEPROM error', '\n80\r\x03', status({ fault: 'EEPROM error', raw: 0x3038 })],
    ['at zero after Z', '\n20\r\x03', status({ centerOfZero: true, raw: 0x3032 })],
  ])('%s', (_name, reply, expected) => {
    expect(codec.parse(bytes(reply))).toEqual(expected);
  });

  it('refuses replies whose status bytes break the fixed bits, or have no leading LF', () => {
    for (const bad of ['\n0001.25lb\r\nAB\r', '\n0001.25lb\r\n0\r', '0001.25lb\r\n00\r', '\n00\r\n00\r', '\nxx.xxlb\r\n00\r', '\n0p\r']) {
      expect((codec.parse(bytes(bad)) as FrameError).code, JSON.stringify(bad)).toMatch(/MALFORMED|UNIT/);
    }
    expect((codec.parse(bytes('\n0001.25pc\r\n00\r')) as FrameError).code).toBe('UNIT');
  });

  it('gives the same frames at every chunk boundary, with garbage and partial frames interleaved', () => {
    const stream = Buffer.concat([
      bytes('25lb\r\n00\r\x03'),
      bytes('\n0002.50kg\r\n10\r\x03'),
      Buffer.from([0x00, 0xff, 0x03]),
      bytes('\n?\r\x03'),
      bytes('\n0000.00lb\r\n20\r\x03'),
    ]);
    const frames = expectChunkingInvariant(codec, stream).filter((f) => f.kind !== 'error');
    expect(frames).toEqual([
      { kind: 'weight', grams: 2500, stable: false, resolutionG: 10 },
      { kind: 'weight', grams: 0, stable: true, resolutionG: 4.535924 },
    ]);
  });
});
