/**
 * The packing machine's vocabulary: the effects it names, its guards and its context updates. The chart itself is in
 * packing.machine.ts; keeping the two apart lets each be read on its own.
 *
 * Every effect is a named actor that rejects until `main/bootstrap.ts` (or a test) supplies it with
 * `packingMachine.provide({ actors })`, so the chart runs against fakes and hardware alike.
 */
import { assertEvent, assign, fromPromise, raise, setup } from 'xstate';
import type { LoadedPicking, Picking, PrintJob, Shipment } from '../domain';
import { StationError } from '../domain/errors';
import type { Say } from '../i18n/language';
import type { PackingAction } from '../ipc/contract';
import type { LabelJobPhase } from './label-job';
import * as act from './packing.actions';
import { classifyScan, type ScanKind } from './scan-classification';
import * as is from './packing.guards';
import { resumePicking, resumeStage, type ResumeStage } from './resume';
import { carrierRefusalOf, setParcelAside } from './set-aside';
import { verbatim } from '../i18n/english';
import { scanInputProblem } from './scan-input';
import * as scans from './scan-queue';
import { statePath } from './state-path';
import type { PackingContext, PackingEvent, PackingInput, ParcelArgs, PickingArgs, PrintArgs, PrintJobArgs } from './packing.types';

const notProvided = <TOutput, TInput>(name: string) =>
  fromPromise<TOutput, TInput>(async () => {
    throw new StationError('CONFIG', `packing actor "${name}" not provided: supply it with packingMachine.provide({ actors })`);
  });

export const packingSetup = setup({
  types: {} as { context: PackingContext; events: PackingEvent; input: PackingInput },
  actors: {
    /** The picking and what the station's ledger already recorded for it. */
    loadPicking: notProvided<LoadedPicking, { scan: string }>('loadPicking'),
    recordParcel: notProvided<void, ParcelArgs>('recordParcel'),
    buyLabel: notProvided<Shipment, ParcelArgs>('buyLabel'),
    /** Hands the label to the print spooler; resolves with the job id once the job is stored (not printed). */
    submitLabel: notProvided<string, PrintArgs>('submitLabel'),
    /** Re-runs a failed job; resolves with the job as the spooler now has it. */
    retryPrint: notProvided<PrintJob | null, PrintJobArgs>('retryPrint'),
    /** An audited reprint of the label's job; resolves with the new job's id. */
    reprintLabel: notProvided<string, PrintJobArgs>('reprintLabel'),
    finishPicking: notProvided<void, PickingArgs>('finishPicking'),
  },
  delays: {
    doneTimeout: ({ context }) => context.doneTimeoutMs,
  },
  guards: {
    isButtonBarcode: is.isButtonBarcode,
    isCommandBarcode: is.isCommandBarcode,
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
    resumesAt: (_, params: { loaded: LoadedPicking; stage: ResumeStage }) => resumeStage(params.loaded) === params.stage,
    hasScanToRetry: is.hasScanToRetry,
    carrierRefused: (_, params: { error: unknown }) => carrierRefusalOf(params.error) !== null,
    labelJobIs: (args, params: { phase: LabelJobPhase }) => is.labelJobIs(args, params.phase),
    hasLabelJob: is.hasLabelJob,
    isCurrentLabelJob: is.isCurrentLabelJob,
    isReprintOfLabelJob: is.isReprintOfLabelJob,
    mayBeSubmittedLabelJob: is.mayBeSubmittedLabelJob,
    labelJobNeedsResubmit: is.labelJobNeedsResubmit,
    labelJobRetryable: is.labelJobRetryable,
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
    queueScan: assign(({ context, event }) => {
      assertEvent(event, 'SCAN.RECEIVED');
      return scans.queueScan(context, event.code);
    }),
    // Each held scan is sent again, in order, once this transition is done; one that lands in a state that runs an
    // effect is held again behind the rest. (enqueueActions cannot be typed inside this setup: TS2719.)
    sendHeldScans: ({ context, self }) => {
      for (const code of context.queuedScans ?? []) self.send({ type: 'SCAN.RECEIVED', code });
    },
    forgetHeldScans: assign({ queuedScans: [] }),
    discardQueuedScans: assign(({ context }) => scans.discardQueuedScans(context)),
    refuseScan: assign(({ context, event, self }) => {
      assertEvent(event, ['SCAN.RECEIVED', 'SCAN.INVALID']);
      const reason =
        event.type === 'SCAN.INVALID'
          ? (scanInputProblem(event.code) ?? verbatim(event.reason))
          : scans.scanRefusalFor(statePath(self.getSnapshot().value));
      return scans.refuseScan(context, event.code, reason);
    }),
    clearScanNotice: assign(() => scans.clearScanNotice()),
    resetPicking: assign(() => act.resetPicking()),
    resumePicking: assign(({ context }, params: { loaded: LoadedPicking }) => resumePicking(context, params.loaded)),
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
    setParcelAside: assign(({ context }, params: { error: unknown }) => setParcelAside(context, params.error)),
    storeError: assign((_, params: { message: string; say?: Say }) => ({ error: params.message, errorSay: params.say ?? null })),
    clearError: assign({ error: null, errorSay: null }),
    storeReading: assign(({ event }) => {
      assertEvent(event, 'WEIGHT.READING');
      return { weight: event.reading };
    }),
    storeDevice: assign(({ context, event }) => {
      assertEvent(event, 'DEVICE.CHANGED');
      return act.storeDevice(context, event.device, event.state, event.detail);
    }),
    forgetLabelJob: assign(() => act.forgetLabelJob()),
    storeLabelJobId: assign(({ context }, params: { jobId: string }) => act.storeLabelJobId(context, params.jobId)),
    storeLabelJob: assign(({ context }, params: { job: PrintJob | null }) => act.storeLabelJob(context, params.job)),
    storeReportedJob: assign(({ context, event }) => {
      assertEvent(event, 'PRINT.JOB');
      return act.storeLabelJob(context, event.job);
    }),
    followReprint: assign(({ event }) => {
      assertEvent(event, 'PRINT.JOB');
      return act.followReprint(event.job);
    }),
  },
});
