import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceHealth, ScaleReading } from '../../../../app/domain';
import { SerialScale, type ScaleConfigInput } from '../../../../drivers/scales/serial-scale';
import { MtSicsCodec } from '../../../../drivers/scales/mt-sics.codec';
import type { ScaleCodec } from '../../../../drivers/scales/scale-protocol';
import { flushPromises, type FakeClock } from '../../../support/fake-clock';
import type { FakeOpener } from '../serial/fake-byte-link';
import { serialScaleRig, type SerialScaleRig } from './scale-rig';

const config = (over: Partial<ScaleConfigInput> = {}): ScaleConfigInput => ({
  path: '/dev/ttyUSB0',
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  protocol: 'mt-sics',
  pollMs: 200,
  staleMs: 2000,
  ...over,
});

describe('SerialScale', () => {
  let clock: FakeClock;
  let opener: FakeOpener;
  let errors: unknown[];
  let readings: ScaleReading[];
  let states: DeviceHealth[];
  let make: SerialScaleRig['make'];

  beforeEach(() => {
    ({ clock, opener, errors, readings, states, make } = serialScaleRig(config()));
  });

  it('opens the configured link, then polls every pollMs', async () => {
    const scale = make();
    await scale.start();
    expect(opener.attempts[0]).toMatchObject({ path: '/dev/ttyUSB0', baudRate: 9600 });
    expect(states.map((h) => h.state)).toEqual(['connecting', 'connected']);
    expect(opener.last.written).toBe('SI\r\n');
    clock.advance(1000);
    expect(opener.last.writes).toHaveLength(6);
    await scale.stop();
  });

  it('turns frames split across chunks into readings in grams, timed by the clock', async () => {
    const scale = make();
    await scale.start();
    const link = opener.last;
    link.receive('S S     1');
    expect(readings).toEqual([]);
    clock.advance(50);
    link.receive('00.00 g\r\nS D      0.250 kg\r');
    link.receive('\n');
    const at = clock.now();
    // Two decimals in g → 0.01 g steps; three in kg → 1 g steps.
    expect(readings).toEqual([
      { grams: 100, stable: true, at, resolutionG: 0.01 },
      { grams: 250, stable: false, at, resolutionG: 1 },
    ]);
    expect(scale.lastReading()).toEqual({ grams: 250, stable: false, at, resolutionG: 1 });
    await scale.stop();
  });

  it('reports the same weight every time it is read (a repeated weight is not swallowed)', async () => {
    const scale = make();
    await scale.start();
    opener.last.receive('S S     100.00 g\r\nS S     100.00 g\r\n');
    expect(readings).toHaveLength(2);
    await scale.stop();
  });

  it('turns a status answer into an unstable reading so no stale stable weight survives', async () => {
    const scale = make({ protocol: 'toledo-8217' });
    await scale.start();
    expect(opener.last.written).toBe('W');
    opener.last.receive('\x0201.705\r');
    opener.last.receive('\x02?A\r');
    expect(readings.map(({ grams, stable }) => ({ grams, stable }))).toEqual([
      { grams: 1705, stable: true },
      { grams: 1705, stable: false },
    ]);
    expect(scale.health()).toMatchObject({ state: 'connected', detail: 'in motion' });
    opener.last.receive('\x02?B\r');
    expect(scale.health().detail).toBe('over capacity');
    opener.last.receive('\x0201.705\r');
    expect(scale.health().detail).toBeUndefined();
    await scale.stop();
  });

  it('goes silent after staleMs without a frame and back to connected on the next one', async () => {
    const scale = make({ staleMs: 1000 });
    await scale.start();
    opener.last.receive('S S     100.00 g\r\n');
    clock.advance(999);
    expect(scale.health().state).toBe('connected');
    clock.advance(1);
    expect(scale.health()).toMatchObject({ state: 'silent', since: clock.now() });
    // Polling goes on while silent: a scale that wakes up must be heard.
    const writes = opener.last.writes.length;
    clock.advance(400);
    expect(opener.last.writes.length).toBe(writes + 2);
    opener.last.receive('S S     100.00 g\r\n');
    expect(scale.health().state).toBe('connected');
    expect(states.map((h) => h.state)).toEqual(['connecting', 'connected', 'silent', 'connected']);
    await scale.stop();
  });

  it('does not count noise as a live scale, but does count a refused command', async () => {
    const scale = make({ staleMs: 1000 });
    await scale.start();
    clock.advance(500);
    opener.last.receive('garbage\r\n');
    clock.advance(500);
    expect(scale.health().state).toBe('silent');
    opener.last.receive('ES\r\n');
    expect(scale.health()).toMatchObject({ state: 'connected', detail: 'balance did not recognise the command' });
    expect(errors.map((e) => (e as { code: string }).code)).toEqual(['MALFORMED', 'SYNTAX']);
    await scale.stop();
  });

  it('reconnects with backoff after the link drops, and polls again', async () => {
    const scale = make();
    await scale.start();
    const first = opener.last;
    first.receive('S S     100.00 g\r\n');
    first.drop(new Error('EIO: i/o error'));
    expect(scale.health()).toMatchObject({ state: 'disconnected', detail: 'EIO: i/o error; retrying in 250 ms' });
    expect(scale.lastReading()).toBeNull();
    const writes = first.writes.length;
    opener.failures = 2;
    clock.advance(250);
    await flushPromises();
    expect(scale.health().detail).toMatch(/serial port not found.*retrying in 500 ms/);
    clock.advance(500);
    await flushPromises();
    expect(scale.health().detail).toMatch(/retrying in 1 s/);
    clock.advance(1000);
    await flushPromises();
    expect(opener.attempts).toHaveLength(4);
    expect(scale.health().state).toBe('connected');
    expect(first.writes.length).toBe(writes);
    expect(opener.last.written).toBe('SI\r\n');
    await scale.stop();
  });

  it('caps the backoff at 5 s while the port stays missing', async () => {
    opener.failures = 100;
    const scale = make();
    await scale.start();
    expect(scale.health().state).toBe('disconnected');
    const delays: string[] = [];
    for (let i = 0; i < 8; i++) {
      delays.push(/retrying in (.*)$/.exec(scale.health().detail ?? '')?.[1] ?? '?');
      clock.advance(5000);
      await flushPromises();
    }
    expect(delays).toEqual(['250 ms', '500 ms', '1 s', '2 s', '4 s', '5 s', '5 s', '5 s']);
    await scale.stop();
  });

  it('starts the backoff over once a reconnected scale has answered', async () => {
    const scale = make();
    await scale.start();
    opener.last.drop();
    opener.failures = 3;
    await clock.advanceAsync(250 + 500 + 1000 + 2000, 250);
    expect(scale.health().state).toBe('connected');
    opener.last.receive('S S     1.00 g\r\n');
    opener.last.drop();
    expect(scale.health().detail).toMatch(/retrying in 250 ms/);
    await scale.stop();
  });

  it('only listens when the protocol streams without being asked', async () => {
    const base = new MtSicsCodec();
    const streaming: ScaleCodec = { name: 'streaming', request: null, frames: () => base.frames(), parse: (frame) => base.parse(frame) };
    const scale = make({}, streaming);
    await scale.start();
    clock.advance(5000);
    expect(opener.last.writes).toHaveLength(0);
    opener.last.receive('S S     5.00 g\r\n');
    expect(readings).toHaveLength(1);
    await scale.stop();
  });

  it('survives a listener that throws', async () => {
    const scale = make();
    scale.onReading(() => {
      throw new Error('ui bug');
    });
    await scale.start();
    expect(() => opener.last.receive('S S     1.00 g\r\nS S     2.00 g\r\n')).not.toThrow();
    expect(readings).toHaveLength(2);
    expect(errors).toHaveLength(2);
    await scale.stop();
  });

  it('stop() closes the link and cancels every timer', async () => {
    const scale = make();
    await scale.start();
    const link = opener.last;
    await scale.stop();
    expect(link.closed).toBe(true);
    expect(clock.pending).toBe(0);
    expect(scale.health()).toMatchObject({ state: 'disconnected', detail: 'stopped' });
    clock.advance(10_000);
    expect(opener.attempts).toHaveLength(1);
  });

  it('stop() while the port is still opening closes it once it opens', async () => {
    opener.hold();
    const scale = make();
    const starting = scale.start();
    await flushPromises();
    await scale.stop();
    opener.release();
    await starting;
    expect(opener.last.closed).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('stop() during a backoff wait cancels the retry', async () => {
    opener.failures = 1;
    const scale = make();
    await scale.start();
    await scale.stop();
    clock.advance(10_000);
    expect(opener.attempts).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  it('validates its config at the boundary', () => {
    expect(() => new SerialScale({ ...config(), protocol: 'bogus' as never }, { clock })).toThrow();
  });
});
