/**
 * Context updates of the packing machine as plain functions, so the machine file stays a readable chart and the
 * arithmetic can be read (and tested) on its own.
 */
import type { Picking, PrintJob, Shipment } from '../domain';
import { errorMessage } from '../domain/errors';
import { say, type Say } from '../i18n/language';
import type { PackingAction } from '../ipc/contract';
import { buttonForBarcode } from './command-barcodes';
import { addScan, buildParcel, checkParcelWeight, type ScannedUnits } from './current-parcel';
import { newerJob } from './label-job';
import { english } from '../i18n/english';
import type { PackingContext, PackingInput, ParcelArgs, PickingArgs, PrintArgs, PrintJobArgs, StationDevice } from './packing.types';

type Patch = Partial<PackingContext>;

const DEFAULT_DONE_TIMEOUT_MS = 15_000;

const EMPTY_PICKING: Patch = {
  picking: null,
  parcelIndex: 1,
  scanned: {},
  inParcel: {},
  tracked: [],
  packageTypeId: null,
  weightCheck: null,
  parcel: null,
  shipment: null,
  setAside: null,
  error: null,
  errorSay: null,
};

export function initialContext(input: PackingInput): PackingContext {
  return {
    tolerancePct: input.weightTolerancePct,
    toleranceG: input.weightToleranceG,
    doneTimeoutMs: input.doneTimeoutMs ?? DEFAULT_DONE_TIMEOUT_MS,
    picking: null,
    parcelIndex: 1,
    scanned: {},
    inParcel: {},
    packageTypeId: null,
    lastScan: null,
    weightCheck: null,
    parcel: null,
    shipment: null,
    // Survives the return to idle: the packer may still need the tracking number of the box just sent.
    lastLabel: null,
    printJobId: null,
    printJob: null,
    error: null,
    weight: null,
    devices: {},
  };
}

/** Forget the picking but keep what describes the station (devices, weight, last label). */
export const resetPicking = (): Patch => EMPTY_PICKING;

export const startPicking = (picking: Picking): Patch => ({ ...EMPTY_PICKING, picking });

export const rememberScan = (code: string): Patch => ({ lastScan: code.trim() });

/** A bare move id counts one unit; an item scan from a GS1 code may count more and carry a lot/serial. */
export function countItem(context: PackingContext, units: number | ScannedUnits): Patch {
  if (!context.picking) return {};
  return addScan(context.picking, context, typeof units === 'number' ? { moveId: units } : units);
}

export const checkWeight = (context: PackingContext, grams: number): Patch => ({
  weightCheck: checkParcelWeight(context, grams),
});

export const acceptWeight = (context: PackingContext, grams: number): Patch => ({
  weightCheck: checkParcelWeight(context, grams),
  parcel: buildParcel(context, grams),
});

export function storeShipment(context: PackingContext, shipment: Shipment): Patch {
  const { picking } = context;
  return {
    shipment,
    lastLabel: picking
      ? { trackingCode: shipment.trackingCode, parcelIndex: context.parcelIndex, pickingName: picking.name }
      : context.lastLabel,
  };
}

export const nextParcel = (context: PackingContext): Patch => ({
  parcelIndex: context.parcelIndex + 1,
  inParcel: {},
  packageTypeId: null,
  weightCheck: null,
  parcel: null,
  shipment: null,
});

export const storeDevice = (
  context: PackingContext,
  device: StationDevice,
  state: string,
  detail: string | undefined,
): Patch => ({
  devices: { ...context.devices, [device]: detail === undefined ? { state } : { state, detail } },
  // A scale that stopped talking has no current weight: showing its last one would be the frozen reading packers
  // complain about.
  ...(device === 'scale' && state !== 'connected' ? { weight: null } : {}),
});

/** `storeError`'s params for a picking that is done or cancelled in Odoo. */
export function closedPickingError(picking: Picking): { message: string; say: Say } {
  const closed = say(picking.state === 'done' ? 'packing.closed.done' : 'packing.closed.cancelled', { picking: picking.name });
  return { message: english(closed), say: closed };
}

/** `storeError`'s params for a reprint that failed: the error's own words inside the station's sentence. */
export function reprintFailedError(error: unknown): { message: string; say: Say } {
  const failed = say('packing.reprintFailed', { error: errorMessage(error) });
  return { message: english(failed), say: failed };
}

// The label's print job.

export const forgetLabelJob = (): Patch => ({ printJobId: null, printJob: null });

/** A report that arrived before its id did keeps only if it is the job the spooler answered with. */
export const storeLabelJobId = (context: PackingContext, jobId: string): Patch => ({
  printJobId: jobId,
  printJob: context.printJob?.id === jobId ? context.printJob : null,
});

export const storeLabelJob = (context: PackingContext, job: PrintJob | null): Patch =>
  job === null ? {} : { printJob: newerJob(context.printJob, job) };

export const followReprint = (job: PrintJob): Patch => ({ printJobId: job.id, printJob: job });

/** Only called behind the `isButtonBarcode` guard. */
export function buttonOf(code: string): PackingAction {
  const action = buttonForBarcode(code);
  if (action === null) throw new Error(`packing machine: "${code}" is not a button barcode`);
  return action;
}

// Inputs of the invoked effects. A missing value here is a bug in the chart, not a field condition: fail loudly.

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`packing machine: no ${what} in this state`);
  return value;
}

export const pickingArgs = (context: PackingContext): PickingArgs => ({ picking: need(context.picking, 'picking') });

export const parcelArgs = (context: PackingContext): ParcelArgs => ({
  ...pickingArgs(context),
  parcel: need(context.parcel, 'parcel'),
});

export const printArgs = (context: PackingContext): PrintArgs => ({
  ...parcelArgs(context),
  shipment: need(context.shipment, 'shipment'),
});

export const labelJobArgs = (context: PackingContext): PrintJobArgs => ({ jobId: need(context.printJobId, 'print job') });
