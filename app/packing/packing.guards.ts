/** Conditions of the packing machine as plain predicates over context and event. */
import type { Picking } from '../domain';
import type { PackingAction } from '../ipc/contract';
import { buttonForBarcode, commandForBarcode } from './command-barcodes';
import { allLinesScanned, checkParcelWeight, parcelHasItems } from './current-parcel';
import { labelJobPhase, type LabelJobPhase } from './label-job';
import type { PackingContext, PackingEvent } from './packing.types';
import { classifyScan, type ScanKind } from './scan-classification';

interface GuardArgs {
  context: PackingContext;
  event: PackingEvent;
}

export const isButtonBarcode = ({ event }: GuardArgs): boolean =>
  event.type === 'SCAN.RECEIVED' && buttonForBarcode(event.code) !== null;

export const isCommandBarcode = ({ event }: GuardArgs): boolean => event.type === 'SCAN.RECEIVED' && commandForBarcode(event.code) !== null;

/** A scan that can name a picking: not a command, not blank. */
export const isPickingScan = ({ event }: GuardArgs): boolean =>
  event.type === 'SCAN.RECEIVED' && event.code.trim() !== '' && commandForBarcode(event.code) === null;

export const scanIs = ({ context, event }: GuardArgs, kind: ScanKind): boolean =>
  event.type === 'SCAN.RECEIVED' &&
  context.picking !== null &&
  classifyScan(context.picking, context.scanned, event.code, context.tracked).kind === kind;

export const commandIs = ({ event }: GuardArgs, action: PackingAction): boolean =>
  event.type === 'COMMAND' && event.action === action;

export const currentParcelHasItems = ({ context }: GuardArgs): boolean => parcelHasItems(context.inParcel);

export const everyLineScanned = ({ context }: GuardArgs): boolean =>
  context.picking !== null && allLinesScanned(context.picking, context.scanned);

export const linesRemain = (args: GuardArgs): boolean => !everyLineScanned(args);

/** An empty or tared scale settling is not an attempt to weigh the box. */
export const weightNotPositive = ({ event }: GuardArgs): boolean => event.type === 'WEIGHT.STABLE' && event.grams <= 0;

/**
 * A weight that arrives while the scale is reported silent or disconnected is not trusted: the host resets its
 * pipeline on those reports, so this only catches a reading racing the report. No report yet = assumed fine, so
 * a station without health reporting (and the unit tests) still weighs.
 */
export const scaleNotReady = ({ context }: GuardArgs): boolean =>
  context.devices.scale !== undefined && context.devices.scale.state !== 'connected';

export const weightAccepted = ({ context, event }: GuardArgs): boolean =>
  event.type === 'WEIGHT.STABLE' && checkParcelWeight(context, event.grams)?.accepted === true;

export const pickingNotOpen = (picking: Picking): boolean => picking.state === 'done' || picking.state === 'cancel';

export const hasScanToRetry = ({ context }: GuardArgs): boolean => context.lastScan !== null && context.lastScan !== '';

// ---------- the label's print job ----------

export const labelJobIs = ({ context }: GuardArgs, phase: LabelJobPhase): boolean => labelJobPhase(context.printJob) === phase;

export const hasLabelJob = ({ context }: GuardArgs): boolean => context.printJobId !== null;

export const isCurrentLabelJob = ({ context, event }: GuardArgs): boolean =>
  event.type === 'PRINT.JOB' && context.printJobId !== null && event.job.id === context.printJobId;

/**
 * A reprint of the label (from the packer screen, the reprint barcode or the supervisor, of the original or of an
 * earlier reprint) takes the place of the job the machine follows, so its progress and faults show.
 */
export function isReprintOfLabelJob({ context, event }: GuardArgs): boolean {
  if (event.type !== 'PRINT.JOB' || event.job.reprintOf === null || context.printJobId === null) return false;
  if (event.job.reprintOf === context.printJobId) return true;
  const known = context.printJob;
  return (
    known !== null &&
    event.job.kind === known.kind &&
    event.job.pickingId === known.pickingId &&
    event.job.parcelIndex === known.parcelIndex
  );
}

/**
 * While the submission is in flight the id is not known yet, but the spooler may already report the job (it can
 * know of a fault before the submit call returns). The parcel's own first shipping label is the only candidate.
 */
export const mayBeSubmittedLabelJob = ({ context, event }: GuardArgs): boolean =>
  event.type === 'PRINT.JOB' &&
  event.job.kind === 'shipping-label' &&
  event.job.reprintOf === null &&
  context.picking !== null &&
  event.job.pickingId === context.picking.id &&
  event.job.parcelIndex === context.parcelIndex;

/** `retry` on a failed job re-runs the same job; a job that never got stored, or was cancelled, needs a new one. */
export const labelJobNeedsResubmit = ({ context }: GuardArgs): boolean =>
  context.printJobId === null || context.printJob?.state === 'cancelled';

export const labelJobRetryable = ({ context }: GuardArgs): boolean => context.printJob?.state === 'failed';
