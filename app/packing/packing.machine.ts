/**
 * The packing station's process, from "scan a picking" to "label printed, picking validated".
 *
 * Every effect is a named actor that rejects until `main/bootstrap.ts` (or a test) supplies it with
 * `packingMachine.provide({ actors })`, so this file stays pure and the same chart runs against fakes and hardware.
 *
 * Choices the issue left open:
 * - Scan errors (`packing.unknownBarcode|wrongProduct|overQuantity`) stay on screen until the next scan, which is
 *   handled as usual: a timer could clear the message before a packer who looked away has read it.
 * - In `loadFailed` and `done` the next scan is loaded as a picking at once (idle is passed through, its reset is
 *   applied): the packer scans the right picking and carries on, without a scan just to acknowledge.
 * - `done` also returns to `idle` by itself after `doneTimeoutMs` (input, default 15 s).
 * - A stable weight of 0 g or less is the empty scale: ignored in `weighing`, and in `weightRejected` it means the
 *   box was taken off to fix it (→ `weighing`).
 * - While the scale is reported silent or disconnected, `WEIGHT.STABLE` is ignored and the weighing states say
 *   so; they resume by themselves on fresh readings, so there is no separate "paused" state to leave.
 * - Beyond the states: `recordFailed` and `finishFailed` (the local ledger refused; retry/cancel) and
 *   `reprinting` (reprint of the last label from `done`, whose failure is shown on the done screen).
 * - Cancel is refused while an effect is in flight (record, buy, print, finish): stopping the actor would not stop
 *   the remote side, and the result would be lost. Failures of those effects land in a state that offers cancel.
 */
import { and, assertEvent, assign, fromPromise, raise, setup } from 'xstate';
import type { Picking, Shipment } from '../domain';
import { StationError, errorMessage } from '../domain/errors';
import type { PackingAction } from '../ipc/contract';
import * as act from './packing.actions';
import { classifyScan, type ScanKind } from './scan-classification';
import * as is from './packing.guards';
import type { PackingContext, PackingEvent, PackingInput, ParcelArgs, PickingArgs, PrintArgs } from './packing.types';

export type { PackingEvent, PackingInput, PackingContext } from './packing.types';

const notProvided = <TOutput, TInput>(name: string) =>
  fromPromise<TOutput, TInput>(async () => {
    throw new StationError('CONFIG', `packing actor "${name}" not provided: supply it with packingMachine.provide({ actors })`);
  });

const command = (action: PackingAction) => ({ type: 'commandIs', params: { action } }) as const;
const scan = (kind: ScanKind) => ({ type: 'scanIs', params: { kind } }) as const;
/** The packer sees the StationError's message; the code stays with the actor that decided on retries. */
const failed = {
  type: 'storeError',
  params: ({ event }: { event: { error: unknown } }) => ({ message: errorMessage(event.error) }),
} as const;
const toIdle = { guard: command('cancel'), target: '#packing.idle' } as const;

