import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { commandSheet, sheetEntries } from '../../app/commands/command-sheet';
import { commandSheetPdf } from '../../app/commands/command-sheet.pdf';
import type { CommandSheet } from '../../app/commands/command-sheet.schema';
import { StationError } from '../../app/domain/errors';
import type { Dpi } from '../../app/domain/shipment.schema';
import { LanguageSchema } from '../../app/i18n/language';
import { commandSheetZpl } from '../../app/labels/command-sheet.zpl';
import type { Clock } from '../../app/ports';
import { createLabelPrinter } from '../../drivers/printers/create-label-printer';
import { openStationDb } from '../../sync/db/station-db';
import { OdooJsonRpcGateway } from '../../sync/odoo/odoo.gateway';
import { loadConfigFile, type ResolvedConfig } from '../config/load-config';
import { systemClock } from '../system-clock';
import { readSheetPackageTypes, type SheetPackageTypes } from '../wiring/commands.wiring';
import { COMMANDS_USAGE } from './commands.usage';

export { COMMANDS_USAGE } from './commands.usage';

export interface CommandsCommandDeps {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
}

/** Package types from Odoo, else from the station database's cached pickings (opened only when it exists). */
async function packageTypes(config: ResolvedConfig, clock: Clock): Promise<SheetPackageTypes> {
  const { odoo: o } = config;
  const gateway = new OdooJsonRpcGateway({ url: o.url, db: o.db, login: o.login, apiKey: o.apiKey, timeoutMs: o.timeoutMs });
  const file = join(config.dataDir, 'station.db');
  const db = existsSync(file) ? openStationDb(file) : null;
  try {
    return await readSheetPackageTypes({ odoo: () => gateway.apiSession(), db, clock });
  } finally {
    db?.close();
  }
}

function fallbackNote(types: SheetPackageTypes): string | null {
  if (types.source === 'odoo') return null;
  const why = `Odoo could not be asked for the package types (${types.odooError ?? 'unknown error'})`;
  if (types.source === 'none') return `${why}; the station holds no copy of them: the sheet has the commands only`;
  return `${why}; they come from the station's copy of ${new Date(types.at ?? 0).toISOString()}`;
}

/** Sends the labels to the configured printer, made for the dpi the printer reports; refuses a printer not ready. */
async function printOnLabelPrinter(sheet: CommandSheet, config: ResolvedConfig, clock: Clock): Promise<{ labels: number; dpi: Dpi }> {
  const printer = createLabelPrinter(config.labelPrinter, { clock });
  await printer.start();
  try {
    const status = await printer.status();
    if (!status.ready) throw new StationError('DEVICE', `the label printer is not ready (${status.faults.join(', ') || 'not ready'}): nothing was sent`);
    const dpi = printer.dpi();
    const zpl = commandSheetZpl(sheet, { dpi });
    await printer.print(zpl);
    return { labels: zpl.split('^XA').length - 1, dpi };
  } finally {
    await printer.stop();
  }
}

/**
 * `station commands`: the command sheet of a station, from a shell, without the station running: written as ZPL or
 * PDF, sent to the label printer, or listed.
 */
export async function runCommands(args: string[], deps: CommandsCommandDeps = {}): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { config: { type: 'string', short: 'c' }, language: { type: 'string' }, zpl: { type: 'string' }, pdf: { type: 'string' }, print: { type: 'boolean', default: false } },
  });
  const out = deps.stdout ?? ((text: string) => process.stdout.write(text));
  const err = deps.stderr ?? ((text: string) => process.stderr.write(text));
  const clock = deps.clock ?? systemClock;
  const outputs = [values.zpl !== undefined, values.pdf !== undefined, values.print].filter(Boolean).length;
  if (outputs > 1) throw new StationError('CONFIG', `choose one of --zpl, --pdf and --print\nusage:\n${COMMANDS_USAGE}`);
  const language = values.language === undefined ? undefined : LanguageSchema.safeParse(values.language);
  if (language && !language.success) throw new StationError('CONFIG', `--language must be one of en, de, fr, es (not "${values.language}")`);
  const config = loadConfigFile(values.config ?? 'station.json', deps.env ?? process.env);
  const types = await packageTypes(config, clock);
  const note = fallbackNote(types);
  if (note) err(`station commands: ${note}\n`);
  const sheet = commandSheet({ stationId: config.stationId, language: language?.data ?? config.ui.language, packageTypes: types.packageTypes, packageTypesAt: types.at });
  const counts = `${sheet.sections[0]?.entries.length ?? 0} commands, ${types.packageTypes.length} package types`;
  if (values.zpl !== undefined) {
    const zpl = commandSheetZpl(sheet, { dpi: config.labelPrinter.dpi });
    writeFileSync(values.zpl, zpl);
    out(`Command sheet of ${config.stationId} (${sheet.language}, ${counts}): ${zpl.split('^XA').length - 1} label(s) at ${config.labelPrinter.dpi} dpi written to ${values.zpl}\n`);
  } else if (values.pdf !== undefined) {
    writeFileSync(values.pdf, commandSheetPdf(sheet, { createdAt: clock.now() }));
    out(`Command sheet of ${config.stationId} (${sheet.language}, ${counts}) written to ${values.pdf}\n`);
  } else if (values.print) {
    const printed = await printOnLabelPrinter(sheet, config, clock);
    out(`Command sheet of ${config.stationId} (${sheet.language}, ${counts}): ${printed.labels} label(s) at ${printed.dpi} dpi sent to ${config.labelPrinter.url}\n`);
  } else {
    out(`${sheet.title}\n${sheetEntries(sheet).map((e) => `  ${e.code.padEnd(22)} ${e.key?.padEnd(4) ?? '    '} ${e.caption}`).join('\n')}\n`);
  }
  return 0;
}
