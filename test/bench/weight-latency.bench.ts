/**
 * Latency from the last byte of a stable scale frame to the packing machine receiving `WEIGHT.STABLE`, through
 * the real chain: serial link (TCP or a socat PTY) → SerialScale (splitter, codec) → weighing wiring →
 * WeightPipeline → packing actor.
 *
 * The ScaleSimulator (MT-SICS, polled with `SI`) sits behind a byte tap on loopback TCP. The tap relays what the
 * simulator sends onto the station's link and notes the instant it hands over the chunk that ends the first
 * stable frame of the new weight: "the last byte written". The sim → tap hop happens before that instant, so
 * only the station's own link and code are measured. Everything runs in one process, like a station whose
 * scale is a device: the event loop is shared, which makes these numbers an upper bound.
 */
import { performance } from 'node:perf_hooks';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { LoadedPicking, ScaleConfig } from '../../app/domain';
import { NO_PROGRESS, ScaleConfigSchema } from '../../app/domain';
import { packingMachine } from '../../app/packing/packing.machine';
import { openByteLink, type ByteLink } from '../../drivers/serial/byte-link';
import { PeerHub } from '../../drivers/sim/peer-hub.sim';
import { ScaleSimulator } from '../../drivers/sim/scale.sim';
import { SerialScale } from '../../drivers/scales/serial-scale';
import { scaleCodec } from '../../drivers/scales/scale-codecs';
import { systemClock } from '../../main/system-clock';
import { wireWeighing } from '../../main/wiring/weighing.wiring';
import { scaleReading } from '../support/device-waits';
import { createPtyPair } from '../support/socat';
import { MUG, TEA, picking } from '../unit/app/packing/packing.fixtures';

export interface LatencyResult {
  via: 'tcp' | 'pty';
  /** Milliseconds, one per placement that completed. */
  samples: number[];
  /** setWeight() on the simulator → WEIGHT.STABLE: adds the wait for the next poll (pollMs) and the reply. */
  fromPlacement: number[];
  placements: number;
  timedOut: number;
}

const LINK = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
const PLACEMENT_TIMEOUT_MS = 3000;

/** Relays simulator → station, stamping the write that completes the first stable frame of `armed` grams. */
class StampingTap {
  readonly hub: PeerHub;
  private armed: number | null = null;
  stampedAt: number | null = null;

  constructor(private readonly simUrl: string) {
    this.hub = new PeerHub((station) => void this.relay(station));
  }

  arm(grams: number): void {
    this.armed = grams;
    this.stampedAt = null;
  }

  private async relay(station: ByteLink): Promise<void> {
    const sim = await openByteLink({ path: this.simUrl, ...LINK });
    const codec = scaleCodec('mt-sics');
    const frames = codec.frames();
    station.onClose(() => void sim.close().catch(() => {}));
    station.onData((chunk) => void sim.write(chunk).catch(() => {}));
    sim.onData((chunk) => {
      const completes = frames.push(chunk).some((frame) => {
        const parsed = codec.parse(frame);
        return parsed.kind === 'weight' && parsed.stable && parsed.grams === this.armed;
      });
      if (completes && this.stampedAt === null) this.stampedAt = performance.now();
      station.write(chunk).catch(() => {});
    });
  }
}

function station(path: string) {
  const config: ScaleConfig = ScaleConfigSchema.parse({ path, protocol: 'mt-sics', ...LINK, pollMs: 20, staleMs: 2000 });
  const scale = new SerialScale(config, { clock: systemClock, backoff: { baseMs: 50, maxMs: 500 } });
  let onStable: ((grams: number, at: number) => void) | null = null;
  const machine = packingMachine.provide({
    actors: { loadPicking: fromPromise<LoadedPicking, { scan: string }>(async () => ({ picking, progress: NO_PROGRESS })) },
  });
  const actor = createActor(machine, {
    input: { weightTolerancePct: 10, weightToleranceG: 50 },
    inspect: (ev) => {
      if (ev.type === '@xstate.event' && ev.event.type === 'WEIGHT.STABLE') onStable?.(ev.event.grams as number, performance.now());
    },
  });
  const wiring = wireWeighing(actor, scale, config);
  scale.onHealth((h) => actor.send({ type: 'DEVICE.CHANGED', device: 'scale', state: h.state }));
  actor.start();
  const nextStable = (grams: number) =>
    new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => done(null), PLACEMENT_TIMEOUT_MS);
      const done = (at: number | null) => {
        clearTimeout(timer);
        onStable = null;
        resolve(at);
      };
      onStable = (g, at) => {
        if (g === grams) done(at);
      };
    });
  const zeroRead = () =>
    scaleReading(scale, (r) => r.stable && r.grams === 0, PLACEMENT_TIMEOUT_MS).then(
      () => true,
      () => false,
    );
  return { scale, actor, wiring, nextStable, zeroRead };
}

export async function measureLatency(via: 'tcp' | 'pty', placements: number): Promise<LatencyResult> {
  const sim = new ScaleSimulator({ protocol: 'mt-sics' });
  const simUrl = (await sim.listenTcp(0)).url;
  const tap = new StampingTap(simUrl);
  const pair = via === 'pty' ? await createPtyPair() : null;
  let path: string;
  if (pair) {
    await tap.hub.attachPath(pair.b, LINK);
    path = pair.a;
  } else {
    path = (await tap.hub.listenTcp(0)).url;
  }
  const st = station(path);
  const samples: number[] = [];
  const fromPlacement: number[] = [];
  let timedOut = 0;
  try {
    await st.scale.start();
    // Open the picking and scan it complete: the machine waits for a weight from here on.
    st.actor.send({ type: 'SCAN.RECEIVED', code: picking.name });
    await waitFor(st.actor, (s) => s.matches('packing'), { timeout: PLACEMENT_TIMEOUT_MS });
    for (const code of [MUG, MUG, TEA]) st.actor.send({ type: 'SCAN.RECEIVED', code });
    if (!st.actor.getSnapshot().matches('weighing')) throw new Error(`bench: machine not weighing (${JSON.stringify(st.actor.getSnapshot().value)})`);
    for (let i = 0; i < placements; i += 1) {
      sim.setWeight(0);
      if (!(await st.zeroRead())) {
        timedOut += 1;
        continue;
      }
      // Out of the 810–990 g band on purpose: the machine stays in weightRejected and takes the next one.
      const grams = 2000 + (i % 100) * 10;
      tap.arm(grams);
      const received = st.nextStable(grams);
      const placedAt = performance.now();
      sim.setWeight(grams);
      const at = await received;
      if (at === null || tap.stampedAt === null) {
        timedOut += 1;
      } else {
        samples.push(at - tap.stampedAt);
        fromPlacement.push(at - placedAt);
      }
    }
  } finally {
    st.wiring.stop();
    st.actor.stop();
    await st.scale.stop();
    await tap.hub.close();
    await sim.close();
    await pair?.close();
  }
  return { via, samples, fromPlacement, placements, timedOut };
}
