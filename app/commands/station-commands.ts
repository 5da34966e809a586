/**
 * Every command a packer or supervisor gives at the bench, with its key and its command barcode: the one list the
 * keyboard handler, the scan intake and the printed command sheet share, so a key, a barcode and a sheet never
 * disagree. Barcodes follow Odoo's barcode app (`O-BTN.*`; see app/packing/command-barcodes.ts for how the packing
 * machine reads them); the sheet prints `barcode` as Code 128. `captionKey` is the catalogue key of its caption.
 * Keys are function keys: letters and digits belong to the scan field (a keyboard-wedge scanner types them).
 */
export const STATION_COMMAND_IDS = ['pack', 'cancel', 'retry', 'reprint', 'acknowledge', 'sign-out', 'return-label', 'supervisor'] as const;
export type StationCommandId = (typeof STATION_COMMAND_IDS)[number];

export interface StationCommand {
  id: StationCommandId;
  /** What the command barcode encodes; null for commands that have only a key (opening the panel needs a person, not a sheet). */
  barcode: string | null;
  /** `KeyboardEvent.key` of the key that gives it. */
  key: string;
  captionKey: string;
}

export const STATION_COMMANDS: readonly StationCommand[] = [
  { id: 'pack', barcode: 'O-BTN.pack', key: 'F2', captionKey: 'commands.pack' },
  { id: 'retry', barcode: 'O-BTN.retry', key: 'F3', captionKey: 'commands.retry' },
  { id: 'reprint', barcode: 'O-BTN.reprint', key: 'F4', captionKey: 'commands.reprint' },
  { id: 'return-label', barcode: 'O-BTN.return-label', key: 'F7', captionKey: 'commands.returnLabel' },
  { id: 'cancel', barcode: 'O-BTN.cancel', key: 'F8', captionKey: 'commands.cancel' },
  { id: 'acknowledge', barcode: 'O-BTN.ack', key: 'F9', captionKey: 'commands.acknowledge' },
  { id: 'sign-out', barcode: 'O-BTN.sign-out', key: 'F10', captionKey: 'commands.signOut' },
  { id: 'supervisor', barcode: null, key: 'F12', captionKey: 'commands.supervisor' },
];

export const commandById = (id: StationCommandId): StationCommand => {
  const command = STATION_COMMANDS.find((c) => c.id === id);
  if (!command) throw new Error(`no station command ${id}`);
  return command;
};

/** The command a key gives, or null. */
export const commandForKey = (key: string): StationCommand | null => STATION_COMMANDS.find((c) => c.key === key) ?? null;

/** The command a scanned code stands for (case-insensitive, like Odoo's sheets), or null. */
export const stationCommandForBarcode = (code: string): StationCommand | null => {
  const wanted = code.trim().toLowerCase();
  return STATION_COMMANDS.find((c) => c.barcode !== null && c.barcode.toLowerCase() === wanted) ?? null;
};
