/**
 * The command sheet as data: the bench's command barcodes (app/commands/station-commands.ts, those that have one)
 * and a barcode per package type Odoo knows, captioned in the sheet's language. The ZPL, PDF and screen renderings
 * all draw this one model, so a printed sheet and the panel never differ.
 */
import type { PackageType } from '../domain/picking.schema';
import { translator } from '../i18n/catalogues';
import type { Language, SayParams } from '../i18n/language';
import { type CommandSheet, type CommandSheetEntry, CommandSheetSchema } from './command-sheet.schema';
import { encodeCode128, isCode128Text } from './code128';
import { stationPackageTypeCode } from './package-type-codes';
import { STATION_COMMANDS } from './station-commands';

export type SheetPackageType = Pick<PackageType, 'id' | 'name' | 'barcode'>;

export interface CommandSheetInput {
  stationId: string;
  language: Language;
  /** The package types Odoo knows, in Odoo's order (sequence, id). */
  packageTypes: readonly SheetPackageType[];
  /** When they were read from Odoo; null when the station never read them. */
  packageTypesAt: number | null;
}

/**
 * The widest symbol the sheet prints, in modules without quiet zones: 0.25 mm modules and their quiet zones fit the
 * 93 mm a 4 in label leaves inside its margins: 28 characters of set B; digits count half.
 */
export const MAX_SYMBOL_MODULES = 350;
const MAX_CAPTION = 80;

const printable = (code: string): boolean => isCode128Text(code) && encodeCode128(code).modules <= MAX_SYMBOL_MODULES;

/**
 * The barcode a package type gets on the sheet: its own Odoo barcode when Code 128 can carry it within the width,
 * else the station's code for it (`O-PKG.<id>`), which the scan classification accepts just the same.
 */
export const packageTypeSheetCode = (type: SheetPackageType): string =>
  type.barcode !== null && printable(type.barcode.trim()) ? type.barcode.trim() : stationPackageTypeCode(type.id);

const clip = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_CAPTION ? flat : `${flat.slice(0, MAX_CAPTION - 1)}…`;
};

/** A message of the sheet's area in `language` (no weights on the sheet: the units do not matter). */
export const sheetText = (language: Language, key: string, params: SayParams = {}): string =>
  translator.t(key, { language, weightUnits: 'metric' }, params);

export function commandSheet(input: CommandSheetInput): CommandSheet {
  const t = (key: string, params?: SayParams) => sheetText(input.language, key, params);
  const commands: CommandSheetEntry[] = STATION_COMMANDS.flatMap((command) =>
    command.barcode === null ? [] : [{ code: command.barcode, caption: t(command.captionKey), key: command.key }],
  );
  const packageTypes: CommandSheetEntry[] = input.packageTypes.map((type) => ({
    code: packageTypeSheetCode(type),
    caption: clip(type.name) || packageTypeSheetCode(type),
    key: null,
  }));
  const sections = [{ title: t('commands.sheet.commands'), entries: commands }];
  if (packageTypes.length > 0) sections.push({ title: t('commands.sheet.packageTypes'), entries: packageTypes });
  return CommandSheetSchema.parse({
    stationId: input.stationId,
    language: input.language,
    title: t('commands.sheet.title', { station: input.stationId }),
    sections,
    packageTypesAt: input.packageTypesAt,
  });
}

/** The words every rendering adds around the entries, in the sheet's language. */
export interface SheetWords {
  howTo: string;
  key(key: string): string;
  page(page: number, pages: number): string;
  /** Where the package types come from (or why there are none). */
  packageTypesNote: string;
}

export function sheetWords(sheet: CommandSheet): SheetWords {
  const t = (key: string, params?: SayParams) => sheetText(sheet.language, key, params);
  const at = sheet.packageTypesAt;
  return {
    howTo: t('commands.sheet.howTo'),
    key: (key) => t('commands.sheet.key', { key }),
    page: (page, pages) => t('commands.sheet.page', { page, pages }),
    packageTypesNote:
      at === null
        ? t('commands.sheet.noPackageTypes')
        : t('commands.sheet.packageTypesAt', { at: new Intl.DateTimeFormat(sheet.language, { dateStyle: 'medium', timeStyle: 'short' }).format(at) }),
  };
}

/** Every entry of the sheet in print order. */
export const sheetEntries = (sheet: CommandSheet): CommandSheetEntry[] => sheet.sections.flatMap((section) => section.entries);
