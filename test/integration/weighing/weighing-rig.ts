/**
 * The real station (demo world + headless host) with its scale and scanner on socat PTY pairs, plus the moves a
 * weighing test needs: open a parcel, watch the machine, unplug and replug the scale's USB adapter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { DeviceState, PackingView, ScaleProtocol } from '../../../app/domain';
import { toPackingView, type PackingSnapshot } from '../../../app/packing/packing.view';
import { startDemoWorld, type DemoWorld } from '../../../main/demo/demo.world';
import { startHeadless, type HeadlessStation } from '../../../main/headless/headless.host';
import { waitForSnapshot, waitUntil } from '../../../main/demo/wait-for';
import { silentLog } from '../../../main/log';
import type { SeededPicking } from '../../../sync/sim/odoo/demo-data.sim';
import { createPtyPair, type PtyPair } from '../../support/socat';

const STEP_MS = 10_000;

export interface WeighingRig {
  world: DemoWorld;
  headless: HeadlessStation;
  view(): PackingView;
  /** Every state the machine entered since the rig started, in order (dotted paths). */
  readonly states: string[];
  /** The demo pickings in Odoo (2 and 6, 0-based 1 and 5, weigh the same: 8050 g of products). */
  readonly orders: readonly SeededPicking[];
  /** Scans a picking (default: the next unused one) and all its items; resolves in `weighing`. */
  openParcel(order?: SeededPicking): Promise<{ order: SeededPicking; expectedG: number }>;
  until(predicate: (s: PackingSnapshot) => boolean, what: string, timeoutMs?: number): Promise<PackingSnapshot>;
  scaleHealth(state: DeviceState, timeoutMs?: number): Promise<void>;
  /** Resolves once the station has read `count` more readings matching `match`. */
  readings(count: number, match: (r: { grams: number; stable: boolean }) => boolean, timeoutMs?: number): Promise<void>;
  unplugScale(): Promise<void>;
  replugScale(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh rig for every test of the file, handed to `use` before the test and closed after it. */
export function weighingRigPerTest(protocol: ScaleProtocol, use: (rig: WeighingRig) => void): void {
  let rig: WeighingRig | null = null;
  beforeEach(async () => {
    rig = await startWeighingRig(protocol);
    use(rig);
  });
  afterEach(async () => {
    await rig?.close();
    rig = null;
  });
}

export async function startWeighingRig(protocol: ScaleProtocol = 'mt-sics'): Promise<WeighingRig> {
  const dir = mkdtempSync(join(tmpdir(), 'station-weighing-'));
  const scaleDir = join(dir, 'scale');
  let scalePty: PtyPair | null = await createPtyPair(scaleDir);
  const scannerPty = await createPtyPair(join(dir, 'scanner'));
  const closers: (() => Promise<void>)[] = [() => scannerPty.close(), () => scalePty?.close() ?? Promise.resolve()];
  const world = await startDemoWorld({
    odooVersion: 17,
    scaleProtocol: protocol,
    uiPort: 0,
    dataDir: join(dir, 'data'),
    serial: { scalePath: scalePty.a, scaleSimPath: scalePty.b, scannerPath: scannerPty.a, scannerSimPath: scannerPty.b },
  });
  closers.push(() => world.close());
  const headless = await startHeadless(world.config, { log: silentLog() });
  closers.push(() => headless.stop());
  const { actor } = headless.station;
  const scale = headless.station.devices.scale;

  const states: string[] = [];
  const sub = actor.subscribe((s) => {
    const path = toPackingView(s).state;
    if (states[states.length - 1] !== path) states.push(path);
  });
  closers.push(async () => sub.unsubscribe());

  const until = (predicate: (s: PackingSnapshot) => boolean, what: string, timeoutMs = STEP_MS) =>
    waitForSnapshot(actor, predicate, timeoutMs, what);

  const orders = world.odoo.createPickings(8);
  const used = new Set<number>();
  const link = { baudRate: world.config.scale.baudRate, dataBits: world.config.scale.dataBits, parity: world.config.scale.parity };

  return {
    world,
    headless,
    states,
    orders,
    view: () => toPackingView(actor.getSnapshot()),
    until,
    async openParcel(chosen) {
      const order = chosen ?? orders.find((o) => !used.has(o.id));
      if (!order) throw new Error('rig: out of demo pickings');
      used.add(order.id);
      await world.scanner.scan(order.name);
      await until((s) => s.matches('packing'), `picking ${order.name} to load`);
      for (const line of order.lines) {
        for (let i = 0; i < line.quantity; i += 1) await world.scanner.scan(line.barcode);
      }
      const weighing = await until((s) => s.matches('weighing'), 'the parcel to close');
      const expectedG = toPackingView(weighing).expectedWeightG;
      if (expectedG === null) throw new Error('rig: no expected weight');
      return { order, expectedG };
    },
    scaleHealth: (state, timeoutMs = STEP_MS) => waitUntil(() => scale.health().state === state, timeoutMs, `scale ${state}`, 20),
    readings: (count, match, timeoutMs = STEP_MS) =>
      new Promise<void>((resolve, reject) => {
        let seen = 0;
        const timer = setTimeout(() => {
          off();
          reject(new Error(`only ${seen} of ${count} matching readings within ${timeoutMs} ms`));
        }, timeoutMs);
        const off = scale.onReading((r) => {
          if (!match(r) || ++seen < count) return;
          clearTimeout(timer);
          off();
          resolve();
        });
      }),
    async unplugScale() {
      await scalePty?.close();
      scalePty = null;
    },
    async replugScale() {
      scalePty = await createPtyPair(scaleDir);
      await world.scale.attachPath(scalePty.b, link);
    },
    async close() {
      for (const close of closers.reverse()) await close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
