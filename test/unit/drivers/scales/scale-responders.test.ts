import { describe, expect, it } from 'vitest';
import { MtSicsResponder } from '../../../../drivers/scales/mt-sics.responder';
import { scaleCodec, supportedScaleProtocols } from '../../../../drivers/scales/scale-codecs';
import type { SimulatedScaleState } from '../../../../drivers/scales/scale-responder';
import { Toledo8217Responder } from '../../../../drivers/scales/toledo-8217.responder';

const state = (over: Partial<SimulatedScaleState> = {}): SimulatedScaleState => ({ grams: 0, stable: true, capacityG: 30_000, zeroOffsetG: 0, ...over });
const text = (replies: Buffer[]): string[] => replies.map((r) => r.toString('latin1'));

describe('scale codec registry', () => {
  it('has a codec for every configured protocol', () => {
    expect(supportedScaleProtocols().sort()).toEqual(['mt-sics', 'toledo-8217']);
    expect(scaleCodec('mt-sics').name).toBe('mt-sics');
    expect(scaleCodec('toledo-8217', { unit: 'lb' }).name).toBe('toledo-8217');
  });
});

describe('MT-SICS responder (simulator side)', () => {
  it('answers S/SI the way the fixtures show, right-aligned in a 10-character field', () => {
    const s = state({ grams: 100 });
    const r = new MtSicsResponder(() => s);
    expect(text(r.push(Buffer.from('S\r\nSI\r\n')))).toEqual(['S S     100.00 g\r\n', 'S S     100.00 g\r\n']);
    s.stable = false;
    expect(text(r.push(Buffer.from('S\r\nSI\r')))).toEqual(['S I\r\n']);
    expect(text(r.push(Buffer.from('\n')))).toEqual(['S D     100.00 g\r\n']);
    s.grams = 40_000;
    expect(text(r.push(Buffer.from('SI\r\nXX\r\n')))).toEqual(['S +\r\n', 'ES\r\n']);
  });

  it('zeroes when stable', () => {
    const s = state({ grams: 12 });
    const r = new MtSicsResponder(() => s);
    expect(text(r.push(Buffer.from('Z\r\nSI\r\n')))).toEqual(['Z A\r\n', 'S S       0.00 g\r\n']);
  });

  it('round-trips through the codec', () => {
    const codec = scaleCodec('mt-sics');
    const r = new MtSicsResponder(() => state({ grams: 1234.56, stable: false }));
    const frames = r.push(codec.request ?? Buffer.alloc(0)).flatMap((reply) => codec.frames().push(reply));
    expect(frames.map((f) => codec.parse(f))).toEqual([{ kind: 'weight', grams: 1234.56, stable: false }]);
  });
});

describe('Toledo 8217 responder (simulator side)', () => {
  it('answers W with kg to 3 decimals, or lb to 2', () => {
    expect(text(new Toledo8217Responder(() => state({ grams: 1705 })).push(Buffer.from('W')))).toEqual(['\x0201.705\r']);
    expect(text(new Toledo8217Responder(() => state({ grams: 1700.97 }), 'lb').push(Buffer.from('W')))).toEqual(['\x0203.75\r']);
  });

  it('answers with status records for motion, overload and under zero', () => {
    const s = state({ grams: 10, stable: false });
    const r = new Toledo8217Responder(() => s);
    expect(text(r.push(Buffer.from('W')))).toEqual(['\x02?A\r']);
    Object.assign(s, { stable: true, grams: 40_000 });
    expect(text(r.push(Buffer.from('W')))).toEqual(['\x02?B\r']);
    Object.assign(s, { grams: 5, zeroOffsetG: 10 });
    expect(text(r.push(Buffer.from('W')))).toEqual(['\x02?D\r']);
  });

  it('passes Odoo’s probe: Ehello is echoed as STX E CR hello, F ends echo mode', () => {
    const r = new Toledo8217Responder(() => state({ grams: 1000 }));
    expect(Buffer.concat(r.push(Buffer.from('Ehello'))).toString('latin1')).toBe('\x02E\rhello');
    expect(text(r.push(Buffer.from('FW')))).toEqual(['\x0201.000\r']);
  });

  it('round-trips through the codec', () => {
    const codec = scaleCodec('toledo-8217');
    const r = new Toledo8217Responder(() => state({ grams: 2500 }));
    const splitter = codec.frames();
    const frames = r.push(codec.request ?? Buffer.alloc(0)).flatMap((reply) => splitter.push(reply));
    expect(frames.map((f) => codec.parse(f))).toEqual([{ kind: 'weight', grams: 2500, stable: true }]);
  });
});
