/**
 * The packing station's process, from "scan a picking" to "label printed, picking validated". The effects, guards
 * and context updates it names are declared in packing.setup.ts.
 *
 * Design choices:
 * - Scan errors (`packing.unknownBarcode|wrongProduct|overQuantity`) stay on screen until the next scan, which is
 *   handled as usual: a timer could clear the message before a packer who looked away has read it.
 * - In `loadFailed` and `done` the next scan is loaded as a picking at once (idle is passed through, its reset is
 *   applied): the packer scans the right picking and carries on, without a scan just to acknowledge.
 * - `done` also returns to `idle` by itself after `doneTimeoutMs` (input, default 15 s).
 * - A stable weight of 0 g or less is the empty scale: ignored in `weighing`, and in `weightRejected` it means the
 *   box was taken off to fix it (→ `weighing`).
 * - While the scale is reported silent or disconnected, `WEIGHT.STABLE` is ignored and the weighing states say
 *   so; they resume by themselves on fresh readings, so there is no separate "paused" state to leave.
 * - A parcel the carrier desk refuses, or cannot reach for longer than `carrier.downAfterMinutes`, goes to `setAside`
 *   (its exception is queued by the purchase actor): the packer scans the next picking at once, and a later scan of
 *   this one resumes at buying its label. Other purchase failures stay in `carrierFailed` (Retry/Cancel).
 * - Error states of the local steps: `recordFailed` and `finishFailed` (the local ledger refused; retry/cancel) and
 *   `reprinting` (reprint of the last label from `done`, whose failure is shown on the done screen).
 * - Cancel is refused while an effect is in flight (record, buy, print, finish): stopping the actor would not stop
 *   the remote side, and the result would be lost. Failures of those effects land in a state that offers cancel.
 * - Printing goes through the durable spooler: `printing` submits the label and then follows its job through
 *   `PRINT.JOB` reports. A printer fault holds the job (`printerFault`, no button: it prints by itself when fixed,
 *   so Cancel is not offered either, or the label would come out for an abandoned picking); a job that may or may
 *   not have printed waits for a person's audited answer (`printUncertain`, answered through 'print:resolve', not a
 *   command: the answer needs a name and a reason); a job the spooler gave up on offers Retry and Cancel.
 */
import { and, not, or } from 'xstate';
import * as act from './packing.actions';
import { packingSetup } from './packing.setup';
import {
  afterLabelPrinted,
  carrierRefused,
  command,
  failed,
  holdScan,
  loadNextPicking,
  phase,
  replayScans,
  resume,
  resumesAt,
  scan,
  setParcelAside,
  toIdle,
} from './packing.transitions';

export type { PackingEvent, PackingInput, PackingContext } from './packing.types';

