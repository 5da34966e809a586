/**
 * The shift's figures (README "Shift figures"): the supervisor panel's `shift:figures` channel reads them fresh; the
 * report to the hub carries a copy that is read again only when the station database changed or a minute passed,
 * so a station that reports every second neither queries every second nor sends an idle shift as news.
 */
import { stationPerson } from '../../app/people/person.schema';
import { computeShiftFigures, HOUR_MS, REPORT_PACKERS } from '../../app/shift/shift-figures';
import type { ShiftFigures } from '../../app/shift/shift.schema';
import type { Clock, LogSink } from '../../app/ports';
import { errorMessage } from '../../app/domain/errors';
import type { StationDb } from '../../sync/db/station-db';
import { ShiftRecordsQuery } from '../../sync/outbox/shift-records.query';
import type { ResolvedConfig } from '../config/load-config';
import type { StationRoutes } from '../station-core';

/** The panel lists every packer of the shift (a bench sees a handful); the hub report keeps the busiest few. */
const PANEL_PACKERS = 100;
/** The hub's copy: read again at most this often while the database changes, and at least this often anyway. */
const REPORT_MIN_MS = 5_000;
const REPORT_MAX_MS = 60_000;

export interface ShiftDeps {
  db: StationDb;
  clock: Pick<Clock, 'now'>;
}

type ShiftConfig = Pick<ResolvedConfig, 'stationId' | 'people'>;

/** The figures of the last `people.shiftHours` hours as of now, for at most `maxPackers` packers. */
export function shiftFigures(config: ShiftConfig, deps: ShiftDeps, maxPackers: number): () => ShiftFigures {
  const records = new ShiftRecordsQuery(deps.db);
  // With sign-in off the station answers for every record: what names nobody is its own.
  const fallback = config.people.signIn === 'off' ? stationPerson(config.stationId) : null;
  return () => {
    const until = Math.floor(deps.clock.now());
    const from = until - Math.round(config.people.shiftHours * HOUR_MS);
    return computeShiftFigures({ stationId: config.stationId, from, until, fallback, maxPackers }, records.read(from, until));
  };
}

/** The supervisor panel's channel. */
export function shiftRoutes(config: ShiftConfig, deps: ShiftDeps): StationRoutes {
  return { 'shift:figures': shiftFigures(config, deps, PANEL_PACKERS) };
}

/**
 * The copy the station's report to its hub carries (see the file's comment for when it is read again). A read that
 * fails (the database gone under the station) leaves the figures out of the report rather than the report unsent.
 */
export function shiftReport(config: ShiftConfig, deps: ShiftDeps & { log?: LogSink }): () => ShiftFigures | undefined {
  const read = shiftFigures(config, deps, REPORT_PACKERS);
  // SQLite's count of rows this connection changed: the station writes every record through this one connection.
  const changes = deps.db.prepare('SELECT total_changes() AS n').pluck();
  let cached: { figures: ShiftFigures | undefined; at: number; changes: unknown } | null = null;
  return () => {
    const now = deps.clock.now();
    const age = cached === null ? Infinity : now - cached.at;
    try {
      const seen: unknown = changes.get();
      if (cached === null || age >= REPORT_MAX_MS || (age >= REPORT_MIN_MS && seen !== cached.changes)) {
        cached = { figures: read(), at: now, changes: seen };
      }
    } catch (error) {
      if (cached?.figures !== undefined) deps.log?.warn({ err: errorMessage(error) }, 'shift figures not read for the hub report');
      cached = { figures: undefined, at: now, changes: null };
    }
    return cached.figures;
  };
}
