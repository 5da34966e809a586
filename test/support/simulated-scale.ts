import { ScaleConfigSchema, type ScaleConfig } from '../../app/domain';
import { SAMPLE_CONFIGURABLE_SCALE } from '../../drivers/sim/configurable-scale.sim';
import { ScaleSimulator, type SimulatedProtocol } from '../../drivers/sim/scale.sim';
import { SerialScale } from '../../drivers/scales/serial-scale';
import type { CleanupStep } from './cleanup';
import { realClock } from './real-clock';
import { createPtyPair, type PtyPair } from './socat';

/** The line settings each protocol's scales ship with; the simulator and the station must agree on them. */
export const SIM_LINE: Record<SimulatedProtocol, Pick<ScaleConfig, 'baudRate' | 'dataBits' | 'parity' | 'stopBits'>> = {
  'mt-sics': { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  'toledo-8217': { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 },
  adam: { baudRate: 4800, dataBits: 8, parity: 'none', stopBits: 1 },
  cas: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  nci: { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 },
  configurable: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
};

/** The station's config for a protocol, parsed so the schema's defaults apply as at start-up. */
export const simScaleConfig = (path: string, protocol: SimulatedProtocol): ScaleConfig =>
  ScaleConfigSchema.parse({
    path,
    protocol,
    ...SIM_LINE[protocol],
    pollMs: 50,
    staleMs: 500,
    ...(protocol === 'configurable' ? { configurable: SAMPLE_CONFIGURABLE_SCALE } : {}),
  });

/**
 * A started SerialScale reading a ScaleSimulator over a fresh PTY pair (or `pair`, which the caller owns) or over
 * TCP as a device server would serve it. Everything opened here is closed through `cleanup`.
 */
export async function startSimulatedScale(
  protocol: SimulatedProtocol,
  via: 'pty' | 'tcp',
  cleanup: CleanupStep[],
  pair?: PtyPair,
): Promise<{ sim: ScaleSimulator; scale: SerialScale }> {
  const sim = new ScaleSimulator({ protocol, streamMs: 50 });
  cleanup.push(() => sim.close());
  let path: string;
  if (via === 'pty') {
    const pty = pair ?? (await createPtyPair());
    if (!pair) cleanup.push(() => pty.close());
    await sim.attachPath(pty.b, SIM_LINE[protocol]);
    path = pty.a;
  } else {
    path = (await sim.listenTcp()).url;
  }
  const scale = new SerialScale(simScaleConfig(path, protocol), { clock: realClock, backoff: { baseMs: 50, maxMs: 400 } });
  cleanup.push(() => scale.stop());
  await scale.start();
  return { sim, scale };
}
