/**
 * `scale.output: "continuous"` through a real PTY: the station switches an MT-SICS balance to SIR streaming once and
 * then only listens; the weights and the stable flag still arrive, and zero restarts the stream.
 */
import { expect, it } from 'vitest';
import { ScaleConfigSchema } from '../../../app/domain';
import { ScaleSimulator } from '../../../drivers/sim/scale.sim';
import { SerialScale } from '../../../drivers/scales/serial-scale';
import { cleanupAfterEach } from '../../support/cleanup';
import { scaleReading } from '../../support/device-waits';
import { realClock } from '../../support/real-clock';
import { SIM_LINE } from '../../support/simulated-scale';
import { createPtyPair } from '../../support/socat';

const cleanup = cleanupAfterEach();

it('streams MT-SICS weights with SIR when the config asks for continuous output', async () => {
  const pty = await createPtyPair();
  cleanup.push(() => pty.close());
  const sim = new ScaleSimulator({ protocol: 'mt-sics', streamMs: 50 });
  cleanup.push(() => sim.close());
  await sim.attachPath(pty.b, SIM_LINE['mt-sics']);
  const config = ScaleConfigSchema.parse({ path: pty.a, protocol: 'mt-sics', ...SIM_LINE['mt-sics'], output: 'continuous', pollMs: 10_000 });
  const scale = new SerialScale(config, { clock: realClock });
  cleanup.push(() => scale.stop());
  await scale.start();

  // pollMs is 10 s: a reading within the wait can only come from the stream.
  sim.setWeight(1234, { stable: true });
  expect(await scaleReading(scale, (r) => r.grams === 1234 && r.stable)).toMatchObject({ grams: 1234, stable: true });
  sim.setWeight(2500, { stable: false });
  expect(await scaleReading(scale, (r) => r.grams === 2500)).toMatchObject({ stable: false });
  // A balance zeroes only at rest (MT-SICS answers `Z I` in motion).
  sim.setWeight(2500, { stable: true });
  await scaleReading(scale, (r) => r.grams === 2500 && r.stable);
  await scale.command('zero');
  expect(await scaleReading(scale, (r) => r.grams === 0 && r.stable)).toMatchObject({ grams: 0 });
});
