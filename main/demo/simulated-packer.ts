import type { Station } from '../bootstrap';
import type { DemoWorld } from './demo.world';
import { toPackingView } from '../../app/packing/packing.view';
import { waitForSnapshot, waitUntil } from './wait-for';
import type { PackingView, Picking } from '../../app/domain';

export interface DemoOrder {
  id: number;
  name: string;
  /** `scans`: one code per unit to scan instead of the barcode (a tracked line's reserved lot/serial names). */
  lines: { barcode: string; quantity: number; unitWeightG: number; scans?: string[] }[];
}

export interface PackTiming {
  picking: string;
  /** First scan of the picking → its last label written to the printer. */
  scanToPrintedMs: number;
  /** Box placed on the scale → label written to the printer ("the label comes out the moment the box is on the scale"). */
  scaleToPrintedMs: number;
}

const STEP_TIMEOUT_MS = 15_000;
const scannedCount = (view: PackingView): number => view.picking?.lines.reduce((n, l) => n + l.scanned, 0) ?? 0;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The barcode of the smallest box that holds `goodsG` when the default one does not, else null. */
function boxFor(picking: Picking | null, goodsG: number): string | null {
  if (!picking) return null;
  const holds = (t: Picking['packageTypes'][number]) => t.maxWeightG == null || t.maxWeightG <= 0 || goodsG + t.tareG <= t.maxWeightG;
  const current = picking.packageTypes.find((t) => t.id === picking.defaultPackageTypeId);
  if (!current || holds(current)) return null;
  const bigger = picking.packageTypes.filter((t) => t.barcode !== null && holds(t)).sort((a, b) => (a.maxWeightG ?? Infinity) - (b.maxWeightG ?? Infinity));
  return bigger[0]?.barcode ?? null;
}

/**
 * A packer made of code: scans the picking and its items on the simulated scanner, puts a box of the expected
 * weight on the simulated scale, waits for the label, lifts the box. `paceMs` slows it to human speed for watching.
 */
export async function packOrder(station: Station, world: DemoWorld, order: DemoOrder, paceMs: number): Promise<PackTiming> {
  const { actor } = station;
  const start = Date.now();
  await world.scanner.scan(order.name);
  const loaded = await waitForSnapshot(actor, (s) => s.matches('packing'), STEP_TIMEOUT_MS, `picking ${order.name} to load`);
  // Like a packer, a box the goods fit in: the default one, or the smallest that holds them (scanned first).
  const box = boxFor(loaded.context.picking, order.lines.reduce((g, l) => g + l.unitWeightG * l.quantity, 0));
  if (box !== null) {
    await world.scanner.scan(box);
    await waitForSnapshot(actor, (s) => s.context.packageTypeId !== loaded.context.packageTypeId, STEP_TIMEOUT_MS, `box ${box} to be chosen`);
  }
  for (const line of order.lines) {
    for (let i = 0; i < line.quantity; i += 1) {
      await pause(paceMs);
      const before = scannedCount(toPackingView(actor.getSnapshot()));
      const code = line.scans?.[i] ?? line.barcode;
      await world.scanner.scan(code);
      await waitForSnapshot(
        actor,
        (s) => !s.matches('packing') || scannedCount(toPackingView(s)) > before,
        STEP_TIMEOUT_MS,
        `scan of ${code} to register`,
      );
    }
  }
  const weighing = await waitForSnapshot(actor, (s) => s.matches('weighing'), STEP_TIMEOUT_MS, 'the parcel to close');
  const expected = toPackingView(weighing).expectedWeightG ?? order.lines.reduce((g, l) => g + l.unitWeightG * l.quantity, 0);
  await pause(paceMs);
  // A box settles: a moving reading first, then the stable one (a few grams off, like a real box).
  world.scale.setWeight(Math.round(expected * 0.6), { stable: false });
  await pause(Math.min(paceMs, 150));
  const placed = Date.now();
  world.scale.setWeight(Math.round(expected + 3), { stable: true });
  const labelsBefore = world.printer.jobs().length;
  await waitForSnapshot(actor, (s) => s.matches('done'), STEP_TIMEOUT_MS, `${order.name} to be packed and printed`);
  const printed = Date.now();
  if (world.printer.jobs().length <= labelsBefore) throw new Error(`no label reached the printer for ${order.name}`);
  await pause(paceMs);
  world.scale.setWeight(0, { stable: true });
  // The box is off only once the station has read zero: the return-to-zero gate needs it before the next parcel.
  await waitUntil(() => station.devices.scale.lastReading()?.grams === 0, STEP_TIMEOUT_MS, 'the scale to read zero');
  // A scale without a stability flag settles by a window of readings: zero must hold that long to count as empty.
  if (station.devices.scale.reportsStability === false) {
    const { windowMs } = world.config.scale.stability;
    await pause(windowMs + 2 * world.config.scale.pollMs);
  }
  return { picking: order.name, scanToPrintedMs: printed - start, scaleToPrintedMs: printed - placed };
}
