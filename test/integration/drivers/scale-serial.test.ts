import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../app/ports';
import { ScaleConfigSchema, type DeviceState, type ScaleConfig, type ScaleReading } from '../../../app/domain';
import { SAMPLE_CONFIGURABLE_SCALE } from '../../../drivers/scales/configurable.responder';
import { ScaleSimulator, type SimulatedProtocol } from '../../../drivers/scales/scale.sim';
import { SerialScale } from '../../../drivers/scales/serial-scale';
import { createPtyPair, type PtyPair } from '../../support/socat';

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const LINE: Record<SimulatedProtocol, Pick<ScaleConfig, 'baudRate' | 'dataBits' | 'parity' | 'stopBits'>> = {
  'mt-sics': { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  'toledo-8217': { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 },
  adam: { baudRate: 4800, dataBits: 8, parity: 'none', stopBits: 1 },
  cas: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  nci: { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 },
  configurable: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
};

/** The station's config for a protocol, parsed so the schema's defaults apply as at start-up. */
const scaleConfig = (path: string, protocol: SimulatedProtocol): ScaleConfig =>
  ScaleConfigSchema.parse({
    path,
    protocol,
    ...LINE[protocol],
    pollMs: 50,
    staleMs: 500,
    ...(protocol === 'configurable' ? { configurable: SAMPLE_CONFIGURABLE_SCALE } : {}),
  });

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

function health(scale: SerialScale, state: DeviceState, timeoutMs = 5000): Promise<void> {
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

async function setUp(protocol: SimulatedProtocol, via: 'pty' | 'tcp', pair?: PtyPair): Promise<{ sim: ScaleSimulator; scale: SerialScale }> {
  const sim = new ScaleSimulator({ protocol, streamMs: 50 });
  cleanup.push(() => sim.close());
  let path: string;
  if (via === 'pty') {
    const pty = pair ?? (await createPtyPair());
    if (!pair) cleanup.push(() => pty.close());
    await sim.attachPath(pty.b, LINE[protocol]);
    path = pty.a;
  } else {
    path = (await sim.listenTcp()).url;
  }
  const scale = new SerialScale(scaleConfig(path, protocol), { clock: realClock, backoff: { baseMs: 50, maxMs: 400 } });
  cleanup.push(() => scale.stop());
  await scale.start();
  return { sim, scale };
}

describe.each([
  ['mt-sics', 'pty'],
  ['toledo-8217', 'pty'],
  ['mt-sics', 'tcp'],
  ['toledo-8217', 'tcp'],
] as const)('SerialScale ⇄ ScaleSimulator (%s over %s)', (protocol, via) => {
  it('delivers weights in grams with the right stable flag', async () => {
    const { sim, scale } = await setUp(protocol, via);
    sim.setWeight(1234);
    expect(await reading(scale, (r) => r.grams === 1234)).toMatchObject({ grams: 1234, stable: true });
    expect(scale.health().state).toBe('connected');

    sim.setWeight(2500, { stable: false });
    // MT-SICS sends the moving value (S D); Toledo sends a motion status, read as the last weight, unstable.
    const moving = await reading(scale, (r) => !r.stable);
    expect(moving.grams).toBe(protocol === 'mt-sics' ? 2500 : 1234);
    expect(scale.health().detail).toBe(protocol === 'mt-sics' ? undefined : 'in motion');

    sim.setWeight(2500);
    expect(await reading(scale, (r) => r.stable && r.grams === 2500)).toMatchObject({ grams: 2500, stable: true });
    expect(scale.lastReading()).toMatchObject({ grams: 2500, stable: true });
  });

  it('shows a scale that stops answering as silent, and recovers', async () => {
    const { sim, scale } = await setUp(protocol, via);
    sim.setWeight(800);
    await reading(scale, (r) => r.grams === 800);
    sim.setSilent(true);
    await health(scale, 'silent', 3000);
    sim.setSilent(false);
    await health(scale, 'connected', 3000);
  });
});

describe('SerialScale reconnect', () => {
  it('comes back when the serial adapter is unplugged and plugged in again', async () => {
    const pair = await createPtyPair();
    cleanup.push(() => pair.close());
    const dir = pair.a.replace(/\/a$/, '');
    const { sim, scale } = await setUp('mt-sics', 'pty', pair);
    sim.setWeight(321);
    await reading(scale, (r) => r.grams === 321);

    await pair.close();
    await health(scale, 'disconnected', 3000);
    expect(scale.lastReading()).toBeNull();
    await sim.close();

    const again = await createPtyPair(dir);
    cleanup.push(() => again.close());
    expect(again.a).toBe(pair.a);
    const sim2 = new ScaleSimulator({ protocol: 'mt-sics' });
    cleanup.push(() => sim2.close());
    await sim2.attachPath(again.b);
    sim2.setWeight(654);
    expect(await reading(scale, (r) => r.grams === 654, 5000)).toMatchObject({ stable: true });
  });

  it('comes back when the device server drops the TCP connection', async () => {
    const { sim, scale } = await setUp('toledo-8217', 'tcp');
    sim.setWeight(1000);
    await reading(scale, (r) => r.grams === 1000);
    await sim.close(); // drops the peer; the listening port is gone too
    await health(scale, 'disconnected', 3000);
    expect(scale.health().detail).toMatch(/retrying/);
  });

  it('reports a missing port clearly and keeps retrying', async () => {
    const scale = new SerialScale(scaleConfig('/tmp/definitely-not-a-port-xyz', 'mt-sics'), { clock: realClock, backoff: { baseMs: 50, maxMs: 100 } });
    cleanup.push(() => scale.stop());
    await scale.start();
    expect(scale.health()).toMatchObject({ state: 'disconnected' });
    expect(scale.health().detail).toMatch(/serial port not found/);
  });
});
