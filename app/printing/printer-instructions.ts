/**
 * What the operator reads next to a waiting print job: the action to take at the printer, not the flag name.
 * drivers/printers/printer-health-text.ts uses the same wording for the device panel.
 */
import type { PrinterFault, PrinterStatus } from '../domain';

const INSTRUCTION: Readonly<Record<PrinterFault, string>> = {
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

export const instructionFor = (fault: PrinterFault): string => INSTRUCTION[fault];

/** The operator text for a status that is not ready; a not-ready status without a named fault still needs a hand. */
export function instructionForStatus(status: PrinterStatus): string {
  if (status.faults.length === 0) return 'Printer not ready: check the printer';
  return status.faults.map(instructionFor).join('; ');
}

export const UNCERTAIN_TEXT =
  'Did the label print? The printer cannot tell whether the label came out: check the printer and answer';

export const RESENDING_TEXT = "Resending: the printer's own counter shows the label did not print";
