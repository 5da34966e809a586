/**
 * Every serial scale protocol through a real PTY pair (socat) against its simulator: weights arrive in grams
 * with the right stable flag, and zero/tare commands reach the simulated scale and take effect.
 */
import { describe, expect, it } from 'vitest';
import { ScaleConfigSchema } from '../../../app/domain';
import { ScaleSimulator, type SimulatedProtocol } from '../../../drivers/sim/scale.sim';
import { SerialScale } from '../../../drivers/scales/serial-scale';
import { cleanupAfterEach } from '../../support/cleanup';
import { scaleHealth, scaleReading } from '../../support/device-waits';
import { realClock } from '../../support/real-clock';
import { startSimulatedScale } from '../../support/simulated-scale';

interface Case {
  /** What a moving load reads as: its own value unstable, or the last weight unstable (a status record). */
  motion: 'value' | 'status' | 'invisible';
  zero: boolean;
  tare: boolean;
}

const CASES: Record<SimulatedProtocol, Case> = {
  'mt-sics': { motion: 'value', zero: true, tare: true },
  'toledo-8217': { motion: 'status', zero: true, tare: true },
  adam: { motion: 'invisible', zero: true, tare: true },
  cas: { motion: 'value', zero: false, tare: false },
  nci: { motion: 'value', zero: true, tare: false },
  configurable: { motion: 'value', zero: true, tare: true },
};

const cleanup = cleanupAfterEach();
const overPty = (protocol: SimulatedProtocol) => startSimulatedScale(protocol, 'pty', cleanup);

describe.each(Object.keys(CASES) as SimulatedProtocol[])('%s scale through a PTY', (protocol) => {
  const spec = CASES[protocol];

  it('delivers weights in grams with the right stable flag', async () => {
    const { sim, scale } = await overPty(protocol);
    sim.setWeight(1234);
    expect(await scaleReading(scale, (r) => r.grams === 1234 && r.stable)).toMatchObject({ grams: 1234, stable: true });
    expect(scale.lastReading()?.resolutionG).toBeGreaterThan(0);
    sim.setWeight(2500, { stable: false });
    if (spec.motion === 'value') expect(await scaleReading(scale, (r) => !r.stable)).toMatchObject({ grams: 2500 });
    if (spec.motion === 'status') expect(await scaleReading(scale, (r) => !r.stable)).toMatchObject({ grams: 1234 });
    sim.setWeight(2500);
    expect(await scaleReading(scale, (r) => r.stable && r.grams === 2500)).toMatchObject({ grams: 2500, stable: true });
    expect(scale.health().state).toBe('connected');
  });

  it('sends zero and tare to the scale, which applies them', async () => {
    const { sim, scale } = await overPty(protocol);
    sim.setWeight(300);
    await scaleReading(scale, (r) => r.grams === 300 && r.stable);
    if (!spec.zero) {
      await expect(scale.command('zero')).rejects.toMatchObject({ code: 'CONFIG' });
    } else {
      await scale.command('zero');
      expect(await scaleReading(scale, (r) => r.grams === 0 && r.stable)).toMatchObject({ grams: 0 });
      expect(sim.display.grams).toBe(0);
    }
    sim.setWeight(1100);
    const base = spec.zero ? 800 : 1100;
    await scaleReading(scale, (r) => r.grams === base && r.stable);
    if (!spec.tare) {
      await expect(scale.command('tare')).rejects.toMatchObject({ code: 'CONFIG' });
      return;
    }
    await scale.command('tare');
    await scaleReading(scale, (r) => r.grams === 0 && r.stable);
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
    await scaleReading(scale, (r) => r.grams === 700);
    await sim.unplug();
    await scaleHealth(scale, 'disconnected', 3000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(scale.health()).toMatchObject({ state: 'disconnected', detail: expect.stringMatching(/refused/) });
    await sim.replug();
    sim.setWeight(900);
    expect(await scaleReading(scale, (r) => r.grams === 900, 4000)).toMatchObject({ stable: true });
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
    const noisy = await scaleReading(scale, (r) => r.grams !== 1000 && r.stable);
    expect(Math.abs(noisy.grams - 1000)).toBeLessThanOrEqual(3);
    sim.setNoise(0);
    sim.setOverload(true);
    await scaleReading(scale, (r) => !r.stable);
    expect(scale.health().detail).toBe('over capacity');
    sim.setOverload(false);
    sim.setMotion(true);
    await scaleReading(scale, (r) => !r.stable && r.grams === 1000);
    sim.setSilent(true);
    await scaleHealth(scale, 'silent', 3000);
  });
});
