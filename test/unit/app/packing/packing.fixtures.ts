/** A small picking and a station harness with fake effects, shared by the packing machine tests. */
import { createActor, fromPromise, waitFor, type SimulatedClock } from 'xstate';
import { NO_PROGRESS } from '../../../../app/domain';
import type { LoadedPicking, Parcel, Picking, PrintJob, PrintJobState, Shipment } from '../../../../app/domain';
import { packingMachine, type PackingEvent } from '../../../../app/packing/packing.machine';
import { toPackingView, type PackingSnapshot } from '../../../../app/packing/packing.view';

const address = { name: 'Ada Lovelace', street1: '1 Main St', city: 'London', zip: 'N1 1AA', country: 'GB' };

/** Valid EAN-13s (check digit included) so the scan classification treats them as real products. */
export const MUG = '5901234123457';
export const NOT_IN_PICKING = '4006381333931';
export const TEA = 'TEA-01';
export const SMALL_BOX = 'PKG-S';
export const LARGE_BOX = 'PKG-L';

/** 2 mugs (300 g) + 1 tea (200 g, default code only) in the default small box (100 g): expected 900 g, 810–990 g. */
export const picking: Picking = {
  id: 42,
  name: 'WH/OUT/00042',
  state: 'assigned',
  origin: 'S00042',
  partner: address,
  warehouse: { ...address, name: 'Warehouse' },
  carrier: { id: 3, name: 'EasyPost' },
  lines: [
    { moveId: 11, productId: 101, productName: 'Mug', defaultCode: 'MUG-01', barcode: MUG, quantity: 2, uom: 'Units', unitWeightG: 300 },
    { moveId: 12, productId: 102, productName: 'Tea', defaultCode: TEA, barcode: null, quantity: 1, uom: 'Units', unitWeightG: 200 },
  ],
  packageTypes: [
    { id: 5, name: 'Small box', barcode: SMALL_BOX, tareG: 100, lengthMm: 300, widthMm: 200, heightMm: 100, maxWeightG: null },
    { id: 6, name: 'Large box', barcode: LARGE_BOX, tareG: 400, lengthMm: 600, widthMm: 400, heightMm: 400, maxWeightG: null },
  ],
  defaultPackageTypeId: 5,
};

export const shipmentFor = (parcel: Parcel): Shipment => ({
  shipmentId: `shp_${parcel.index}`,
  trackingCode: `TRK${parcel.index}`,
  rate: { id: 'rate_1', carrier: 'USPS', service: 'Ground', rate: '7.50', currency: 'USD' },
  label: { format: 'ZPL', dpi: 203, data: '^XA^XZ' },
});

/** Every attempt of each fake effect, failed ones included, in order. */
export interface Calls {
  load: string[];
  record: Parcel[];
  buy: Parcel[];
  /** Labels handed to the spooler, with the job id the fake spooler gave (null when the submission failed). */
  print: { parcel: Parcel; shipment: Shipment; jobId: string | null }[];
  retry: string[];
  reprint: string[];
  finish: number[];
}

/** A fake returns or throws what its handler says; handlers receive the call number (1-based) to fail then succeed. */
export interface Fakes {
  /** A bare Picking comes with no recorded progress; a LoadedPicking carries what the ledger recorded. */
  loadPicking?: (scan: string, call: number) => Picking | LoadedPicking | Promise<Picking | LoadedPicking>;
  recordParcel?: (parcel: Parcel, call: number) => void | Promise<void>;
  buyLabel?: (parcel: Parcel, call: number) => Shipment | Promise<Shipment>;
  /** Storing the label in the spooler; throw to make the submission itself fail. */
  submitLabel?: (parcel: Parcel, call: number) => void | Promise<void>;
  retryPrint?: (jobId: string, call: number) => void | Promise<void>;
  reprintLabel?: (jobId: string, call: number) => void | Promise<void>;
  finishPicking?: (picking: Picking, call: number) => void | Promise<void>;
  /**
   * The fake spooler: `print` (default) reports every submitted, retried or reprinted job confirmed right after;
   * `hold` reports nothing, and the test plays the spooler with `station.report(...)`.
   */
  spooler?: 'print' | 'hold';
}

let clockMs = 1_000;

/** A shipping-label job as the spooler reports it. */
export function labelJob(id: string, parcelIndex: number, state: PrintJobState, patch: Partial<PrintJob> = {}): PrintJob {
  clockMs += 1;
  return {
    id,
    kind: 'shipping-label',
    target: 'label',
    pickingId: picking.id,
    parcelIndex,
    state,
    attempts: state === 'queued' ? 0 : 1,
    detail: null,
    heldBy: null,
    reprintOf: null,
    createdAt: 1_000,
    updatedAt: clockMs,
    ...patch,
  };
}

