/**
 * Which error the packer must hear and see (a sound, a full-screen flash), read from the machine's state and context
 * like the message is. Whether the packer must act (the sound repeats until acknowledged) follows from what the error
 * asks of them: a wrong or extra item in hand must be put aside, a weight must be checked, a printer or carrier fault
 * needs a hand or a press; an unknown code or a refused scan only asks for the next scan.
 *
 * An alert's identity is its `cause`: the same cause on the next snapshot is the same occurrence (a scale reading does
 * not raise it again), a different one is a new occurrence. A scan refused while an error stands raises it again.
 */
import type { AlertKind } from '../domain';
import { labelJobPhase } from './label-job';
import type { PackingContext } from './packing.types';

export interface AlertCause {
  kind: AlertKind;
  mustAct: boolean;
  /** Equal strings name the same occurrence. */
  cause: string;
  /**
   * A scan error: the machine keeps no trace of a second identical scan (same state, same code), so whoever sees the
   * scans arrive (the station's scan intake) tells one from the next; see AlertTrack.
   */
  perScan: boolean;
}

type Found = Omit<AlertCause, 'cause' | 'perScan'> & { cause: string; perScan?: boolean };

const SCAN_ERRORS: Readonly<Record<string, Omit<Found, 'cause'>>> = {
  'packing.wrongProduct': { kind: 'wrongItem', mustAct: true },
  'packing.overQuantity': { kind: 'overQuantity', mustAct: true },
  'packing.unknownBarcode': { kind: 'unknownBarcode', mustAct: false },
  // The same unit scanned twice: usually a slip of the hand, the next scan goes on.
  'packing.duplicateSerial': { kind: 'otherError', mustAct: false },
};

/** A reprint held by a printer fault, the one thing still going on after a picking is done. */
function heldReprint(context: PackingContext): Found | null {
  const job = context.printJob;
  if (!job || job.reprintOf === null || labelJobPhase(job) !== 'printerWaits') return null;
  return { kind: 'printerFault', mustAct: true, cause: `reprintWaits:${job.id}:${(job.heldBy ?? []).join(',')}` };
}

function printerFault(context: PackingContext): Found {
  const job = context.printJob;
  const faults = job?.heldBy?.join(',') ?? '';
  return { kind: 'printerFault', mustAct: true, cause: `printerFault:${job?.id ?? context.error ?? ''}:${labelJobPhase(job)}:${faults}` };
}

function stateAlert(state: string, context: PackingContext): Found | null {
  const scanError = SCAN_ERRORS[state];
  if (scanError) return { ...scanError, cause: `${state}:${context.lastScan ?? ''}`, perScan: true };
  switch (state) {
    case 'loadFailed':
      return { kind: 'otherError', mustAct: false, cause: `loadFailed:${context.lastScan ?? ''}:${context.error ?? ''}` };
    case 'weightRejected':
      return { kind: 'weightImplausible', mustAct: true, cause: `weightRejected:${context.weightCheck?.grams ?? ''}` };
    case 'recordFailed':
    case 'finishFailed':
      return { kind: 'otherError', mustAct: true, cause: `${state}:${context.error ?? ''}` };
    case 'carrierFailed':
      return { kind: 'carrierFault', mustAct: true, cause: `carrierFailed:${context.error ?? ''}` };
    case 'setAside':
      return { kind: 'carrierFault', mustAct: true, cause: `setAside:${context.picking?.id ?? ''}:${context.parcelIndex}` };
    case 'printerFault':
      return printerFault(context);
    case 'printUncertain':
      return { kind: 'printerFault', mustAct: true, cause: `printUncertain:${context.printJob?.id ?? ''}` };
    case 'idle':
      return heldReprint(context);
    case 'done':
      return heldReprint(context) ?? (context.error ? { kind: 'printerFault', mustAct: false, cause: `done:${context.error}` } : null);
    default:
      return null;
  }
}

/** The error the packer must be alerted to in this state, or null. `state` is the dotted state path. */
export function alertCauseOf(state: string, context: PackingContext): AlertCause | null {
  const refused = context.refusedScans ?? 0;
  const found = stateAlert(state, context);
  if (found) return { kind: found.kind, mustAct: found.mustAct, cause: `${found.cause}#${refused}`, perScan: found.perScan ?? false };
  // A scan the state could not use (an item while weighing, a code while idle): heard once, nothing to silence.
  if (context.scanNotice) return { kind: 'otherError', mustAct: false, cause: `notice#${refused}`, perScan: false };
  return null;
}

/**
 * Gives each occurrence its time and remembers the one acknowledged (by key, command barcode or on another screen
 * showing the station), so every screen stops its sound together. One per station, kept by the core.
 */
export class AlertTrack {
  private current: { key: string; at: number } | null = null;
  private acknowledgedAt: number | null = null;
  private scans = 0;
  private lastAt = 0;

  constructor(private readonly now: () => number) {}

  /** A scan is about to reach the packing machine: the next scan error is a new occurrence even if it looks the same. */
  scanArrived(): void {
    this.scans += 1;
  }

  /** The alert to show for this cause: the same occurrence keeps its `at`; none once it was acknowledged. */
  stamp(cause: AlertCause | null): { kind: AlertKind; at: number; mustAct: boolean } | null {
    if (cause === null) {
      this.current = null;
      return null;
    }
    const key = cause.perScan ? `${cause.cause}@${this.scans}` : cause.cause;
    if (this.current?.key !== key) {
      // Strictly increasing, so two occurrences within one millisecond stay two.
      this.lastAt = Math.max(this.now(), this.lastAt + 1);
      this.current = { key, at: this.lastAt };
    }
    if (this.current.at === this.acknowledgedAt) return null;
    return { kind: cause.kind, at: this.current.at, mustAct: cause.mustAct };
  }

  /** Silences the alert standing now; false when there is none (or it was already acknowledged). */
  acknowledge(): boolean {
    if (this.current === null || this.current.at === this.acknowledgedAt) return false;
    this.acknowledgedAt = this.current.at;
    return true;
  }
}
