/**
 * `scale.unit` for frames that carry no unit (Toledo 8213/8217, NCI indicators printing the number alone) and
 * `scale.maxG`, the one plausibility bound every protocol's weights pass. Vectors from test/fixtures/scales.
 */
import { describe, expect, it, vi } from 'vitest';
import { ScaleConfigSchema } from '../../../../app/domain';
import { SerialScale } from '../../../../drivers/scales/serial-scale';
import { DEVICE_ERROR_WINDOW_MS } from '../../../../drivers/serial/device-error-log';
import { NciCodec } from '../../../../drivers/scales/nci.codec';
import { scaleCodec } from '../../../../drivers/scales/scale-codecs';
import { Toledo8217Codec } from '../../../../drivers/scales/toledo-8217.codec';
import { FakeClock } from '../../../support/fake-clock';
import { FakeOpener } from '../serial/fake-byte-link';
import { serialScaleRig } from './scale-rig';
import { bytes, vectorsWithPrefix } from './scale-vectors';

const LB = 453.59237;
const vector = (id: string): Buffer => {
  const found = vectorsWithPrefix(id)[0];
  if (!found) throw new Error(`no vector ${id}`);
  return bytes(found.response);
};

describe('scale.unit on the codecs', () => {
  it('Toledo: the unit overrides the guess from the decimals (T8213-11 sends no unit; T8217-04 3 decimals)', () => {
    // A Transcell 8213 set to kg with 2 decimals: the decimals rule would read 12.34 lb.
    expect(new Toledo8217Codec().parse(vector('T8213-11'))).toMatchObject({ grams: Math.round(12.34 * LB * 1000) / 1000 });
    expect(new Toledo8217Codec({ unit: 'kg' }).parse(vector('T8213-11'))).toMatchObject({ kind: 'weight', grams: 12340, resolutionG: 10 });
    // A scale set to lb with 3 decimals: the rule would read 1.705 kg.
    expect(new Toledo8217Codec({ unit: 'lb' }).parse(vector('T8217-04'))).toMatchObject({ grams: 773.375, stable: true });
    expect(new Toledo8217Codec({ unit: 'g' }).parse(vector('T8217-04'))).toMatchObject({ grams: 1.705 });
    expect(new Toledo8217Codec({ unit: 'oz' }).parse(vector('T8217-06'))).toMatchObject({ grams: 48.336, net: true });
  });

  it('NCI: a frame without unit letters takes scale.unit; without it, it is a UNIT frame error naming the fix', () => {
    const unitless = bytes('\n0001.25\r\n00\r\x03');
    expect(new NciCodec({ unit: 'kg' }).parse(unitless)).toMatchObject({ kind: 'weight', grams: 1250, stable: true });
    expect(new NciCodec().parse(unitless)).toMatchObject({ kind: 'error', code: 'UNIT', message: expect.stringMatching(/scale\.unit/) });
    // A unit printed in the frame still wins (NCI-01 is in lb).
    expect(new NciCodec({ unit: 'kg' }).parse(vector('NCI-01'))).toMatchObject({ grams: Math.round(1.25 * LB * 1000) / 1000 });
    expect(scaleCodec('nci', { unit: 'g' }).parse(bytes('\n1250\r\n00\r\x03'))).toMatchObject({ grams: 1250 });
  });
});

describe('scale.unit and scale.maxG in the config', () => {
  const base = { path: '/dev/ttyUSB0', protocol: 'toledo-8217' } as const;

  it('defaults: no unit (the decimals rule), maxG 1,000 kg', () => {
    expect(ScaleConfigSchema.parse(base)).toMatchObject({ maxG: 1_000_000 });
    expect(ScaleConfigSchema.parse(base).unit).toBeUndefined();
  });

  it('refuses a unit for protocols that print theirs, and units that are not weights', () => {
    expect(ScaleConfigSchema.safeParse({ ...base, unit: 'lb' }).success).toBe(true);
    expect(ScaleConfigSchema.safeParse({ ...base, protocol: 'nci', unit: 'g' }).success).toBe(true);
    const mtSics = ScaleConfigSchema.safeParse({ ...base, protocol: 'mt-sics', unit: 'kg' });
    expect(mtSics.error?.issues[0]).toMatchObject({ path: ['unit'], message: expect.stringMatching(/toledo-8217 and nci/) });
    expect(ScaleConfigSchema.safeParse({ ...base, unit: 'stone' }).success).toBe(false);
    expect(ScaleConfigSchema.safeParse({ ...base, maxG: 0 }).success).toBe(false);
  });

  it('a SerialScale built from the config reads the Toledo record in the configured unit', async () => {
    const rig = serialScaleRig({ ...base, dataBits: 7, parity: 'even', unit: 'lb' });
    const scale = rig.make();
    await scale.start();
    rig.opener.last.receive('\x0201.705\r');
    expect(rig.readings.at(-1)).toMatchObject({ grams: 773.375, stable: true });
    await scale.stop();
  });
});

describe('scale.maxG: weights no bench scale can show are frame errors', () => {
  const mtSics = { path: '/dev/ttyUSB0', protocol: 'mt-sics' } as const;

  it.each(['S S 999999999 kg\r\n', 'S S -999999999 kg\r\n', 'S D 1000.001 kg\r\n'])('%j is a RANGE frame error, not a reading', async (frame) => {
    const rig = serialScaleRig(mtSics);
    const scale = rig.make();
    await scale.start();
    rig.opener.last.receive('S S 2.000 kg\r\n');
    rig.opener.last.receive(frame);
    expect(rig.readings).toEqual([expect.objectContaining({ grams: 2000, stable: true })]);
    expect(rig.errors).toEqual([expect.objectContaining({ kind: 'error', code: 'RANGE', frame: frame.trim() })]);
    await scale.stop();
  });

  it('exactly maxG still reads; the bound is configurable per scale', async () => {
    const rig = serialScaleRig({ ...mtSics, maxG: 30_000 });
    const scale = rig.make();
    await scale.start();
    rig.opener.last.receive('S S 30.000 kg\r\nS S 30.001 kg\r\n');
    expect(rig.readings.map((r) => r.grams)).toEqual([30_000]);
    expect(rig.errors).toEqual([expect.objectContaining({ code: 'RANGE', message: expect.stringMatching(/30000 g .*scale\.maxG/) })]);
    await scale.stop();
  });

  it('with a log, a flood of impossible weights is one line, then the count when the window closes', async () => {
    const clock = new FakeClock();
    const opener = new FakeOpener();
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const readings: unknown[] = [];
    const scale = new SerialScale(mtSics, { clock, open: opener.open, log });
    scale.onReading((r) => readings.push(r));
    await scale.start();
    for (let i = 0; i < 100; i += 1) opener.last.receive('S S 999999999 kg\r\n');
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ code: 'RANGE' }), expect.stringMatching(/scale\.maxG/));
    clock.advance(DEVICE_ERROR_WINDOW_MS);
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(log.warn).toHaveBeenLastCalledWith(expect.objectContaining({ code: 'RANGE', suppressed: 99 }), expect.stringMatching(/^99 more/));
    expect(readings).toEqual([]);
    await scale.stop();
  });
});
