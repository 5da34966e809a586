/** The packer's screen as a pure function of the machine's snapshot: the UI never reasons about states. */
import type { SnapshotFrom } from 'xstate';
import type { PackingView } from '../domain';
import type { PackingAction } from '../ipc/contract';
import { alertCauseOf, type AlertTrack } from './alert';
import { countOf, expectedParcelWeightG, parcelHasItems } from './current-parcel';
import { labelJobPhase } from './label-job';
import type { packingMachine } from './packing.machine';
import type { PackingContext } from './packing.types';
import { messageFor, noticeOf } from './packing-view.messages';
import { statePath } from './state-path';

export type PackingSnapshot = SnapshotFrom<typeof packingMachine>;

export { statePath };

/** Exactly the commands the current state acts on, so the UI never offers a button that does nothing. */
function actionsFor(state: string, context: PackingContext): PackingAction[] {
  const top = state.split('.')[0];
  switch (top) {
    case 'loadingPicking':
    case 'weighing':
    case 'weightRejected':
    case 'setAside':
      return ['cancel'];
    case 'loadFailed':
      return context.lastScan ? ['retry', 'cancel'] : ['cancel'];
    case 'packing':
      return parcelHasItems(context.inParcel) ? ['pack', 'cancel'] : ['cancel'];
    case 'recordFailed':
    case 'carrierFailed':
    case 'finishFailed':
      return ['retry', 'cancel'];
    case 'printerFault':
      // A held job prints by itself once the printer is fixed: there is nothing to press.
      return labelJobPhase(context.printJob) === 'printerWaits' ? [] : ['retry', 'cancel'];
    case 'done':
      return context.printJobId !== null ? ['reprint'] : [];
    default:
      return [];
  }
}

function pickingView(context: PackingContext): PackingView['picking'] {
  const { picking } = context;
  if (!picking) return null;
  return {
    id: picking.id,
    name: picking.name,
    partnerName: picking.partner.name,
    carrierName: picking.carrier?.name ?? null,
    lines: picking.lines.map((line) => ({
      moveId: line.moveId,
      productName: line.productName,
      barcode: line.barcode,
      expected: line.quantity,
      scanned: countOf(context.scanned, line.moveId),
      inCurrentParcel: countOf(context.inParcel, line.moveId),
    })),
    parcelIndex: context.parcelIndex,
  };
}

/**
 * `alerts`: the station's alert track (the core keeps one); without it the view carries no `alert`, as for tests and
 * tools that look at the machine alone.
 */
export function toPackingView(snapshot: PackingSnapshot, alerts?: Pick<AlertTrack, 'stamp'>): PackingView {
  const { context } = snapshot;
  const state = statePath(snapshot.value);
  const { message, say, tone } = messageFor(state, context);
  return {
    state,
    message,
    say,
    tone,
    picking: pickingView(context),
    weight: context.weight,
    expectedWeightG: expectedParcelWeightG(context),
    lastLabel: context.lastLabel,
    printJob: context.printJob,
    ...noticeOf(context),
    // Only while set aside, so every other view stays as it was before the field existed.
    ...(state === 'setAside' && context.setAside ? { setAside: context.setAside } : {}),
    ...(alerts ? { alert: alerts.stamp(alertCauseOf(state, context)) } : {}),
    actions: actionsFor(state, context),
  };
}
