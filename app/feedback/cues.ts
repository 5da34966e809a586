/**
 * What the packer hears, as a pure function of two successive packing views: the screen plays the cue of each change
 * it is shown. Working from views (not from events) means every screen showing the station hears the same thing. A
 * screen that (re)connects hears no old success (its first view has no "before"), but does hear an alert still standing.
 */
import type { AlertKind, PackingView } from '../domain/packing-view.schema';

export type SuccessCue = 'itemAccepted' | 'parcelComplete' | 'labelPrinted';
export type Cue = SuccessCue | AlertKind;

export const SUCCESS_CUES: readonly SuccessCue[] = ['itemAccepted', 'parcelComplete', 'labelPrinted'];

const topOf = (state: string): string => state.split('.')[0] ?? state;

/** States a parcel waits in until its weight is taken; leaving them forward means the parcel was closed and weighed. */
const WEIGHING = new Set(['weighing', 'weightRejected']);
/** Where a weighed parcel goes next (a cancel goes to idle, which closed nothing). */
const AFTER_WEIGHT = new Set(['recordingParcel', 'recordFailed', 'buyingLabel', 'carrierFailed', 'setAside', 'printing']);

const scannedUnits = (view: PackingView): number => view.picking?.lines.reduce((sum, line) => sum + line.scanned, 0) ?? 0;

function itemAccepted(prev: PackingView, next: PackingView): boolean {
  if (prev.picking === null || next.picking === null || prev.picking.id !== next.picking.id) return false;
  return scannedUnits(next) > scannedUnits(prev);
}

const parcelComplete = (prev: PackingView, next: PackingView): boolean =>
  WEIGHING.has(topOf(prev.state)) && AFTER_WEIGHT.has(topOf(next.state));

/** The label of the current parcel (or its reprint) came out: its job turned `confirmed`. */
function labelPrinted(prev: PackingView, next: PackingView): boolean {
  const job = next.printJob;
  if (job === null || job.state !== 'confirmed' || job.kind !== 'shipping-label') return false;
  return prev.printJob?.id !== job.id || prev.printJob.state !== 'confirmed';
}

/** A new alert: one the previous view did not show (another kind, or the same kind raised again). */
export function newAlert(prev: PackingView | null, next: PackingView): PackingView['alert'] {
  const alert = next.alert ?? null;
  if (alert === null) return null;
  const before = prev?.alert ?? null;
  return before !== null && before.at === alert.at && before.kind === alert.kind ? null : alert;
}

/** The cue for going from `prev` to `next`, or null. An error outranks success; a printed label, a closed parcel. */
export function cueFor(prev: PackingView | null, next: PackingView): Cue | null {
  const alert = newAlert(prev, next);
  if (alert) return alert.kind;
  if (prev === null) return null;
  if (labelPrinted(prev, next)) return 'labelPrinted';
  if (parcelComplete(prev, next)) return 'parcelComplete';
  if (itemAccepted(prev, next)) return 'itemAccepted';
  return null;
}
