/**
 * Every serial scale protocol through a real PTY pair (socat) against its simulator: weights arrive in grams
 * with the right stable flag, and zero/tare commands reach the simulated scale and take effect.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../app/ports';
import { ScaleConfigSchema, type DeviceState, type ScaleReading } from '../../../app/domain';
import { SAMPLE_CONFIGURABLE_SCALE } from '../../../drivers/scales/configurable.responder';
import { ScaleSimulator, type SimulatedProtocol } from '../../../drivers/scales/scale.sim';
import { SerialScale } from '../../../drivers/scales/serial-scale';
import { createPtyPair } from '../../support/socat';

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Case {
  line: { baudRate: number; dataBits: 7 | 8; parity: 'none' | 'even' };
  /** What a moving load reads as: its own value unstable, or the last weight unstable (a status record). */
  motion: 'value' | 'status' | 'invisible';
  zero: boolean;
  tare: boolean;
}

const CASES: Record<SimulatedProtocol, Case> = {
  'mt-sics': { line: { baudRate: 9600, dataBits: 8, parity: 'none' }, motion: 'value', zero: true, tare: true },
  'toledo-8217': { line: { baudRate: 9600, dataBits: 7, parity: 'even' }, motion: 'status', zero: true, tare: true },
  adam: { line: { baudRate: 4800, dataBits: 8, parity: 'none' }, motion: 'invisible', zero: true, tare: true },
  cas: { line: { baudRate: 9600, dataBits: 8, parity: 'none' }, motion: 'value', zero: false, tare: false },
  nci: { line: { baudRate: 9600, dataBits: 7, parity: 'even' }, motion: 'value', zero: true, tare: false },
  configurable: { line: { baudRate: 9600, dataBits: 8, parity: 'none' }, motion: 'value', zero: true, tare: true },
};

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => {});
});

function reading(scale: SerialScale, match: (r: ScaleReading) => boolean, timeoutMs = 3000): Promise<ScaleReading> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching reading within ${timeoutMs} ms; last: ${JSON.stringify(scale.lastReading())}`));
    }, timeoutMs);
    const off = scale.onReading((r) => {
      if (!match(r)) return;
      clearTimeout(timer);
      off();
      resolve(r);
    });
  });
}

function health(scale: SerialScale, state: DeviceState, timeoutMs = 3000): Promise<void> {
  if (scale.health().state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`scale not ${state} within ${timeoutMs} ms: ${JSON.stringify(scale.health())}`));
    }, timeoutMs);
    const off = scale.onHealth((h) => {
      if (h.state !== state) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

async function overPty(protocol: SimulatedProtocol): Promise<{ sim: ScaleSimulator; scale: SerialScale }> {
  const { line } = CASES[protocol];
  const pair = await createPtyPair();
  cleanup.push(() => pair.close());
  const sim = new ScaleSimulator({ protocol, streamMs: 50 });
  cleanup.push(() => sim.close());
  await sim.attachPath(pair.b, line);
  const config = ScaleConfigSchema.parse({
    path: pair.a,
    protocol,
    ...line,
    pollMs: 50,
    staleMs: 500,
    ...(protocol === 'configurable' ? { configurable: SAMPLE_CONFIGURABLE_SCALE } : {}),
  });
  const scale = new SerialScale(config, { clock: realClock, backoff: { baseMs: 50, maxMs: 400 } });
  cleanup.push(() => scale.stop());
  await scale.start();
  return { sim, scale };
}

describe.each(Object.keys(CASES) as SimulatedProtocol[])('%s scale through a PTY', (protocol) => {
  const spec = CASES[protocol];

  it('delivers weights in grams with the right stable flag', async () => {
    const { sim, scale } = await overPty(protocol);
    sim.setWeight(1234);
    expect(await reading(scale, (r) => r.grams === 1234 && r.stable)).toMatchObject({ grams: 1234, stable: true });
    expect(scale.lastReading()?.resolutionG).toBeGreaterThan(0);
    sim.setWeight(2500, { stable: false });
    if (spec.motion === 'value') expect(await reading(scale, (r) => !r.stable)).toMatchObject({ grams: 2500 });
    if (spec.motion === 'status') expect(await reading(scale, (r) => !r.stable)).toMatchObject({ grams: 1234 });
    sim.setWeight(2500);
    expect(await reading(scale, (r) => r.stable && r.grams === 2500)).toMatchObject({ grams: 2500, stable: true });
    expect(scale.health().state).toBe('connected');
  });

  it('sends zero and tare to the scale, which applies them', async () => {
    const { sim, scale } = await overPty(protocol);
    sim.setWeight(300);
    await reading(scale, (r) => r.grams === 300 && r.stable);
    if (!spec.zero) {
      await expect(scale.command('zero')).rejects.toMatchObject({ code: 'CONFIG' });
    } else {
      await scale.command('zero');
      expect(await reading(scale, (r) => r.grams === 0 && r.stable)).toMatchObject({ grams: 0 });
      expect(sim.display.grams).toBe(0);
    }
    sim.setWeight(1100);
    const base = spec.zero ? 800 : 1100;
    await reading(scale, (r) => r.grams === base && r.stable);
    if (!spec.tare) {
      await expect(scale.command('tare')).rejects.toMatchObject({ code: 'CONFIG' });
      return;
    }
    await scale.command('tare');
    await reading(scale, (r) => r.grams === 0 && r.stable);
    expect(sim.display).toMatchObject({ grams: 0, net: true });
  });
});

describe('scriptable simulator over a device server (TCP)', () => {
  it('drops and refuses connections while unplugged, then serves again at the same port', async () => {
    const sim = new ScaleSimulator({ protocol: 'cas', streamMs: 50 });
    cleanup.push(() => sim.close());
    const { url } = await sim.listenTcp();
    const scale = new SerialScale(ScaleConfigSchema.parse({ path: url, protocol: 'cas', staleMs: 500 }), {
      clock: realClock,
      backoff: { baseMs: 50, maxMs: 200 },
    });
    cleanup.push(() => scale.stop());
    await scale.start();
    sim.setWeight(700);
    await reading(scale, (r) => r.grams === 700);
    await sim.unplug();
    await health(scale, 'disconnected');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(scale.health()).toMatchObject({ state: 'disconnected', detail: expect.stringMatching(/refused/) });
    await sim.replug();
    sim.setWeight(900);
    expect(await reading(scale, (r) => r.grams === 900, 4000)).toMatchObject({ stable: true });
  });

  it('reports overload, noise and silence as a real scale would', async () => {
    const sim = new ScaleSimulator({ protocol: 'mt-sics' });
    cleanup.push(() => sim.close());
    const { url } = await sim.listenTcp();
    const scale = new SerialScale(ScaleConfigSchema.parse({ path: url, protocol: 'mt-sics', pollMs: 50, staleMs: 400 }), { clock: realClock });
    cleanup.push(() => scale.stop());
    await scale.start();
    sim.setWeight(1000);
    sim.setNoise(3);
    const noisy = await reading(scale, (r) => r.grams !== 1000 && r.stable);
    expect(Math.abs(noisy.grams - 1000)).toBeLessThanOrEqual(3);
    sim.setNoise(0);
    sim.setOverload(true);
    await reading(scale, (r) => !r.stable);
    expect(scale.health().detail).toBe('over capacity');
    sim.setOverload(false);
    sim.setMotion(true);
    await reading(scale, (r) => !r.stable && r.grams === 1000);
    sim.setSilent(true);
    await health(scale, 'silent');
  });
});
