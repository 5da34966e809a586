/**
 * The command sheet at the station and in the CLI: package types read from Odoo (or, when Odoo is out of reach,
 * from the station's newest cached picking, which carries the list as Odoo last gave it), the sheet built in the
 * language asked for, and the supervisor panel's channels: `commands:sheet` shows it, `commands:print` queues it on
 * the label printer through the print queue (a print job like any label: retried, listed, its fate known).
 */
import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import { commandSheet, type SheetPackageType } from '../../app/commands/command-sheet';
import type { CommandSheet } from '../../app/commands/command-sheet.schema';
import { errorMessage } from '../../app/domain/errors';
import type { Dpi } from '../../app/domain/shipment.schema';
import type { Language } from '../../app/i18n/language';
import { commandSheetZpl } from '../../app/labels/command-sheet.zpl';
import type { Clock, PrintSpooler } from '../../app/ports';
import type { SessionGate } from '../../app/people/people.ports';
import { personLabel } from '../../app/people/person.schema';
import type { OdooExec } from '../../sync/odoo/odoo-exec';
import { readPackageTypes } from '../../sync/odoo/package-types.reader';
import { cachedPackageTypes } from '../../sync/outbox/cached-package-types';
import type { StationRoutes } from '../station-core';

export interface SheetPackageTypes {
  packageTypes: SheetPackageType[];
  /** When they were read from Odoo (now, or when the cached copy was); null when never. */
  at: number | null;
  source: 'odoo' | 'cache' | 'none';
  /** Why Odoo was not asked successfully; null when it answered. */
  odooError: string | null;
}

/** Odoo first; its failure (down, refused, slow) falls back to the cached list (`db`: the station's), then to none. */
export async function readSheetPackageTypes(deps: { odoo(): Promise<OdooExec>; db: Database | null; clock: Clock }): Promise<SheetPackageTypes> {
  try {
    const packageTypes = await readPackageTypes(await deps.odoo());
    return { packageTypes, at: deps.clock.now(), source: 'odoo', odooError: null };
  } catch (error) {
    const cached = deps.db ? cachedPackageTypes(deps.db) : null;
    const odooError = errorMessage(error);
    return cached ? { packageTypes: cached.packageTypes, at: cached.at, source: 'cache', odooError } : { packageTypes: [], at: null, source: 'none', odooError };
  }
}

export interface CommandRoutesDeps {
  stationId: string;
  /** The station's language now (a request may ask for another). */
  language(): Language;
  odoo(): Promise<OdooExec>;
  db: Database;
  clock: Clock;
  log: Logger;
  session: SessionGate;
  printing: { spooler: Pick<PrintSpooler, 'submit'>; labelPrinter: { dpi(): Dpi } };
}

export function createCommandRoutes(deps: CommandRoutesDeps): Pick<StationRoutes, 'commands:sheet' | 'commands:print'> {
  const sheet = async (language: Language | undefined): Promise<CommandSheet> => {
    const types = await readSheetPackageTypes(deps);
    if (types.odooError !== null) deps.log.warn({ err: types.odooError, source: types.source }, 'command sheet: package types not read from Odoo');
    return commandSheet({ stationId: deps.stationId, language: language ?? deps.language(), packageTypes: types.packageTypes, packageTypesAt: types.at });
  };
  return {
    'commands:sheet': ({ language }) => sheet(language),
    'commands:print': async ({ language }) => {
      try {
        const zpl = commandSheetZpl(await sheet(language), { dpi: deps.printing.labelPrinter.dpi() });
        const jobId = deps.printing.spooler.submit({ kind: 'command-sheet', target: 'label', pickingId: null, parcelIndex: null, data: zpl });
        const person = deps.session.person();
        deps.log.info({ jobId, by: person ? personLabel(person) : null }, 'command sheet queued on the label printer');
        return { accepted: true, jobId };
      } catch (error) {
        return { accepted: false, error: errorMessage(error) };
      }
    },
  };
}
