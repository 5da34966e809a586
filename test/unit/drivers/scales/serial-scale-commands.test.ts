import { beforeEach, describe, expect, it } from 'vitest';
import type { ScaleReading } from '../../../../app/domain';
import { MtSicsCodec } from '../../../../drivers/scales/mt-sics.codec';
import { SAMPLE_CONFIGURABLE_SCALE } from '../../../../drivers/sim/configurable-scale.sim';
import type { FakeClock } from '../../../support/fake-clock';
import type { FakeOpener } from '../serial/fake-byte-link';
import { serialScaleRig, type SerialScaleRig } from './scale-rig';

describe('SerialScale commands and protocol modes', () => {
  let clock: FakeClock;
  let opener: FakeOpener;
  let readings: ScaleReading[];
  let make: SerialScaleRig['make'];

  beforeEach(() => {
    ({ clock, opener, readings, make } = serialScaleRig({ path: '/dev/ttyUSB0', protocol: 'mt-sics', pollMs: 200, staleMs: 1000 }));
  });

  it.each([
    ['mt-sics', 'zero', 'Z\r\n', 'Z A\r\n'],
    ['mt-sics', 'tare', 'T\r\n', 'T S     0.25 kg\r\n'],
    ['toledo-8217', 'zero', 'Z', null],
    ['toledo-8217', 'tare', 'T', null],
    ['nci', 'zero', 'Z\r', null],
    ['adam', 'zero', 'Z\r\n', null],
    ['adam', 'tare', 'T\r\n', null],
  ] as const)('%s %s writes %j (and waits for the confirmation where the protocol has one)', async (protocol, action, bytes, ack) => {
    const scale = make({ protocol });
    await scale.start();
    const before = opener.last.writes.length;
    const done = scale.command(action);
    await Promise.resolve();
    if (ack !== null) opener.last.receive(ack);
    await done;
    expect(opener.last.writes.slice(before).map((w) => w.toString('latin1'))).toEqual([bytes]);
    await scale.stop();
  });

  it.each([
    ['Z I\r\n', /zero refused: the scale is busy or not steady/],
    ['Z +\r\n', /zero refused: the load is above the range/],
    ['EL\r\n', /zero refused: the balance cannot do it now/],
  ])('MT-SICS refusing a zero with %j rejects with its reason', async (reply, reason) => {
    const scale = make({});
    await scale.start();
    const done = scale.command('zero');
    await Promise.resolve();
    opener.last.receive(reply);
    await expect(done).rejects.toMatchObject({ code: 'DEVICE', message: expect.stringMatching(reason) });
    await scale.stop();
  });

  it('an MT-SICS zero that is never confirmed times out, and the next command is accepted', async () => {
    const scale = make({});
    await scale.start();
    const done = scale.command('zero');
    await expect(scale.command('tare')).rejects.toMatchObject({ code: 'DEVICE', message: expect.stringMatching(/still busy with a zero/) });
    clock.advance(3000);
    await expect(done).rejects.toMatchObject({ code: 'TIMEOUT' });
    const tare = scale.command('tare');
    await Promise.resolve();
    opener.last.receive('T S     0.00 kg\r\n');
    await expect(tare).resolves.toBeUndefined();
    await scale.stop();
  });

  it.each([
    ['cas', 'zero'],
    ['cas', 'tare'],
    ['nci', 'tare'],
  ] as const)('%s has no %s command: CONFIG', async (protocol, action) => {
    const scale = make({ protocol });
    await scale.start();
    await expect(scale.command(action)).rejects.toMatchObject({ code: 'CONFIG', message: expect.stringMatching(new RegExp(`no ${action} command`)) });
    await scale.stop();
  });

  it('refuses a command while disconnected: DEVICE', async () => {
    const scale = make();
    await expect(scale.command('zero')).rejects.toMatchObject({ code: 'DEVICE' });
    opener.failures = 1;
    await scale.start();
    await expect(scale.command('tare')).rejects.toMatchObject({ code: 'DEVICE' });
    await scale.stop();
  });

  it('never polls a continuous protocol, and still reads it (CAS)', async () => {
    const scale = make({ protocol: 'cas' });
    await scale.start();
    clock.advance(1000);
    expect(opener.last.writes).toEqual([]);
    opener.last.receive('ST,GS,+  1.234kg\r\nUS,GS,+  1.240kg\r\n');
    expect(readings.map(({ grams, stable, resolutionG }) => ({ grams, stable, resolutionG }))).toEqual([
      { grams: 1234, stable: true, resolutionG: 1 },
      { grams: 1240, stable: false, resolutionG: 1 },
    ]);
    await scale.stop();
  });

  it('starts an MT-SICS SIR stream on every connect instead of polling; zero restarts it', async () => {
    const scale = make({}, new MtSicsCodec({ command: 'SIR' }));
    await scale.start();
    clock.advance(1000);
    expect(opener.last.written).toBe('SIR\r\n');
    const zero = scale.command('zero');
    await Promise.resolve();
    opener.last.receive('Z A\r\n');
    await zero;
    expect(opener.last.written).toBe('SIR\r\nZ\r\nSIR\r\n');
    opener.last.drop();
    clock.advance(300);
    await Promise.resolve();
    expect(opener.links).toHaveLength(2);
    expect(opener.last.written).toBe('SIR\r\n');
    await scale.stop();
  });

  it('takes continuous output from the config: MT-SICS streams with SIR, Adam is listened to, never asked', async () => {
    const mt = make({ output: 'continuous' });
    await mt.start();
    clock.advance(1000);
    expect(opener.last.written).toBe('SIR\r\n');
    await mt.stop();

    const adam = make({ protocol: 'adam', output: 'continuous' });
    await adam.start();
    clock.advance(1000);
    expect(opener.last.writes).toEqual([]);
    opener.last.receive('   1.234kg\r\n');
    expect(readings.at(-1)).toMatchObject({ grams: 1234 });
    await adam.stop();
  });

  it('does not call a quiet Adam scale silent, but does call a quiet CAS stream silent', async () => {
    const adam = make({ protocol: 'adam' });
    await adam.start();
    expect(adam.reportsStability).toBe(false);
    clock.advance(5000);
    expect(adam.health().state).toBe('connected');
    opener.last.receive('   1.234kg\r\n');
    expect(readings.at(-1)).toMatchObject({ grams: 1234, stable: true, resolutionG: 1 });
    await adam.stop();

    const cas = make({ protocol: 'cas' });
    await cas.start();
    expect(cas.reportsStability).toBe(true);
    clock.advance(1000);
    expect(cas.health().state).toBe('silent');
    await cas.stop();
  });

  it('builds the configurable codec from the config block', async () => {
    const scale = make({ protocol: 'configurable', configurable: SAMPLE_CONFIGURABLE_SCALE });
    await scale.start();
    expect(opener.last.written).toBe('IP\r\n');
    opener.last.receive('       12.73 g    ?\r\n');
    expect(readings.at(-1)).toMatchObject({ grams: 12.73, stable: false, resolutionG: 0.01 });
    await scale.command('tare');
    expect(opener.last.written).toBe('IP\r\nT\r\n');
    await scale.stop();
  });

  it('reports NCI faults and conditions as the health detail', async () => {
    const scale = make({ protocol: 'nci' });
    await scale.start();
    opener.last.receive('\n0001.00kg\r\n00\r\x03');
    opener.last.receive('\n^^^^^^^kg\r\n02\r\x03');
    expect(scale.health().detail).toBe('over capacity');
    opener.last.receive('\n80\r\x03');
    expect(scale.health().detail).toBe('EEPROM error');
    expect(readings.map((r) => r.stable)).toEqual([true, false, false]);
    await scale.stop();
  });
});