/** A promise the test settles when it wants, to hold an effect in flight. */
export function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

export function startStation(fakes: Fakes = {}, options: { clock?: SimulatedClock; doneTimeoutMs?: number } = {}) {
  const calls: Calls = { load: [], record: [], buy: [], print: [], retry: [], reprint: [], finish: [] };
  /** The last report of each job, so a test (or the fake spooler) reports changes of a job by id. */
  const jobs = new Map<string, PrintJob>();
  const report = (id: string, state: PrintJobState, patch: Partial<PrintJob> = {}): PrintJob => {
    const known = jobs.get(id);
    if (!known) throw new Error(`fake spooler: no job ${id}`);
    const job = labelJob(id, known.parcelIndex ?? 1, state, { reprintOf: known.reprintOf, detail: null, ...patch });
    jobs.set(id, job);
    actor.send({ type: 'PRINT.JOB', job });
    return job;
  };
  const autoPrint = (id: string) => {
    if ((fakes.spooler ?? 'print') === 'print') setTimeout(() => report(id, 'confirmed'), 0);
  };
  const machine = packingMachine.provide({
    actors: {
      loadPicking: fromPromise<LoadedPicking, { scan: string }>(async ({ input }) => {
        calls.load.push(input.scan);
        const loaded = fakes.loadPicking ? await fakes.loadPicking(input.scan, calls.load.length) : picking;
        return 'progress' in loaded ? loaded : { picking: loaded, progress: NO_PROGRESS };
      }),
      recordParcel: fromPromise<void, { picking: Picking; parcel: Parcel }>(async ({ input }) => {
        calls.record.push(input.parcel);
        await fakes.recordParcel?.(input.parcel, calls.record.length);
      }),
      buyLabel: fromPromise<Shipment, { picking: Picking; parcel: Parcel }>(async ({ input }) => {
        calls.buy.push(input.parcel);
        return fakes.buyLabel ? await fakes.buyLabel(input.parcel, calls.buy.length) : shipmentFor(input.parcel);
      }),
      submitLabel: fromPromise<string, { picking: Picking; parcel: Parcel; shipment: Shipment }>(async ({ input }) => {
        const call = { parcel: input.parcel, shipment: input.shipment, jobId: null as string | null };
        calls.print.push(call);
        await fakes.submitLabel?.(input.parcel, calls.print.length);
        const id = `job-${calls.print.length}`;
        jobs.set(id, labelJob(id, input.parcel.index, 'queued'));
        call.jobId = id;
        autoPrint(id);
        return id;
      }),
      retryPrint: fromPromise<PrintJob | null, { jobId: string }>(async ({ input }) => {
        calls.retry.push(input.jobId);
        await fakes.retryPrint?.(input.jobId, calls.retry.length);
        const known = jobs.get(input.jobId);
        if (!known) return null;
        const queued = labelJob(input.jobId, known.parcelIndex ?? 1, 'queued', { attempts: known.attempts });
        jobs.set(input.jobId, queued);
        autoPrint(input.jobId);
        return queued;
      }),
      reprintLabel: fromPromise<string, { jobId: string }>(async ({ input }) => {
        calls.reprint.push(input.jobId);
        await fakes.reprintLabel?.(input.jobId, calls.reprint.length);
        const id = `reprint-${calls.reprint.length}`;
        jobs.set(id, labelJob(id, jobs.get(input.jobId)?.parcelIndex ?? 1, 'queued', { reprintOf: input.jobId }));
        autoPrint(id);
        return id;
      }),
      finishPicking: fromPromise<void, { picking: Picking }>(async ({ input }) => {
        calls.finish.push(input.picking.id);
        await fakes.finishPicking?.(input.picking, calls.finish.length);
      }),
    },
  });
  const actor = createActor(machine, {
    input: { weightTolerancePct: 10, weightToleranceG: 50, doneTimeoutMs: options.doneTimeoutMs },
    // An explicit `clock: undefined` would replace XState's default clock.
    ...(options.clock ? { clock: options.clock } : {}),
  });
  actor.start();

  const send = (event: PackingEvent) => actor.send(event);
  const scan = (...codes: string[]) => codes.forEach((code) => send({ type: 'SCAN.RECEIVED', code }));
  const until = (state: string) => waitFor(actor, (s: PackingSnapshot) => s.matches(state as never));
  const view = () => toPackingView(actor.getSnapshot());
  const state = () => view().state;

  /** Scan the picking and wait for it to be loaded. */
  const open = async (name = picking.name) => {
    scan(name);
    await until('packing');
  };

  return { actor, calls, send, scan, until, view, state, open, report };
}