export const packingMachine = packingSetup.createMachine({
  id: 'packing',
  context: ({ input }) => act.initialContext(input),
  initial: 'idle',
  on: {
    'WEIGHT.READING': { actions: 'storeReading' },
    'DEVICE.CHANGED': { actions: 'storeDevice' },
    // A scan no state below took: a command barcode is a command (`O-BTN.validate` is accepted and ignored on
    // purpose, see command-barcodes.ts); anything else is refused with the reason on screen, never dropped silently.
    'SCAN.RECEIVED': [{ guard: 'isButtonBarcode', actions: 'raiseCommand' }, { guard: 'isCommandBarcode' }, { actions: 'refuseScan' }],
    'SCAN.INVALID': { actions: 'refuseScan' },
    // Reports about other jobs (slips, SSCC labels, other stations' pickings) fall through and are dropped.
    'PRINT.JOB': [
      { guard: 'isCurrentLabelJob', actions: 'storeReportedJob' },
      { guard: 'isReprintOfLabelJob', actions: 'followReprint' },
    ],
  },
  states: {
    idle: {
      entry: ['resetPicking', ...replayScans],
      on: { 'SCAN.RECEIVED': { guard: 'isPickingScan', target: 'loadingPicking', actions: ['rememberScan', 'clearScanNotice'] } },
    },
    loadingPicking: {
      invoke: {
        src: 'loadPicking',
        input: ({ context }) => ({ scan: context.lastScan ?? '' }),
        // The ledger's progress says where the picking continues (resume.ts): a rescan after a cancel or a restart
        // never packs, buys or prints a parcel twice.
        onDone: [
          {
            guard: { type: 'pickingNotOpen', params: ({ event }) => ({ picking: event.output.picking }) },
            target: 'loadFailed',
            actions: { type: 'storeError', params: ({ event }) => act.closedPickingError(event.output.picking) },
          },
          { guard: resumesAt('buyingLabel'), target: 'buyingLabel', actions: resume },
          { guard: resumesAt('printing'), target: 'printing', actions: resume },
          { guard: resumesAt('printJob'), target: '#packing.printing.waiting', actions: resume },
          { guard: resumesAt('finishing'), target: 'finishing', actions: resume },
          { target: 'packing', actions: resume },
        ],
        onError: { target: 'loadFailed', actions: failed },
      },
      on: { COMMAND: toIdle, 'SCAN.RECEIVED': holdScan },
    },
    loadFailed: {
      entry: 'discardQueuedScans',
      exit: 'clearError',
      on: {
        'SCAN.RECEIVED': { guard: 'isPickingScan', target: 'loadingPicking', actions: ['rememberScan', 'clearScanNotice'] },
        COMMAND: [{ guard: and([command('retry'), 'hasScanToRetry']), target: 'loadingPicking' }, toIdle],
      },
    },
    packing: {
      initial: 'scanning',
      entry: replayScans,
      // Closing by itself on the last unit saves the packer a command scan on every single-parcel order.
      always: { guard: 'everyLineScanned', target: 'weighing' },
      on: {
        'SCAN.RECEIVED': [
          { guard: scan('item'), target: '.scanning', actions: ['countItem', 'clearScanNotice'] },
          { guard: scan('packageType'), target: '.scanning', actions: ['selectPackageType', 'clearScanNotice'] },
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
      entry: replayScans,
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
      entry: replayScans,
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
      on: { 'SCAN.RECEIVED': holdScan },
    },
    recordFailed: {
      entry: replayScans,
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
        onError: [
          { guard: carrierRefused, target: 'setAside', actions: setParcelAside },
          { target: 'carrierFailed', actions: failed },
        ],
      },
      on: { 'SCAN.RECEIVED': holdScan },
    },
    carrierFailed: {
      entry: replayScans,
      exit: 'clearError',
      on: { COMMAND: [{ guard: command('retry'), target: 'buyingLabel' }, toIdle] },
    },
    // The parcel stays recorded without a label; its exception is in the queue. The packer goes on with the next
    // picking; scanning this one again resumes at buying the label.
    setAside: {
      entry: replayScans,
      on: { 'SCAN.RECEIVED': loadNextPicking, COMMAND: toIdle },
    },
    printing: {
      initial: 'submitting',
      on: { 'SCAN.RECEIVED': holdScan },
      states: {
        submitting: {
          entry: 'forgetLabelJob',
          on: { 'PRINT.JOB': { guard: 'mayBeSubmittedLabelJob', actions: 'storeReportedJob' } },
          invoke: {
            src: 'submitLabel',
            input: ({ context }) => act.printArgs(context),
            onDone: { target: 'waiting', actions: { type: 'storeLabelJobId', params: ({ event }) => ({ jobId: event.output }) } },
            onError: { target: '#packing.printerFault', actions: failed },
          },
        },
        waiting: {
          always: [
            ...afterLabelPrinted,
            { guard: phase('uncertain'), target: '#packing.printUncertain' },
            { guard: or([phase('printerWaits'), phase('failed')]), target: '#packing.printerFault' },
          ],
        },
        retrying: {
          invoke: {
            src: 'retryPrint',
            input: ({ context }) => act.labelJobArgs(context),
            onDone: { target: 'waiting', actions: { type: 'storeLabelJob', params: ({ event }) => ({ job: event.output }) } },
            onError: { target: '#packing.printerFault', actions: failed },
          },
        },
      },
    },
    printerFault: {
      entry: replayScans,
      exit: 'clearError',
      // A held job that moves again, or a person's answer given elsewhere, takes the station on without a button.
      always: [
        ...afterLabelPrinted,
        { guard: phase('uncertain'), target: '#packing.printUncertain' },
        { guard: phase('printing'), target: '#packing.printing.waiting' },
      ],
      on: {
        COMMAND: [
          { guard: and([command('retry'), 'labelJobRetryable']), target: '#packing.printing.retrying' },
          { guard: and([command('retry'), 'labelJobNeedsResubmit']), target: '#packing.printing' },
          { guard: and([command('cancel'), not(phase('printerWaits'))]), target: '#packing.idle' },
        ],
      },
    },
    // "Did the label print?": the answer reaches the spooler through 'print:resolve'; its report moves us on.
    printUncertain: {
      entry: replayScans,
      always: [
        ...afterLabelPrinted,
        { guard: phase('printing'), target: '#packing.printing.waiting' },
        { guard: or([phase('printerWaits'), phase('failed')]), target: '#packing.printerFault' },
      ],
    },
    finishing: {
      invoke: {
        src: 'finishPicking',
        input: ({ context }) => act.pickingArgs(context),
        onDone: { target: 'done' },
        onError: { target: 'finishFailed', actions: failed },
      },
      on: { 'SCAN.RECEIVED': holdScan },
    },
    finishFailed: {
      entry: replayScans,
      exit: 'clearError',
      on: { COMMAND: [{ guard: command('retry'), target: 'finishing' }, toIdle] },
    },
    done: {
      entry: replayScans,
      after: { doneTimeout: { target: 'idle' } },
      on: {
        'SCAN.RECEIVED': loadNextPicking,
        COMMAND: { guard: and([command('reprint'), 'hasLabelJob']), target: 'reprinting', actions: 'clearError' },
      },
    },
    // The picking is finished; a failed reprint is shown on the done screen rather than reopening the picking. The
    // reprint barcode has no name to give: the actor audits it as the station's command barcode.
    reprinting: {
      on: { 'SCAN.RECEIVED': holdScan },
      invoke: {
        src: 'reprintLabel',
        input: ({ context }) => act.labelJobArgs(context),
        onDone: { target: 'done', actions: { type: 'storeLabelJobId', params: ({ event }) => ({ jobId: event.output }) } },
        onError: {
          target: 'done',
          actions: {
            type: 'storeError',
            params: ({ event }) => act.reprintFailedError(event.error),
          },
        },
      },
    },
  },
});
