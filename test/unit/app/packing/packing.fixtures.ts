/** A small picking and a station harness with fake effects, shared by the packing machine tests. */
import { createActor, fromPromise, waitFor, type SimulatedClock } from 'xstate';
import type { Parcel, Picking, Shipment } from '../../../../app/domain';
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
  print: { parcel: Parcel; shipment: Shipment }[];
  finish: number[];
}

/** A fake returns or throws what its handler says; handlers receive the call number (1-based) to fail then succeed. */
export interface Fakes {
  loadPicking?: (scan: string, call: number) => Picking | Promise<Picking>;
  recordParcel?: (parcel: Parcel, call: number) => void | Promise<void>;
  buyLabel?: (parcel: Parcel, call: number) => Shipment | Promise<Shipment>;
  printLabel?: (parcel: Parcel, call: number) => void | Promise<void>;
  finishPicking?: (picking: Picking, call: number) => void | Promise<void>;
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
  const calls: Calls = { load: [], record: [], buy: [], print: [], finish: [] };
  const machine = packingMachine.provide({
    actors: {
      loadPicking: fromPromise<Picking, { scan: string }>(async ({ input }) => {
        calls.load.push(input.scan);
        return fakes.loadPicking ? await fakes.loadPicking(input.scan, calls.load.length) : picking;
      }),
      recordParcel: fromPromise<void, { picking: Picking; parcel: Parcel }>(async ({ input }) => {
        calls.record.push(input.parcel);
        await fakes.recordParcel?.(input.parcel, calls.record.length);
      }),
      buyLabel: fromPromise<Shipment, { picking: Picking; parcel: Parcel }>(async ({ input }) => {
        calls.buy.push(input.parcel);
        return fakes.buyLabel ? await fakes.buyLabel(input.parcel, calls.buy.length) : shipmentFor(input.parcel);
      }),
      printLabel: fromPromise<void, { picking: Picking; parcel: Parcel; shipment: Shipment }>(async ({ input }) => {
        calls.print.push({ parcel: input.parcel, shipment: input.shipment });
        await fakes.printLabel?.(input.parcel, calls.print.length);
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

  return { actor, calls, send, scan, until, view, state, open };
}
