/**
 * The three questions the print worker asks any printer, with every failure already turned into an observation:
 * the worker decides on what the printer said, and "could not ask" is an answer too.
 */
import type { LabelPrinter, SlipPrinter } from '../../app/ports';
import type { ObservedStatus } from '../../app/printing/print-decisions';

export interface PrinterChannel {
  status(): Promise<ObservedStatus>;
  /** The printer's own label counter, or null when it cannot count or cannot be asked. */
  labelCount(): Promise<number | null>;
  /** Rejects exactly as the driver does, so the failure can be classified. */
  print(data: string): Promise<void>;
}

export function labelChannel(printer: LabelPrinter): PrinterChannel {
  return {
    status: () => printer.status().then((s): ObservedStatus => s, (): ObservedStatus => 'unreachable'),
    labelCount: () =>
      printer.labelCount().then(
        (n) => (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null),
        () => null,
      ),
    print: (zpl) => printer.print(zpl),
  };
}

/** ESC/POS printers have no odometer; `data` is base64 of the bytes to send. */
export function slipChannel(printer: SlipPrinter): PrinterChannel {
  return {
    status: () => printer.status().then((s): ObservedStatus => s ?? 'unknown', (): ObservedStatus => 'unreachable'),
    labelCount: () => Promise.resolve(null),
    print: (data) => printer.print(new Uint8Array(Buffer.from(data, 'base64'))),
  };
}
