/**
 * What the packer reads on screen when the label printer is not ready: the action to take, not the flag name.
 * The wording is the print queue's (app/printing), so the device panel and a waiting job say the same thing.
 */
import type { DeviceState, PrinterFault, PrinterStatus } from '../../app/domain';
import { instructionFor } from '../../app/printing/printer-instructions';

export const faultText = (fault: PrinterFault): string => instructionFor(fault);

/** Health state and operator text for a status the printer reported. */
export function healthFromStatus(status: PrinterStatus): { state: DeviceState; detail: string } {
  if (status.ready) {
    const waiting = status.labelsWaiting ?? 0;
    return { state: 'connected', detail: waiting > 0 ? `Ready, ${waiting} label(s) queued` : 'Ready' };
  }
  return { state: 'fault', detail: status.faults.map(faultText).join('; ') };
}
