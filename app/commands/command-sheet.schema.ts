import { z } from 'zod';
import { LanguageSchema } from '../i18n/language';

/**
 * A printable sheet of command barcodes in the station's language: the packer's commands (pack, cancel, retry,
 * reprint, sign out, …) and the package types Odoo knows for this station's pickings, each a Code 128 with its
 * caption. Rendered as ZPL for the label printer, as PDF for an office printer, and on screen.
 */
export const CommandSheetEntrySchema = z.object({
  /** What the barcode encodes (printable ASCII, Code 128 set B). */
  code: z.string().min(1).max(60),
  /** Caption under the barcode, already in the sheet's language. */
  caption: z.string().min(1).max(80),
  /** The key that does the same at the station (e.g. `F2`), null when there is none. */
  key: z.string().nullable(),
});
export type CommandSheetEntry = z.infer<typeof CommandSheetEntrySchema>;

export const CommandSheetSchema = z.object({
  stationId: z.string(),
  language: LanguageSchema,
  title: z.string(),
  sections: z.array(z.object({ title: z.string(), entries: z.array(CommandSheetEntrySchema) })),
  /** When the package types were last read from Odoo (they come from the station's picking cache when offline). */
  packageTypesAt: z.number().nullable(),
});
export type CommandSheet = z.infer<typeof CommandSheetSchema>;
