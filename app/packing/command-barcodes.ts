import { stationCommandForBarcode } from '../commands/station-commands';
import type { PackingAction } from '../ipc/contract';

/**
 * What a command barcode asks for: a packer button; `validate`, which has no button; or `elsewhere`, a command of the
 * station's list that another part of the scan intake takes (see below).
 */
export type CommandBarcodeAction = PackingAction | 'validate' | 'elsewhere';

/**
 * Command barcodes the packer can scan instead of pressing a button. Stations reuse the command sheets printed for
 * Odoo's barcode app, so Odoo's own codes mean what they mean there; the `station` rows have no Odoo equivalent.
 * Keys are lower case and matching ignores case because Odoo's own sheets and docs spell them both ways.
 *
 * | Barcode                                     | Origin  | Effect at the station                                                    |
 * |---------------------------------------------|---------|--------------------------------------------------------------------------|
 * | `O-BTN.pack` / `O-CMD.pack`                 | Odoo    | Put in pack: close the current parcel now (needs ≥ 1 item) → weighing    |
 * | `O-BTN.cancel` / `O-CMD.cancel`             | Odoo    | Abandon the picking (from packing, weighing or an error) → idle          |
 * | `O-BTN.validate` / `O-CMD.validate`         | Odoo    | Accepted and ignored: the station validates by itself after the last label |
 * | `O-BTN.retry`                               | station | Retry after a carrier, printer, storage or load failure                  |
 * | `O-BTN.reprint`                             | station | Reprint the last label once the picking is done                          |
 * | `O-BTN.return-label`                        | station | A return label for the current picking, else for the picking scanned next |
 *
 * `validate` never validates a partial picking: finishing needs every line scanned and the last label printed, and
 * at that point the station has already moved on by itself. Recognising the code keeps it from being reported as
 * an unknown barcode.
 *
 * The other codes of the station's command list (app/commands/station-commands.ts, all on the printed command sheet:
 * `O-BTN.ack`, `O-BTN.sign-out`, `O-BTN.return-label`) are taken by the scan intake's interceptors before the
 * machine. One that reaches it anyway (sign-out at a bench where sign-in is off) is `elsewhere`: accepted and
 * ignored, never looked up as a picking name.
 */
export const COMMAND_BARCODES: ReadonlyMap<string, CommandBarcodeAction> = new Map<string, CommandBarcodeAction>([
  ['o-btn.pack', 'pack'],
  ['o-cmd.pack', 'pack'],
  ['o-btn.cancel', 'cancel'],
  ['o-cmd.cancel', 'cancel'],
  ['o-btn.validate', 'validate'],
  ['o-cmd.validate', 'validate'],
  ['o-btn.retry', 'retry'],
  ['o-btn.reprint', 'reprint'],
]);

/** The command a scanned code stands for, or null when it is an ordinary barcode. */
export function commandForBarcode(code: string): CommandBarcodeAction | null {
  return COMMAND_BARCODES.get(code.trim().toLowerCase()) ?? (stationCommandForBarcode(code) ? 'elsewhere' : null);
}

/** The button a scanned code presses, or null (ordinary barcode, `validate` or `elsewhere`, which press nothing). */
export function buttonForBarcode(code: string): PackingAction | null {
  const action = commandForBarcode(code);
  return action === 'validate' || action === 'elsewhere' ? null : action;
}

/**
 * `O-BTN.return-label` is the station's own, not the packing machine's: the scan intake takes it (and the picking
 * scanned after it) before the machine sees either, so packing goes on untouched.
 */
export const RETURN_LABEL_BARCODE = 'o-btn.return-label';

export const isReturnLabelBarcode = (code: string): boolean => code.trim().toLowerCase() === RETURN_LABEL_BARCODE;
