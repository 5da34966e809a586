import { describe, expect, it } from 'vitest';
import { AdamResponder } from '../../../../drivers/sim/adam-scale.sim';
import { CasResponder } from '../../../../drivers/sim/cas-scale.sim';
import { ConfigurableResponder, SAMPLE_CONFIGURABLE_SCALE } from '../../../../drivers/sim/configurable-scale.sim';
import { MtSicsResponder } from '../../../../drivers/sim/mt-sics-scale.sim';
import { NciResponder } from '../../../../drivers/sim/nci-scale.sim';
import { scaleCodec, supportedScaleProtocols } from '../../../../drivers/scales/scale-codecs';
import type { ScaleCodec, ScaleFrame } from '../../../../drivers/scales/scale-protocol';
import type { ScaleResponder } from '../../../../drivers/sim/scale-responder.sim';
import { SimulatedScaleModel } from '../../../../drivers/sim/scale-model.sim';
import { Toledo8217Responder } from '../../../../drivers/sim/toledo-8217-scale.sim';

const model = (grams = 0, capacityG = 30_000): SimulatedScaleModel => new SimulatedScaleModel({ initialGrams: grams, capacityG });
const text = (replies: Buffer[]): string[] => replies.map((r) => r.toString('latin1'));
const ask = (r: ScaleResponder, request: string): string[] => text(r.push(Buffer.from(request, 'latin1')));

/** Request → responder → codec: the simulator and the driver agree on the wire format. */
function roundTrip(codec: ScaleCodec, responder: ScaleResponder, request?: Buffer): ScaleFrame[] {
  const splitter = codec.frames();
  const replies = request ? responder.push(request) : [responder.tick?.() ?? Buffer.alloc(0)];
  return replies.flatMap((reply) => splitter.push(reply)).map((f) => codec.parse(f)) as ScaleFrame[];
}

describe('scale codec registry', () => {
  it('has a codec for every serial protocol of the config', () => {
    expect(supportedScaleProtocols().sort()).toEqual(['adam', 'cas', 'configurable', 'mt-sics', 'nci', 'toledo-8217']);
    expect(scaleCodec('toledo-8217', { unit: 'lb' }).name).toBe('toledo-8217');
    expect(() => scaleCodec('usb-hid')).toThrow(/createScale/);
  });
});

describe('MT-SICS responder', () => {
  it('answers S/SI right-aligned in a 10-character field, S I / S D in motion, S + over capacity', () => {
    const m = model(100);
    const r = new MtSicsResponder(m);
    expect(ask(r, 'S\r\nSI\r\n')).toEqual(['S S     100.00 g\r\n', 'S S     100.00 g\r\n']);
    m.setMotion(true);
    expect(ask(r, 'S\r\nSI\r')).toEqual(['S I\r\n']);
    expect(ask(r, '\n')).toEqual(['S D     100.00 g\r\n']);
    m.setMotion(false);
    m.setWeight(40_000);
    expect(ask(r, 'SI\r\nXX\r\n')).toEqual(['S +\r\n', 'ES\r\n']);
  });

  it('zeroes and tares only when stable; SIR streams until the next command', () => {
    const m = model(12);
    const r = new MtSicsResponder(m);
    expect(ask(r, 'Z\r\nSI\r\n')).toEqual(['Z A\r\n', 'S S       0.00 g\r\n']);
    m.setWeight(512);
    expect(ask(r, 'T\r\n')).toEqual(['T S     500.00 g\r\n']);
    m.setMotion(true);
    expect(ask(r, 'Z\r\nT\r\n')).toEqual(['Z I\r\n', 'T I\r\n']);
    m.setMotion(false);
    expect(r.tick()).toBeNull();
    expect(ask(r, 'SIR\r\n')).toEqual(['S S       0.00 g\r\n']);
    m.setWeight(612);
    expect(r.tick()?.toString('latin1')).toBe('S S     100.00 g\r\n');
    ask(r, '@\r\n');
    expect(r.tick()).toBeNull();
  });

  it('round-trips through the codec, noise included', () => {
    const m = new SimulatedScaleModel({ initialGrams: 1234.56, random: () => 1 });
    m.setNoise(0.5);
    m.setMotion(true);
    expect(roundTrip(scaleCodec('mt-sics'), new MtSicsResponder(m), Buffer.from('SI\r\n'))).toEqual([
      { kind: 'weight', grams: 1235.06, stable: false, resolutionG: 0.01 },
    ]);
  });
});

describe('Toledo 8217 responder', () => {
  it('answers W with kg to 3 decimals, or lb to 2; N once tared', () => {
    expect(ask(new Toledo8217Responder(model(1705)), 'W')).toEqual(['\x0201.705\r']);
    expect(ask(new Toledo8217Responder(model(1700.97), 'lb'), 'W')).toEqual(['\x0203.75\r']);
    const m = model(300);
    const r = new Toledo8217Responder(m);
    expect(ask(r, 'T')).toEqual(['\x02?p\r']);
    m.setWeight(1300);
    expect(ask(r, 'W')).toEqual(['\x0201.000N\r']);
  });

  it('answers with status records for motion, overload, under zero; Z zeroes', () => {
    const m = model(10);
    const r = new Toledo8217Responder(m);
    m.setMotion(true);
    expect(ask(r, 'W')).toEqual(['\x02?A\r']);
    m.setMotion(false);
    m.setOverload(true);
    expect(ask(r, 'W')).toEqual(['\x02?B\r']);
    m.setOverload(false);
    expect(ask(r, 'Z')).toEqual(['\x02?P\r']);
    m.setWeight(5);
    expect(ask(r, 'W')).toEqual(['\x02?D\r']);
  });

  it('passes Odoo’s probe: Ehello is echoed as STX E CR hello, F ends echo mode', () => {
    const r = new Toledo8217Responder(model(1000));
    expect(Buffer.concat(r.push(Buffer.from('Ehello'))).toString('latin1')).toBe('\x02E\rhello');
    expect(ask(r, 'FW')).toEqual(['\x0201.000\r']);
  });
});

