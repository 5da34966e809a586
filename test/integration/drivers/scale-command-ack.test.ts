/**
 * Zero through a real PTY to the MT-SICS simulator: the station waits for the balance's confirmation, and a zero
 * asked while the load moves is refused with the balance's reason instead of silently doing nothing.
 */
import { expect, it } from 'vitest';
import { cleanupAfterEach } from '../../support/cleanup';
import { scaleReading } from '../../support/device-waits';
import { startSimulatedScale } from '../../support/simulated-scale';

const cleanup = cleanupAfterEach();

it('MT-SICS confirms a zero at rest and refuses one in motion', async () => {
  const { sim, scale } = await startSimulatedScale('mt-sics', 'pty', cleanup);
  sim.setWeight(800, { stable: false });
  await scaleReading(scale, (r) => r.grams === 800 && !r.stable);
  await expect(scale.command('zero')).rejects.toMatchObject({ code: 'DEVICE', message: expect.stringMatching(/zero refused: .*not steady/) });

  sim.setWeight(800, { stable: true });
  await scaleReading(scale, (r) => r.grams === 800 && r.stable);
  await expect(scale.command('zero')).resolves.toBeUndefined();
  expect(await scaleReading(scale, (r) => r.grams === 0 && r.stable)).toMatchObject({ grams: 0 });
});
