/**
 * No scan is lost: a scan that arrives while the machine runs an effect is held and applied in order once it can
 * take it; a scan it cannot use is refused with the reason on the packer's screen. Context updates only; the chart
 * says where each applies (packing.machine.ts).
 */
import type { PackingContext } from './packing.types';
import { MAX_QUEUED_SCANS, printableScan } from './scan-input';

type Patch = Partial<PackingContext>;

export function queueScan(context: PackingContext, code: string): Patch {
  const queued = context.queuedScans ?? [];
  if (queued.length >= MAX_QUEUED_SCANS) {
    return refuseScan(context, code, `${MAX_QUEUED_SCANS} scans are already waiting for the station; scan it again in a moment`);
  }
  return { queuedScans: [...queued, code] };
}

/** Why a scan cannot be used in a state that waits for something else; keyed by the state's top-level name. */
const WAITING_FOR: Readonly<Record<string, string>> = {
  weighing: 'the parcel is closed and waits for its weight (cancel to change it)',
  weightRejected: 'the parcel waits for a plausible weight (cancel to change it)',
  recordFailed: 'the parcel could not be recorded: retry or cancel first',
  carrierFailed: 'the label could not be bought: retry or cancel first',
  printerFault: 'the label waits for the printer: fix it, retry or cancel first',
  printUncertain: 'the station asks whether the label printed: answer first',
  finishFailed: 'the picking could not be finished: retry or cancel first',
  done: 'the picking is done: scan the next picking',
  idle: 'no picking is open: scan a picking first',
};

export const scanRefusalFor = (state: string): string => WAITING_FOR[state.split('.')[0] ?? ''] ?? 'the station cannot use a scan now';

export const refuseScan = (context: PackingContext, code: string, reason: string): Patch => ({
  scanNotice: `"${printableScan(code)}" was not used: ${reason}`,
  refusedScans: (context.refusedScans ?? 0) + 1,
});

export const clearScanNotice = (): Patch => ({ scanNotice: null });

/**
 * A picking that could not be loaded takes the scans queued behind it along: items of an unknown picking mean
 * nothing, and a burst of noise must not become one Odoo lookup per line.
 */
export function discardQueuedScans(context: PackingContext): Patch {
  const queued = context.queuedScans ?? [];
  if (queued.length === 0) return {};
  return { queuedScans: [], scanNotice: `${queued.length} scan(s) made while the picking was loading were not used: the picking did not load` };
}
