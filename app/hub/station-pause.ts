import { commandForBarcode } from '../packing/command-barcodes';

export interface PauseFacts {
  by: string;
  reason: string;
}

/** Packing-machine states between two pickings: a scan there would start a new one. */
const BETWEEN_PICKINGS: ReadonlySet<string> = new Set(['idle', 'loadFailed', 'done']);

/**
 * Why a scan is refused while a supervisor paused the station, or null when it may go on. A paused station takes no
 * new picking; the picking in progress may be finished, and command barcodes (reprint, …) still work.
 */
export function pauseRefusal(pause: PauseFacts | null, scan: string, machineState: unknown): string | null {
  if (pause === null) return null;
  if (typeof machineState !== 'string' || !BETWEEN_PICKINGS.has(machineState)) return null;
  if (commandForBarcode(scan) !== null) return null;
  return `Paused by ${pause.by}: ${pause.reason}`;
}
