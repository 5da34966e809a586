/**
 * What the packer reads on screen when the label printer is not ready: the action to take, not the flag name.
 */
import type { DeviceState, PrinterFault, PrinterStatus } from '../../app/domain';

const FAULT_TEXT: Readonly<Record<PrinterFault, string>> = {
  paper_out: 'Paper out: load labels and close the head',
  ribbon_out: 'Ribbon out: load a new ribbon and close the head',
  head_open: 'Print head open: close the head',
  paused: 'Printer paused: press PAUSE on the printer to resume',
  buffer_full: 'Printer buffer full: wait for queued labels to print',
  over_temperature: 'Print head too hot: let the printer cool down',
  under_temperature: 'Print head too cold: wait for the printer to warm up',
  // A Zebra stays silent to ~HS exactly when the operator has something to fix at the printer.
  no_answer: 'Printer does not answer: check paper and ribbon, close the head, then check the printer is on',
  unreachable: 'Printer unreachable: check it is switched on and its network cable',
};

export const faultText = (fault: PrinterFault): string => FAULT_TEXT[fault];

/** Health state and operator text for a status the printer reported. */
export function healthFromStatus(status: PrinterStatus): { state: DeviceState; detail: string } {
  if (status.ready) {
    const waiting = status.labelsWaiting ?? 0;
    return { state: 'connected', detail: waiting > 0 ? `Ready, ${waiting} label(s) queued` : 'Ready' };
  }
  return { state: 'fault', detail: status.faults.map(faultText).join('; ') };
}