describe('Adam responder', () => {
  it('prints the display on P, zeroes on Z, tares on T, without answers to Z and T', () => {
    const m = model(1234);
    const r = new AdamResponder(m);
    expect(ask(r, 'P\r\nP\r\n')).toEqual(['    1.234kg\r\n', '    1.234kg\r\n']);
    expect(ask(r, 'T\r\nP\r\n')).toEqual(['    0.000kg\r\n']);
    m.setWeight(1000);
    expect(ask(r, 'P\r\n')).toEqual(['-   0.234kg\r\n']);
    expect(roundTrip(scaleCodec('adam'), r, Buffer.from('P\r\n'))).toMatchObject([{ kind: 'weight', grams: -234, unflagged: true }]);
  });

  it('AZextra mode: silent unless the weight is new and not zero', () => {
    const m = model(0);
    const r = new AdamResponder(m, { quietWhenUnchanged: true });
    expect(ask(r, 'P\r\n')).toEqual([]);
    m.setWeight(500);
    expect(ask(r, 'P\r\nP\r\n')).toEqual(['    0.500kg\r\n']);
    m.setWeight(0);
    expect(ask(r, 'P\r\n')).toEqual([]);
  });

  it('continuous mode streams on tick', () => {
    const r = new AdamResponder(model(250), { mode: 'continuous' });
    expect(r.tick()?.toString('latin1')).toBe('    0.250kg\r\n');
    expect(new AdamResponder(model(250)).tick()).toBeNull();
  });
});

describe('CAS responder', () => {
  it('streams ST/US/OL lines of 18 bytes and ignores input', () => {
    const m = model(1234);
    const r = new CasResponder(m);
    expect(r.push()).toEqual([]);
    expect(r.tick().toString('latin1')).toBe('ST,GS,+  1.234kg\r\n');
    m.setMotion(true);
    expect(r.tick().toString('latin1')).toBe('US,GS,+  1.234kg\r\n');
    m.setMotion(false);
    m.tare();
    m.setWeight(1200);
    expect(r.tick().toString('latin1')).toBe('ST,NT,-  0.034kg\r\n');
    m.setOverload(true);
    expect(r.tick().toString('latin1')).toMatch(/^OL,NT,/);
    expect(roundTrip(scaleCodec('cas'), r)).toMatchObject([{ kind: 'status', overCapacity: true }]);
  });
});

describe('NCI responder', () => {
  it('answers W, S, Z and unknown commands as SCP-01 specifies', () => {
    const m = model(1234);
    const r = new NciResponder(m);
    expect(ask(r, 'W\r')).toEqual(['\n001.234kg\r\n00\r\x03']);
    m.setMotion(true);
    expect(ask(r, 'S\r')).toEqual(['\n10\r\x03']);
    m.setMotion(false);
    expect(ask(r, 'Z\rW\r')).toEqual(['\n20\r\x03', '\n000.000kg\r\n20\r\x03']);
    expect(ask(r, 'Q\r')).toEqual(['\n?\r\x03']);
    m.setOverload(true);
    expect(ask(r, 'W\r')).toEqual(['\n^^^^^^^kg\r\n02\r\x03']);
    expect(roundTrip(scaleCodec('nci'), r, Buffer.from('W\r'))).toMatchObject([{ kind: 'status', overCapacity: true }]);
  });

  it('round-trips in lb', () => {
    expect(roundTrip(scaleCodec('nci'), new NciResponder(model(1700.97), 'lb'), Buffer.from('W\r'))).toEqual([
      { kind: 'weight', grams: 1700.971, stable: true, resolutionG: 4.535924 },
    ]);
  });
});

describe('configurable (Ohaus-like) responder', () => {
  it('prints like an Ohaus balance and is read back by the sample configuration', () => {
    const m = model(12.73);
    m.setMotion(true);
    const r = new ConfigurableResponder(m);
    expect(ask(r, 'IP\r\n')).toEqual(['       12.73 g   ?\r\n']);
    const codec = scaleCodec('configurable', SAMPLE_CONFIGURABLE_SCALE);
    expect(roundTrip(codec, r, Buffer.from('IP\r\n'))).toEqual([{ kind: 'weight', grams: 12.73, stable: false, resolutionG: 0.01 }]);
    m.setMotion(false);
    ask(r, 'Z\r\n');
    expect(roundTrip(codec, r, Buffer.from('IP\r\n'))).toEqual([{ kind: 'weight', grams: 0, stable: true, resolutionG: 0.01 }]);
  });
});