export const packingMachine = setup({
  types: {} as { context: PackingContext; events: PackingEvent; input: PackingInput },
  actors: {
    loadPicking: notProvided<Picking, { scan: string }>('loadPicking'),
    recordParcel: notProvided<void, ParcelArgs>('recordParcel'),
    buyLabel: notProvided<Shipment, ParcelArgs>('buyLabel'),
    printLabel: notProvided<void, PrintArgs>('printLabel'),
    finishPicking: notProvided<void, PickingArgs>('finishPicking'),
  },
  delays: {
    doneTimeout: ({ context }) => context.doneTimeoutMs,
  },
  guards: {
    isButtonBarcode: is.isButtonBarcode,
    isPickingScan: is.isPickingScan,
    scanIs: (args, params: { kind: ScanKind }) => is.scanIs(args, params.kind),
    commandIs: (args, params: { action: PackingAction }) => is.commandIs(args, params.action),
    currentParcelHasItems: is.currentParcelHasItems,
    everyLineScanned: is.everyLineScanned,
    linesRemain: is.linesRemain,
    weightNotPositive: is.weightNotPositive,
    scaleNotReady: is.scaleNotReady,
    weightAccepted: is.weightAccepted,
    pickingNotOpen: (_, params: { picking: Picking }) => is.pickingNotOpen(params.picking),
    hasScanToRetry: is.hasScanToRetry,
  },
  actions: {
    // Command barcodes become the same COMMAND a button sends, so each state lists its commands once.
    raiseCommand: raise(({ event }) => {
      assertEvent(event, 'SCAN.RECEIVED');
      return { type: 'COMMAND' as const, action: act.buttonOf(event.code) };
    }),
    rememberScan: assign(({ event }) => {
      assertEvent(event, 'SCAN.RECEIVED');
      return act.rememberScan(event.code);
    }),
    resetPicking: assign(() => act.resetPicking()),
    startPicking: assign((_, params: { picking: Picking }) => act.startPicking(params.picking)),
    countItem: assign(({ context, event }) => {
      assertEvent(event, 'SCAN.RECEIVED');
      const scanned = context.picking ? classifyScan(context.picking, context.scanned, event.code, context.tracked) : null;
      return scanned?.kind === 'item' ? act.countItem(context, scanned) : {};
    }),
    selectPackageType: assign(({ context, event }) => {
      assertEvent(event, 'SCAN.RECEIVED');
      const scanned = context.picking ? classifyScan(context.picking, context.scanned, event.code) : null;
      return scanned?.kind === 'packageType' ? { packageTypeId: scanned.packageTypeId } : {};
    }),
    checkWeight: assign(({ context, event }) => {
      assertEvent(event, 'WEIGHT.STABLE');
      return act.checkWeight(context, event.grams);
    }),
    acceptWeight: assign(({ context, event }) => {
      assertEvent(event, 'WEIGHT.STABLE');
      return act.acceptWeight(context, event.grams);
    }),
    clearWeightCheck: assign({ weightCheck: null }),
    storeShipment: assign(({ context }, params: { shipment: Shipment }) => act.storeShipment(context, params.shipment)),
    nextParcel: assign(({ context }) => act.nextParcel(context)),
    storeError: assign((_, params: { message: string }) => ({ error: params.message })),
    clearError: assign({ error: null }),
    storeReading: assign(({ event }) => {
      assertEvent(event, 'WEIGHT.READING');
      return { weight: event.reading };
    }),
    storeDevice: assign(({ context, event }) => {
      assertEvent(event, 'DEVICE.CHANGED');
      return act.storeDevice(context, event.device, event.state, event.detail);
    }),
  },
}).createMachine({
  id: 'packing',
  context: ({ input }) => act.initialContext(input),
  initial: 'idle',
  on: {
    'WEIGHT.READING': { actions: 'storeReading' },
    'DEVICE.CHANGED': { actions: 'storeDevice' },
    // `O-BTN.validate` matches nothing and is dropped here on purpose (see command-barcodes.ts).
    'SCAN.RECEIVED': { guard: 'isButtonBarcode', actions: 'raiseCommand' },
  },
  states: {
    idle: {
      entry: 'resetPicking',
      on: { 'SCAN.RECEIVED': { guard: 'isPickingScan', target: 'loadingPicking', actions: 'rememberScan' } },
    },
    loadingPicking: {
      invoke: {
        src: 'loadPicking',
        input: ({ context }) => ({ scan: context.lastScan ?? '' }),
        onDone: [
          {
            guard: { type: 'pickingNotOpen', params: ({ event }) => ({ picking: event.output }) },
            target: 'loadFailed',
            actions: { type: 'storeError', params: ({ event }) => ({ message: act.closedPickingMessage(event.output) }) },
          },
          { target: 'packing', actions: { type: 'startPicking', params: ({ event }) => ({ picking: event.output }) } },
        ],
        onError: { target: 'loadFailed', actions: failed },
      },
      on: { COMMAND: toIdle },
    },
    loadFailed: {
      exit: 'clearError',
      on: {
        'SCAN.RECEIVED': { guard: 'isPickingScan', target: 'loadingPicking', actions: 'rememberScan' },
        COMMAND: [{ guard: and([command('retry'), 'hasScanToRetry']), target: 'loadingPicking' }, toIdle],
      },
    },
    packing: {
      initial: 'scanning',
      // Closing by itself on the last unit saves the packer a command scan on every single-parcel order.
      always: { guard: 'everyLineScanned', target: 'weighing' },
      on: {
        'SCAN.RECEIVED': [
          { guard: scan('item'), target: '.scanning', actions: 'countItem' },
          { guard: scan('packageType'), target: '.scanning', actions: 'selectPackageType' },
          { guard: scan('overQuantity'), target: '.overQuantity', actions: 'rememberScan' },
          { guard: scan('duplicateSerial'), target: '.duplicateSerial', actions: 'rememberScan' },
          { guard: scan('wrongProduct'), target: '.wrongProduct', actions: 'rememberScan' },
          { guard: scan('unknownBarcode'), target: '.unknownBarcode', actions: 'rememberScan' },
        ],
        // An empty parcel cannot be put in pack; the button is not offered then, and the command is ignored.
        COMMAND: [{ guard: and([command('pack'), 'currentParcelHasItems']), target: 'weighing' }, toIdle],
      },
      states: {
        scanning: {},
        unknownBarcode: {},
        wrongProduct: {},
        overQuantity: {},
        duplicateSerial: {},
      },
    },
    weighing: {
      on: {
        'WEIGHT.STABLE': [
          { guard: 'scaleNotReady' },
          { guard: 'weightNotPositive' },
          { guard: 'weightAccepted', target: 'recordingParcel', actions: 'acceptWeight' },
          { target: 'weightRejected', actions: 'checkWeight' },
        ],
        COMMAND: toIdle,
      },
    },
    weightRejected: {
      on: {
        'WEIGHT.STABLE': [
          { guard: 'scaleNotReady' },
          { guard: 'weightNotPositive', target: 'weighing', actions: 'clearWeightCheck' },
          { guard: 'weightAccepted', target: 'recordingParcel', actions: 'acceptWeight' },
          { actions: 'checkWeight' },
        ],
        COMMAND: toIdle,
      },
    },
    recordingParcel: {
      invoke: {
        src: 'recordParcel',
        input: ({ context }) => act.parcelArgs(context),
        onDone: { target: 'buyingLabel' },
        onError: { target: 'recordFailed', actions: failed },
      },
    },
    recordFailed: {
      exit: 'clearError',
      on: { COMMAND: [{ guard: command('retry'), target: 'recordingParcel' }, toIdle] },
    },
    buyingLabel: {
      invoke: {
        src: 'buyLabel',
        input: ({ context }) => act.parcelArgs(context),
        onDone: {
          target: 'printing',
          actions: { type: 'storeShipment', params: ({ event }) => ({ shipment: event.output }) },
        },
        onError: { target: 'carrierFailed', actions: failed },
      },
    },
    carrierFailed: {
      exit: 'clearError',
      on: { COMMAND: [{ guard: command('retry'), target: 'buyingLabel' }, toIdle] },
    },
    printing: {
      invoke: {
        src: 'printLabel',
        input: ({ context }) => act.printArgs(context),
        onDone: [{ guard: 'linesRemain', target: 'packing', actions: 'nextParcel' }, { target: 'finishing' }],
        onError: { target: 'printerFault', actions: failed },
      },
    },
    printerFault: {
      exit: 'clearError',
      on: {
        COMMAND: [
          { guard: command('retry'), target: 'printing' },
          { guard: command('reprint'), target: 'printing' },
          // The printer may have printed and only failed to say so (no ~HS answer): the packer is the judge.
          { guard: and([command('confirmPrinted'), 'linesRemain']), target: 'packing', actions: 'nextParcel' },
          { guard: command('confirmPrinted'), target: 'finishing' },
          toIdle,
        ],
      },
    },
    finishing: {
      invoke: {
        src: 'finishPicking',
        input: ({ context }) => act.pickingArgs(context),
        onDone: { target: 'done' },
        onError: { target: 'finishFailed', actions: failed },
      },
    },
    finishFailed: {
      exit: 'clearError',
      on: { COMMAND: [{ guard: command('retry'), target: 'finishing' }, toIdle] },
    },
    done: {
      after: { doneTimeout: { target: 'idle' } },
      on: {
        'SCAN.RECEIVED': { guard: 'isPickingScan', target: 'loadingPicking', actions: ['resetPicking', 'rememberScan'] },
        COMMAND: { guard: command('reprint'), target: 'reprinting', actions: 'clearError' },
      },
    },
    // The picking is finished; a failed reprint is shown on the done screen rather than reopening the picking.
    reprinting: {
      invoke: {
        src: 'printLabel',
        input: ({ context }) => act.printArgs(context),
        onDone: { target: 'done' },
        onError: {
          target: 'done',
          actions: {
            type: 'storeError',
            params: ({ event }) => ({ message: `Reprint failed: ${errorMessage(event.error)}` }),
          },
        },
      },
    },
  },
});
