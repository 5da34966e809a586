import { describe, expect, it } from 'vitest';
import { ScaleSimulator } from '../../../drivers/sim/scale.sim';
import { SerialScale } from '../../../drivers/scales/serial-scale';
import { cleanupAfterEach } from '../../support/cleanup';
import { scaleHealth, scaleReading } from '../../support/device-waits';
import { realClock } from '../../support/real-clock';
import { simScaleConfig, startSimulatedScale } from '../../support/simulated-scale';
import { createPtyPair } from '../../support/socat';

const cleanup = cleanupAfterEach();

describe.each([
  ['mt-sics', 'pty'],
  ['toledo-8217', 'pty'],
  ['mt-sics', 'tcp'],
  ['toledo-8217', 'tcp'],
] as const)('SerialScale ⇄ ScaleSimulator (%s over %s)', (protocol, via) => {
  it('delivers weights in grams with the right stable flag', async () => {
    const { sim, scale } = await startSimulatedScale(protocol, via, cleanup);
    sim.setWeight(1234);
    expect(await scaleReading(scale, (r) => r.grams === 1234)).toMatchObject({ grams: 1234, stable: true });
    expect(scale.health().state).toBe('connected');

    sim.setWeight(2500, { stable: false });
    // MT-SICS sends the moving value (S D); Toledo sends a motion status, read as the last weight, unstable.
    const moving = await scaleReading(scale, (r) => !r.stable);
    expect(moving.grams).toBe(protocol === 'mt-sics' ? 2500 : 1234);
    expect(scale.health().detail).toBe(protocol === 'mt-sics' ? undefined : 'in motion');

    sim.setWeight(2500);
    expect(await scaleReading(scale, (r) => r.stable && r.grams === 2500)).toMatchObject({ grams: 2500, stable: true });
    expect(scale.lastReading()).toMatchObject({ grams: 2500, stable: true });
  });

  it('shows a scale that stops answering as silent, and recovers', async () => {
    const { sim, scale } = await startSimulatedScale(protocol, via, cleanup);
    sim.setWeight(800);
    await scaleReading(scale, (r) => r.grams === 800);
    sim.setSilent(true);
    await scaleHealth(scale, 'silent', 3000);
    sim.setSilent(false);
    await scaleHealth(scale, 'connected', 3000);
  });
});

describe('SerialScale reconnect', () => {
  it('comes back when the serial adapter is unplugged and plugged in again', async () => {
    const pair = await createPtyPair();
    cleanup.push(() => pair.close());
    const dir = pair.a.replace(/\/a$/, '');
    const { sim, scale } = await startSimulatedScale('mt-sics', 'pty', cleanup, pair);
    sim.setWeight(321);
    await scaleReading(scale, (r) => r.grams === 321);

    await pair.close();
    await scaleHealth(scale, 'disconnected', 3000);
    expect(scale.lastReading()).toBeNull();
    await sim.close();

    const again = await createPtyPair(dir);
    cleanup.push(() => again.close());
    expect(again.a).toBe(pair.a);
    const sim2 = new ScaleSimulator({ protocol: 'mt-sics' });
    cleanup.push(() => sim2.close());
    await sim2.attachPath(again.b);
    sim2.setWeight(654);
    expect(await scaleReading(scale, (r) => r.grams === 654, 5000)).toMatchObject({ stable: true });
  });

  it('comes back when the device server drops the TCP connection', async () => {
    const { sim, scale } = await startSimulatedScale('toledo-8217', 'tcp', cleanup);
    sim.setWeight(1000);
    await scaleReading(scale, (r) => r.grams === 1000);
    await sim.close(); // drops the peer; the listening port is gone too
    await scaleHealth(scale, 'disconnected', 3000);
    expect(scale.health().detail).toMatch(/retrying/);
  });

  it('reports a missing port clearly and keeps retrying', async () => {
    const scale = new SerialScale(simScaleConfig('/tmp/definitely-not-a-port-xyz', 'mt-sics'), { clock: realClock, backoff: { baseMs: 50, maxMs: 100 } });
    cleanup.push(() => scale.stop());
    await scale.start();
    expect(scale.health()).toMatchObject({ state: 'disconnected' });
    expect(scale.health().detail).toMatch(/serial port not found/);
  });
});
